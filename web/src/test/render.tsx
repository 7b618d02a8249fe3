import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { meKey, type Me } from '../session/session';

export const olivia: Me = {
  user: { id: 'usr_olivia', email: 'olivia.owner@northwind.example', name: 'Olivia Okafor' },
  tenantId: 'ten_northwind',
  roles: ['business_owner'],
  permissions: ['usecase:read', 'usecase:create', 'usecase:update', 'usecase:transition'],
  tenants: [{ id: 'ten_northwind', slug: 'northwind', name: 'Northwind Mutual', roles: ['business_owner'] }],
};

/** Renders a component as a signed-in person sees it, with a fresh query cache. */
export function renderSignedIn(ui: ReactNode, me: Me = olivia) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  client.setQueryData(meKey, me);
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

/** Answers every fetch with one response, as the API would. */
export function answerFetch(status: number, body: unknown, contentType = status >= 400 ? 'application/problem+json' : 'application/json') {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
