import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';

/** The two runs a comparison puts side by side. */
export interface CompareSearch {
  a?: string;
  b?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function readCompareSearch(search: Record<string, unknown>): CompareSearch {
  const parsed: CompareSearch = { a: text(search.a), b: text(search.b) };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as CompareSearch;
}

const evaluationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/evaluations',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./EvaluationsPage'), 'EvaluationsPage'),
});

const datasetsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/evaluations/datasets',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./DatasetsPage'), 'DatasetsPage'),
});

const compareRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/eval-runs/compare',
  validateSearch: readCompareSearch,
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./ComparePage'), 'ComparePage'),
});

const runRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/eval-runs/$runId',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./RunPage'), 'RunPage'),
});

export const evalRoutes = [evaluationsRoute, datasetsRoute, compareRoute, runRoute];
