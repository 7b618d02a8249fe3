import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, olivia, renderSignedIn, sentTo } from '../test/render';
import { DecisionForm } from './ApprovalInbox';
import type { ApprovalRequest } from './types';

const riley = { ...olivia, user: { ...olivia.user, id: 'usr_riley', name: 'Riley Chen' }, roles: ['risk_reviewer'], permissions: ['usecase:read', 'approval:decide'] };
const request: ApprovalRequest = {
  id: 'apr_1', approvalId: 'apv_1', useCaseId: 'uc_1', from: 'triage', to: 'assessed', kind: 'transition', role: 'risk_reviewer', status: 'pending', approvalStatus: 'open',
  dueAt: '2026-12-02T10:00:00.000Z', overdue: false, requestedBy: { id: 'usr_ben', name: 'Ben Moreau' }, requestedAt: '2026-11-27T10:00:00.000Z', decidedBy: null, decidedAt: null, reason: null,
};
const DECIDE = 'POST /api/v1/approval-requests/apr_1/decision';

function show(answer: [number, unknown]) {
  const fetch = answerFetchBy({ [DECIDE]: answer });
  const onDecided = vi.fn();
  renderSignedIn(<DecisionForm request={request} onDecided={onDecided} />, riley);
  return { fetch, onDecided };
}

describe('deciding an approval request', () => {
  it('grants, and says who may now retry the move', async () => {
    const { fetch, onDecided } = show([200, { ...request, status: 'granted', approvalStatus: 'granted' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await vi.waitFor(() => expect(onDecided).toHaveBeenCalledWith('Granted triage → assessed as risk reviewer. Every role has granted: Ben Moreau can now retry the move.'));
    expect(sentTo(fetch, DECIDE)).toEqual([{ decision: 'grant' }]);
  });

  it('shows the reason a rejection needs next to the field, as the API says it', async () => {
    const { onDecided } = show([400, { title: 'Invalid request', status: 400, detail: 'a rejection needs a reason', errors: [{ path: 'body.reason', message: 'say why the move is rejected' }] }]);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await vi.waitFor(() => expect(screen.getByText('say why the move is rejected')).toBeTruthy());
    expect(screen.getByLabelText('Reason').getAttribute('aria-invalid')).toBe('true');
    expect(onDecided).not.toHaveBeenCalled();
  });

  it('shows the refusal of separation of duties in the API’s words', async () => {
    show([403, { title: 'Forbidden', status: 403, detail: 'separation of duties: you requested this move, so someone else must decide it' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Grant' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The decision was not recorded');
    expect(alert.textContent).toContain('separation of duties');
  });

  it('lists each missing requirement an approver guard names', async () => {
    show([403, { title: 'Forbidden', status: 403, detail: 'you may not approve this: …', problems: ['complete the skill path "Risk review of AI"'] }]);
    await userEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect((await screen.findByRole('alert')).textContent).toContain('complete the skill path "Risk review of AI"');
  });
});
