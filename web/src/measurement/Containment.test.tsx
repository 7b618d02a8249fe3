import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, olivia, renderSignedIn, sentTo } from '../test/render';
import { Containment } from './Containment';
import type { Incident } from './types';

const owner = { ...olivia, permissions: [...olivia.permissions, 'metric:read', 'incident:manage'] };
const CONTAIN = 'POST /api/v1/incidents/inc_1/contain';
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: {
      // As zod publishes a discriminated union.
      oneOf: [
        { type: 'object', properties: { kind: { type: 'string', const: 'throttle' }, fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } }, required: ['kind', 'fraction'] },
        { type: 'object', properties: { kind: { type: 'string', const: 'suspend' } }, required: ['kind'] },
        { type: 'object', properties: { kind: { type: 'string', const: 'rollback' } }, required: ['kind'] },
      ],
    },
    note: { type: 'string', maxLength: 2000 },
  },
};

const incident = (over: Partial<Incident> = {}) =>
  ({
    id: 'inc_1', useCaseId: 'uc_1', title: 'Answers quote last year’s rates', severity: 'high', status: 'open', ownerId: null, openedAt: '2026-11-27T10:00:00.000Z',
    triagedAt: null, mitigatedAt: null, resolvedAt: null, reviewedAt: null, releaseIds: [], metricKeys: [], control: { state: 'normal', throttleFraction: null, rolledBack: false },
    timeline: [], review: null, timeToMitigateMs: null, timeToResolveMs: null, nextStatuses: ['triaged'], updatedAt: '2026-11-27T10:00:00.000Z', version: 1, ...over,
  }) as Incident;

function show(over: Partial<Incident> = {}, answer: [number, unknown] = [200, incident({ control: { state: 'suspended', throttleFraction: null, rolledBack: false } })], canManage = true) {
  const fetch = answerFetchBy({ '/openapi.json': [200, contract('POST', '/api/v1/incidents/{id}/contain', schema)], [CONTAIN]: answer });
  renderSignedIn(<Containment incident={incident(over)} canManage={canManage} />, owner);
  return fetch;
}

describe('containing an incident’s use case', () => {
  it('suspends by default, sending the note for the timeline', async () => {
    const fetch = show();
    await userEvent.type(screen.getByLabelText('Why (kept on the timeline, optional)'), 'stop it while we check');
    await userEvent.click(screen.getByRole('button', { name: 'Suspend the use case' }));
    await vi.waitFor(() => expect(sentTo(fetch, CONTAIN)).toEqual([{ action: { kind: 'suspend' }, note: 'stop it while we check' }]));
  });

  it('throttles to the share typed in percent, and refuses 100 % at its field without sending', async () => {
    const fetch = show();
    await userEvent.click(screen.getByLabelText('Throttle: let through a share of its usual traffic'));
    const share = screen.getByLabelText('Share of usual traffic let through (%)');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/openapi.json', expect.anything()));
    await userEvent.clear(share);
    await userEvent.type(share, '100');
    await userEvent.click(screen.getByRole('button', { name: 'Throttle the use case' }));
    await vi.waitFor(() => expect(share.getAttribute('aria-invalid')).toBe('true'));
    expect(sentTo(fetch, CONTAIN)).toEqual([]);
    await userEvent.clear(share);
    await userEvent.type(share, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Throttle the use case' }));
    await vi.waitFor(() => expect(sentTo(fetch, CONTAIN)).toEqual([{ action: { kind: 'throttle', fraction: 0.2 } }]));
  });

  it('shows why a rollback was refused', async () => {
    show({}, [409, { title: 'Conflict', status: 409, detail: 'no environment has a previous release to roll back to' }]);
    await userEvent.click(screen.getByLabelText('Roll back its release to the previous one'));
    await userEvent.click(screen.getByRole('button', { name: 'Roll back the release' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no environment has a previous release to roll back to');
  });

  it('offers no containment on a resolved incident', () => {
    show({ status: 'resolved', nextStatuses: [] });
    expect(screen.queryByRole('button', { name: 'Suspend the use case' })).toBeNull();
  });

  it('offers resuming, not suspending again, once suspended', () => {
    show({ control: { state: 'suspended', throttleFraction: null, rolledBack: false } });
    expect(screen.queryByRole('button', { name: 'Suspend the use case' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Resume the use case' })).toBeTruthy();
  });

  it('hides containment from someone who cannot manage incidents', () => {
    show({}, undefined, false);
    expect(screen.queryByRole('form', { name: 'Contain the use case' })).toBeNull();
  });
});
