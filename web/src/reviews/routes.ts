import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import { REVIEW_STATUSES, type ReviewStatus } from './types';

/** The queue's address: which decisions it lists (pending unless said), and the item open. */
export interface ReviewSearch {
  status?: Exclude<ReviewStatus, 'pending'>;
  item?: string;
}

export function readReviewSearch(search: Record<string, unknown>): ReviewSearch {
  const status = REVIEW_STATUSES.find((s) => s !== 'pending' && s === search.status) as ReviewSearch['status'];
  const item = typeof search.item === 'string' && search.item.trim() ? search.item.trim() : undefined;
  return Object.fromEntries(Object.entries({ status, item }).filter(([, v]) => v !== undefined)) as ReviewSearch;
}

const reviewsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/reviews',
  validateSearch: readReviewSearch,
  beforeLoad: requirePermission('review:decide'),
  component: lazyRouteComponent(() => import('./ReviewQueuePage'), 'ReviewQueuePage'),
});

export const reviewRoutes = [reviewsRoute];
