import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, olivia, renderSignedIn, sentTo } from '../test/render';
import { SlotCard } from './SlotCard';
import type { Release, Slot } from './types';

const builder = { ...olivia, roles: ['builder'], permissions: ['usecase:read', 'release:manage'] };
const release = (id: string, name: string) => ({ id, name, useCaseId: 'uc_1', endpointId: 'ep_1', fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 60_000, retries: 1, allowedTools: [] } }) as unknown as Release;
const releases = [release('rel_3', 'v3'), release('rel_2', 'v2'), release('rel_1', 'v1')];
const pilot: Slot = { environment: 'pilot', activeReleaseId: 'rel_2', previousReleaseId: 'rel_1', canaryReleaseId: 'rel_3', canaryWeight: 20, updatedAt: '2026-11-27T08:00:00.000Z', version: 4 };
const parts = () => ({ model: 'sim-eu', prompt: 'No prompt template' });
const rollbackSchema = { type: 'object', required: ['environment', 'reason'], properties: { environment: { type: 'string', enum: ['pilot', 'production'] }, reason: { type: 'string', minLength: 3, maxLength: 500 } } };

const card = (slot: Slot, promotable?: Release) =>
  renderSignedIn(<SlotCard slot={slot} useCaseId="uc_1" releases={releases} promotable={promotable} describe={parts} canManage />, builder);

describe("an environment's releases", () => {
  it('says what runs, what takes a share, and what a rollback returns to', () => {
    answerFetchBy({});
    card(pilot);
    const facts = screen.getByRole('region', { name: 'Pilot' });
    expect(within(facts).getByText('20% of traffic')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Roll back to v1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change the share' })).toBeTruthy();
  });

  it('lists every reason the release gate gives for refusing an activation', async () => {
    const fetch = answerFetchBy({
      'POST /api/v1/releases/rel_3/activate': [409, { title: 'Conflict', status: 409, detail: 'v3 cannot be activated in pilot: …', problems: ['no evaluation run of v3 over 200 cases', 'f1 0.81 is below 0.85'] }],
    });
    card(pilot);
    await userEvent.selectOptions(screen.getByLabelText('Release'), 'rel_3');
    await userEvent.click(screen.getByRole('button', { name: 'Activate in pilot' }));
    const refusal = await screen.findByRole('alert');
    expect(within(refusal).getByText('v3 was not activated in pilot')).toBeTruthy();
    expect(within(refusal).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['no evaluation run of v3 over 200 cases', 'f1 0.81 is below 0.85']);
    expect(sentTo(fetch, 'POST /api/v1/releases/rel_3/activate')).toEqual([{ environment: 'pilot' }]);
  });

  it('rolls back in one action, but only with a reason for the ledger', async () => {
    const fetch = answerFetchBy({
      '/openapi.json': [200, contract('POST', '/api/v1/use-cases/{id}/rollback', rollbackSchema)],
      'POST /api/v1/use-cases/uc_1/rollback': [200, { ...pilot, activeReleaseId: 'rel_1', previousReleaseId: null, canaryReleaseId: null, canaryWeight: 0 }],
    });
    card(pilot);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/openapi.json', expect.anything()));
    await userEvent.click(screen.getByRole('button', { name: 'Roll back to v1' }));
    expect((await screen.findByRole('alert')).textContent).toContain('reason: required');
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/rollback')).toEqual([]);

    await userEvent.type(screen.getByLabelText('Why roll back (kept in the ledger)'), 'vaguer answers');
    await userEvent.click(screen.getByRole('button', { name: 'Roll back to v1' }));
    expect((await screen.findByRole('status')).textContent).toBe('Rolled back: v1 is active in pilot again.');
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/rollback')).toEqual([{ environment: 'pilot', reason: 'vaguer answers' }]);
  });

  it('offers to promote what pilot runs to production', async () => {
    const fetch = answerFetchBy({ 'POST /api/v1/releases/rel_2/activate': [200, { environment: 'production', activeReleaseId: 'rel_2' }] });
    card({ environment: 'production', activeReleaseId: null, previousReleaseId: null, canaryReleaseId: null, canaryWeight: 0, updatedAt: null, version: 0 }, releases[1]);
    expect(screen.getByText('Nothing: calls with a production key are refused')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Promote v2 to production' }));
    expect((await screen.findByRole('status')).textContent).toBe('v2 is promoted to production.');
    expect(sentTo(fetch, 'POST /api/v1/releases/rel_2/activate')).toEqual([{ environment: 'production', reason: 'promoted from pilot' }]);
  });

  it('offers no moves to someone who does not manage releases', () => {
    answerFetchBy({});
    renderSignedIn(<SlotCard slot={pilot} useCaseId="uc_1" releases={releases} describe={parts} canManage={false} />);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
