import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import { EXCEPTION_STATES, type ExceptionState } from './types';

/** The governance screen's address: which exceptions it lists (those waiting for a decision unless said). */
export interface GovernanceSearch {
  exceptions?: Exclude<ExceptionState, 'requested'>;
}

export function readGovernanceSearch(search: Record<string, unknown>): GovernanceSearch {
  const exceptions = EXCEPTION_STATES.find((s) => s !== 'requested' && s === search.exceptions) as GovernanceSearch['exceptions'];
  return exceptions ? { exceptions } : {};
}

/** The policy packs screen's address: the version open, and the version it is compared against. */
export interface PackSearch {
  version?: string;
  against?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 80) : undefined);

export function readPackSearch(search: Record<string, unknown>): PackSearch {
  const parsed: PackSearch = { version: text(search.version), against: text(search.against) };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as PackSearch;
}

const useCaseGovernanceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/governance',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./UseCaseGovernancePage'), 'UseCaseGovernancePage'),
});

const governanceRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/governance',
  validateSearch: readGovernanceSearch,
  beforeLoad: requirePermission('approval:decide'),
  component: lazyRouteComponent(() => import('./GovernancePage'), 'GovernancePage'),
});

const policyPacksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/governance/policy-packs',
  validateSearch: readPackSearch,
  beforeLoad: requirePermission('policy:read'),
  component: lazyRouteComponent(() => import('./PolicyPacksPage'), 'PolicyPacksPage'),
});

export const governanceRoutes = [useCaseGovernanceRoute, governanceRoute, policyPacksRoute];
