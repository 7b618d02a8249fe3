import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';

/** The live traffic screen's address: an outcome to show only, and the call open in detail. */
export interface TrafficSearch {
  outcome?: string;
  call?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function readTrafficSearch(search: Record<string, unknown>): TrafficSearch {
  const parsed: TrafficSearch = { outcome: text(search.outcome), call: text(search.call) };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as TrafficSearch;
}

const keysRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/keys',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./KeysPage'), 'KeysPage'),
});

const trafficRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/traffic',
  validateSearch: readTrafficSearch,
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./TrafficPage'), 'TrafficPage'),
});

export const gatewayRoutes = [keysRoute, trafficRoute];
