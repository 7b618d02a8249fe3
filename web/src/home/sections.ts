import type { ComponentType } from 'react';
import { ApprovalsDue } from '../governance/ApprovalsDue';
import { MyUseCasesNeedingAttention } from './MyUseCasesNeedingAttention';
import { MetricsDue } from '../measurement/MetricsDue';
import { OpenIncidents } from '../measurement/OpenIncidents';
import { ReviewsWaiting } from './ReviewsWaiting';

/**
 * One part of "what needs me". A section whose capability has not landed yet names it instead of a component; it
 * gets its component when that capability's API exists.
 */
export interface HomeSection {
  id: string;
  title: string;
  permission: string;
  component?: ComponentType;
  arrivesWith?: string;
}

export const HOME_SECTIONS: HomeSection[] = [
  { id: 'my-use-cases', title: 'Your use cases that need you', permission: 'usecase:update', component: MyUseCasesNeedingAttention },
  { id: 'approvals', title: 'Approvals due', permission: 'approval:decide', component: ApprovalsDue },
  { id: 'reviews', title: 'Reviews waiting', permission: 'review:decide', component: ReviewsWaiting },
  { id: 'metrics', title: 'Metrics due for review', permission: 'metric:manage', component: MetricsDue },
  { id: 'incidents', title: 'Open incidents', permission: 'incident:manage', component: OpenIncidents },
];
