import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import { ASSET_KINDS, ASSET_STATUSES, type AssetFilter } from './types';

const oneOf = <T extends string>(list: readonly T[], v: unknown) => ((list as readonly unknown[]).includes(v) ? (v as T) : undefined);

/** The library's filters from the address, dropping anything it does not know. */
export function readAssetSearch(search: Record<string, unknown>): AssetFilter {
  const parsed: AssetFilter = { kind: oneOf(ASSET_KINDS, search.kind), status: oneOf(ASSET_STATUSES, search.status) };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as AssetFilter;
}

// The plan, the maturity assessment and the review packs are read with usecase:read (src/programme/*routes.ts);
// changing them takes programme:manage, which the screens check before offering it.
const programmeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/programme',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./ProgrammePage'), 'ProgrammePage'),
});

const reviewPackRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/programme/reviews/$reviewId',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./ReviewPackPage'), 'ReviewPackPage'),
});

const assetsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/programme/assets',
  validateSearch: readAssetSearch,
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./AssetsPage'), 'AssetsPage'),
});

const assetRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/programme/assets/$assetId',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./AssetPage'), 'AssetPage'),
});

const forumRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/programme/forum',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./ForumPage'), 'ForumPage'),
});

// A use case's forum record: decisions read with usecase:read; asks take usecase:update and lessons usecase:create.
const useCaseForumRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/forum',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./UseCaseForumPage'), 'UseCaseForumPage'),
});

export const programmeRoutes = [programmeRoute, reviewPackRoute, assetsRoute, assetRoute, forumRoute, useCaseForumRoute];
