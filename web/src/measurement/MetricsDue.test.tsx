import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { meKey } from '../session/session';
import { answerFetchBy, olivia, sentTo } from '../test/render';
import { MetricsDue } from './MetricsDue';

const owner = { ...olivia, permissions: [...olivia.permissions, 'metric:read', 'metric:manage'] };
const DAY = 86_400_000;

/** The home section inside a router of its own (it links to the scorecards), as a signed-in owner sees it. */
async function show(items: unknown[]) {
  const fetch = answerFetchBy({
    '/api/v1/metric-reviews': [200, { items }],
    '/api/v1/members': [200, { items: [{ id: 'usr_olivia', email: 'olivia.owner@northwind.example', name: 'Olivia Okafor', roles: ['business_owner'], teamName: null }] }],
    '/api/v1/metrics': [200, { items: [{ key: 'outcome.uc_1', name: 'claims triage time', useCaseIds: ['uc_1'] }], nextCursor: null }],
    'POST /api/v1/metrics/outcome.uc_1/reviews': [201, { id: 'mr_1', metricKey: 'outcome.uc_1', actorId: 'usr_olivia', comment: 'ok', at: '2026-11-27T00:00:00.000Z' }],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  client.setQueryData(meKey, owner);
  const router = createRouter({ routeTree: createRootRoute({ component: MetricsDue }), history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return fetch;
}

describe('metrics due for review on the home page', () => {
  it('lists each due metric by name with its owner, cadence and how overdue it is, and acknowledges one', async () => {
    const fetch = await show([
      { metricKey: 'outcome.uc_1', owner: 'usr_olivia', reviewCadence: 'monthly', dueAt: '2026-11-01T00:00:00.000Z', overdueMs: 3 * DAY },
      { metricKey: 'gateway.error_rate', owner: 'platform team', reviewCadence: 'daily', dueAt: '2026-11-26T00:00:00.000Z', overdueMs: 0 },
    ]);
    expect((await screen.findByText(/metrics are/)).textContent).toBe('2 metrics are due for review.');
    expect(await screen.findByText('claims triage time')).toBeTruthy();
    expect(screen.getByText(/Monthly review by Olivia Okafor/).textContent).toContain('(3 d overdue)');
    expect(screen.getByText(/Daily review by platform team/).textContent).not.toContain('overdue');

    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
    await userEvent.type(screen.getByLabelText('What you found'), 'On plan.');
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge review' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Review of outcome.uc_1 acknowledged.'));
    expect(sentTo(fetch, 'POST /api/v1/metrics/outcome.uc_1/reviews')).toEqual([{ comment: 'On plan.' }]);
  });

  it('says so when nothing is due', async () => {
    await show([]);
    expect(await screen.findByText('No metric is due for review')).toBeTruthy();
  });
});
