import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, olivia, renderSignedIn, sentTo } from '../test/render';
import { ReviewDetail } from './ReviewDetail';
import type { ReviewItem } from './types';

const reviewer = { ...olivia, roles: ['risk_reviewer'], permissions: ['usecase:read', 'review:decide'] };
const item: ReviewItem = {
  id: 'rv_1', useCaseId: 'uc_1', eventId: 'chatcmpl-1', mode: 'hold', status: 'pending', reasons: ['Outputs drawn from health data wait for a person.'],
  dataClasses: ['health'], createdAt: '2026-11-27T08:00:00.000Z', decidedAt: null, decidedBy: null, decisionNote: null,
  request: [{ role: 'user', content: 'The claimant has [HEALTH_1]; summarise.' }], answer: 'Summary with the diagnosis.', finalAnswer: null,
};
const DECIDE = 'POST /api/v1/reviews/rv_1/decision';

function show() {
  const fetch = answerFetchBy({ [DECIDE]: [200, { ...item, status: 'approved' }] });
  const onDecided = vi.fn();
  renderSignedIn(<ReviewDetail item={item} position="1 of 1" takeFocus={false} onDecided={onDecided} />, reviewer);
  return { fetch, onDecided };
}

describe('deciding a held answer', () => {
  it('shows the request as the model saw it, the answer, why it was held and the data found', () => {
    show();
    expect(screen.getByText('The claimant has [HEALTH_1]; summarise.')).toBeTruthy();
    expect(screen.getByText('Summary with the diagnosis.')).toBeTruthy();
    expect(screen.getByText('Outputs drawn from health data wait for a person.')).toBeTruthy();
    expect(screen.getByText('Health')).toBeTruthy();
  });

  it('approves with a, announcing the shortcut on the button', async () => {
    const { fetch, onDecided } = show();
    expect(screen.getByRole('button', { name: 'Approve' }).getAttribute('aria-keyshortcuts')).toBe('a');
    await userEvent.keyboard('a');
    await vi.waitFor(() => expect(onDecided).toHaveBeenCalledWith(expect.objectContaining({ status: 'approved' }), 'Approved'));
    expect(sentTo(fetch, DECIDE)).toEqual([{ action: 'approve' }]);
  });

  it('edits with e: the editor takes focus, Ctrl+Enter releases the corrected answer with the note', async () => {
    const { fetch, onDecided } = show();
    await userEvent.type(screen.getByLabelText('Note'), 'removed the diagnosis');
    expect(sentTo(fetch, DECIDE)).toEqual([]);
    await userEvent.keyboard('{Escape}e');
    const editor = screen.getByLabelText('Corrected answer');
    expect(document.activeElement).toBe(editor);
    await userEvent.clear(editor);
    await userEvent.type(editor, 'Summary reviewed by a nurse.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await vi.waitFor(() => expect(onDecided).toHaveBeenCalledWith(expect.anything(), 'Edited'));
    expect(sentTo(fetch, DECIDE)).toEqual([{ action: 'edit', answer: 'Summary reviewed by a nurse.', note: 'removed the diagnosis' }]);
  });

  it('leaves the editor with Escape, giving focus back to the Edit button', async () => {
    show();
    await userEvent.keyboard('e');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByLabelText('Corrected answer')).toBeNull();
    expect(document.activeElement?.textContent).toBe('Edit e');
  });

  it('rejects with r, and says so when someone decided first', async () => {
    const fetch = answerFetchBy({ [DECIDE]: [409, { title: 'Conflict', status: 409, detail: 'review rv_1 was already approved' }] });
    renderSignedIn(<ReviewDetail item={item} position="1 of 1" takeFocus={false} onDecided={() => {}} />, reviewer);
    await userEvent.keyboard('r');
    expect((await screen.findByRole('alert')).textContent).toContain('review rv_1 was already approved');
    expect(sentTo(fetch, DECIDE)).toEqual([{ action: 'reject' }]);
  });
});
