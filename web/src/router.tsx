import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { evalRoutes } from './evals/routes';
import { gatewayRoutes } from './gateway/routes';
import { governanceRoutes } from './governance/routes';
import { homeRoute } from './home/HomePage';
import { ledgerRoutes } from './ledger/routes';
import { measurementRoutes } from './measurement/routes';
import { platformRoutes } from './platform/routes';
import { portfolioRoutes } from './portfolio/routes';
import { reviewRoutes } from './reviews/routes';
import { signInRoute } from './session/SignInPage';
import { rootRoute } from './shell/root';
import { signedInRoute } from './shell/signedIn';
import { ErrorState, Loading } from './shell/states';
import { peopleRoutes } from './people/routes';
import { programmeRoutes } from './programme/routes';
import { intakeRoutes } from './intake/routes';

/** Every screen. A capability adds its routes (and a NAVIGATION entry) when its API lands. */
const routeTree = rootRoute.addChildren([signInRoute, signedInRoute.addChildren([homeRoute, ...portfolioRoutes, ...gatewayRoutes, ...reviewRoutes, ...platformRoutes, ...ledgerRoutes, ...governanceRoutes, ...evalRoutes, ...measurementRoutes, ...peopleRoutes, ...programmeRoutes, ...intakeRoutes])]);

export function createCharterRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: () => <Loading label="Loading" />,
    defaultErrorComponent: ({ error, reset }) => <ErrorState error={error} retry={reset} />,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createCharterRouter>;
  }
}
