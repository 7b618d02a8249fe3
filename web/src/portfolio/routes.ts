import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import type { PortfolioFilter } from './types';
import { STAGES, TIERS, type Stage, type Tier } from './vocabulary';

export interface PortfolioSearch {
  view?: 'board';
  stage?: Stage;
  tier?: Tier;
  valueStreamId?: string;
  ownerId?: string;
  q?: string;
  orphaned?: true;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const oneOf = <T extends string>(list: readonly T[], v: unknown) => (list as readonly unknown[]).includes(v) ? (v as T) : undefined;

/** Reads the portfolio's view and filters from the address, dropping anything it does not know. */
export function readPortfolioSearch(search: Record<string, unknown>): PortfolioSearch {
  const parsed: PortfolioSearch = {
    view: search.view === 'board' ? 'board' : undefined,
    stage: oneOf(STAGES, search.stage),
    tier: oneOf(TIERS, search.tier),
    valueStreamId: text(search.valueStreamId),
    ownerId: text(search.ownerId),
    q: text(search.q),
    orphaned: search.orphaned === true || search.orphaned === 'true' ? true : undefined,
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as PortfolioSearch;
}

export const toFilter = (s: PortfolioSearch): PortfolioFilter => ({
  stage: s.stage ? [s.stage] : undefined,
  tier: s.tier ? [s.tier] : undefined,
  valueStreamId: s.valueStreamId,
  ownerId: s.ownerId,
  q: s.q,
  orphaned: s.orphaned,
});

const portfolioRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/portfolio',
  validateSearch: readPortfolioSearch,
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./PortfolioPage'), 'PortfolioPage'),
});

const inventoryImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/portfolio/import',
  beforeLoad: requirePermission('usecase:import'),
  component: lazyRouteComponent(() => import('./InventoryImportPage'), 'InventoryImportPage'),
});

const newUseCaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/new',
  beforeLoad: requirePermission('usecase:create'),
  component: lazyRouteComponent(() => import('./NewUseCasePage'), 'NewUseCasePage'),
});

const useCaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./UseCasePage'), 'UseCasePage'),
});

const editUseCaseRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/edit',
  beforeLoad: requirePermission('usecase:update'),
  component: lazyRouteComponent(() => import('./EditUseCasePage'), 'EditUseCasePage'),
});

export const portfolioRoutes = [portfolioRoute, inventoryImportRoute, newUseCaseRoute, useCaseRoute, editUseCaseRoute];
