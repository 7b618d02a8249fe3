import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { meKey, type Me } from '../session/session';

/** Riley, a risk reviewer, who may run evaluations. */
export const riley: Me = {
  user: { id: 'usr_riley', email: 'riley.risk@northwind.example', name: 'Riley Chen' },
  tenantId: 'ten_northwind',
  roles: ['risk_reviewer'],
  permissions: ['usecase:read', 'gate:signoff', 'gate:evaluate', 'eval:run'],
  tenants: [{ id: 'ten_northwind', slug: 'northwind', name: 'Northwind Mutual', roles: ['risk_reviewer'] }],
};

/** Renders a screen part that links elsewhere inside a router of its own, with a fresh query cache, as Riley sees it. */
export async function renderRouted(Screen: () => ReactNode, me: Me = riley) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  client.setQueryData(meKey, me);
  const router = createRouter({ routeTree: createRootRoute({ component: Screen }), history: createMemoryHistory({ initialEntries: ['/'] }) });
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  await router.load();
  return { ...view, client };
}
