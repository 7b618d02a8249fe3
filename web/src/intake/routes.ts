import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';

const intakeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/intake',
  beforeLoad: requirePermission('usecase:create'),
  component: lazyRouteComponent(() => import('./IntakePage'), 'IntakePage'),
});

export const intakeRoutes = [intakeRoute];
