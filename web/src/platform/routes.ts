import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';

/** The main navigation's entry to the platform screens (so it shows as current on all of them): the catalogue first. */
const platformRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/platform',
  beforeLoad: () => {
    throw redirect({ to: '/platform/models', replace: true });
  },
});

const catalogueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/platform/models',
  beforeLoad: requirePermission('usecase:read'),
  component: lazyRouteComponent(() => import('./CataloguePage'), 'CataloguePage'),
});

const gatewaySettingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/platform/gateway',
  beforeLoad: requirePermission('catalogue:manage'),
  component: lazyRouteComponent(() => import('./GatewaySettingsPage'), 'GatewaySettingsPage'),
});

export const platformRoutes = [platformRoute, catalogueRoute, gatewaySettingsRoute];
