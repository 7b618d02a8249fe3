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

/**
 * Answers each fetch by its method and path (`'POST /api/v1/reviews/rv_1/decision'`, or a path alone for GET), as the
 * API would; anything else is a 404. Returns the mock to inspect what was sent.
 */
export function answerFetchBy(routes: Record<string, [status: number, body: unknown]>) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const path = url.split('?')[0];
    const method = init.method ?? 'GET';
    const [status, body] = routes[`${method} ${path}`] ?? (method === 'GET' ? routes[path] : undefined) ?? [404, { title: 'Not found', status: 404, detail: `${method} ${path}` }];
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** The request bodies sent to one method and path, parsed. */
export const sentTo = (fetch: ReturnType<typeof answerFetchBy>, route: string): unknown[] =>
  fetch.mock.calls.filter(([url, init]) => `${init?.method ?? 'GET'} ${String(url).split('?')[0]}` === route).map(([, init]) => JSON.parse(String(init?.body)));

/** The slice of the API's published contract a form reads: one operation's request body schema. */
export const contract = (method: string, path: string, schema: object) => ({ paths: { [path]: { [method.toLowerCase()]: { requestBody: { content: { 'application/json': { schema } } } } } } });
