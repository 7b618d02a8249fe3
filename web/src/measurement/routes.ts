import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';

/** The metrics tab's address: which metric the chart shows, over which range. */
export interface MetricsSearch {
  metric?: string;
  range?: '24h' | '7d' | '90d';
}

export function readMetricsSearch(search: Record<string, unknown>): MetricsSearch {
  const metric = typeof search.metric === 'string' && search.metric.trim() ? search.metric.trim() : undefined;
  const range = (['24h', '7d', '90d'] as const).find((r) => r === search.range);
  return Object.fromEntries(Object.entries({ metric, range }).filter(([, v]) => v !== undefined)) as MetricsSearch;
}

/** The explorer's address: which metric, over which value stream (or the portfolio) and range. */
export interface ExplorerSearch extends MetricsSearch {
  stream?: string;
}

export function readExplorerSearch(search: Record<string, unknown>): ExplorerSearch {
  const stream = typeof search.stream === 'string' && search.stream.trim() ? search.stream.trim() : undefined;
  return { ...readMetricsSearch(search), ...(stream ? { stream } : {}) };
}

const measurementRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/measurement',
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./ScorecardPage'), 'ScorecardPage'),
});

const explorerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/measurement/explorer',
  validateSearch: readExplorerSearch,
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./MetricExplorerPage'), 'MetricExplorerPage'),
});

const useCaseMetricsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/metrics',
  validateSearch: readMetricsSearch,
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./MetricsPage'), 'MetricsPage'),
});

const incidentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/incidents',
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./IncidentsPage'), 'IncidentsPage'),
});

const incidentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/incidents/$incidentId',
  beforeLoad: requirePermission('metric:read'),
  component: lazyRouteComponent(() => import('./IncidentPage'), 'IncidentPage'),
});

export const measurementRoutes = [measurementRoute, explorerRoute, useCaseMetricsRoute, incidentsRoute, incidentRoute];
