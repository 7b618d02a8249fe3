import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, olivia, renderSignedIn, sentTo } from '../test/render';
import { AcknowledgeReview } from './AcknowledgeReview';

const owner = { ...olivia, permissions: [...olivia.permissions, 'metric:read', 'metric:manage'] };
const due = { metricKey: 'outcome.uc_1', owner: 'usr_olivia', reviewCadence: 'monthly', dueAt: '2026-11-01T00:00:00.000Z', overdueMs: 86_400_000 };
const ACK = 'POST /api/v1/metrics/outcome.uc_1/reviews';
const schema = { type: 'object', properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } }, required: ['comment'] };

function show(answer: [number, unknown] = [201, { id: 'mr_1', metricKey: 'outcome.uc_1', actorId: 'usr_olivia', comment: 'ok', at: '2026-11-27T00:00:00.000Z' }]) {
  const fetch = answerFetchBy({ '/openapi.json': [200, contract('POST', '/api/v1/metrics/{key}/reviews', schema)], [ACK]: answer });
  const onDone = vi.fn();
  renderSignedIn(<AcknowledgeReview due={due} onDone={onDone} />, owner);
  return { fetch, onDone };
}

describe('acknowledging a metric review', () => {
  it('asks for what the owner found and sends it', async () => {
    const { fetch, onDone } = show();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
    await userEvent.type(screen.getByLabelText('What you found'), '  Triage time keeps falling; no action.  ');
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge review' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith('outcome.uc_1'));
    expect(sentTo(fetch, ACK)).toEqual([{ comment: 'Triage time keeps falling; no action.' }]);
  });

  it('shows at the field that a comment is required, as the API would, without sending', async () => {
    const { fetch, onDone } = show();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/openapi.json', expect.anything()));
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge review' }));
    await vi.waitFor(() => expect(screen.getByLabelText('What you found').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('required')).toBeTruthy();
    expect(sentTo(fetch, ACK)).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal when the person may not acknowledge', async () => {
    show([403, { title: 'Forbidden', status: 403, detail: 'this needs the permission metric:manage' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
    await userEvent.type(screen.getByLabelText('What you found'), 'Looked at it.');
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge review' }));
    expect((await screen.findByRole('alert')).textContent).toContain('this needs the permission metric:manage');
  });

  it('gives focus back to the Acknowledge button on cancelling', async () => {
    show();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
    expect(document.activeElement).toBe(screen.getByLabelText('What you found'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Acknowledge the review of outcome.uc_1' }));
  });
});
