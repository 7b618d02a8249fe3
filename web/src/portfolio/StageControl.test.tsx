import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerFetch, olivia, renderSignedIn } from '../test/render';
import { StageControl } from './StageControl';
import type { UseCaseDetail } from './types';

const imported = { id: 'uc_1', stage: 'intake', suspendedFrom: null, version: 3, allowedTransitions: ['triage', 'rejected'] } as unknown as UseCaseDetail;

describe('moving a use case between stages', () => {
  it('offers the allowed moves as buttons', () => {
    renderSignedIn(<StageControl useCase={imported} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Move to triage', 'Reject']);
  });

  it('sends the move with the version it read, and shows each guard problem of a 409', async () => {
    const fetch = answerFetch(409, {
      type: 'https://charter.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'intake → triage is blocked',
      problems: [
        { guard: 'outcome', code: 'outcome-missing', message: 'state the outcome before triage' },
        { guard: 'outcome', code: 'owner-missing', message: 'name a business owner before triage' },
      ],
    });
    renderSignedIn(<StageControl useCase={imported} />);
    await userEvent.type(screen.getByLabelText(/Reason/), 'pilot found in inventory');
    await userEvent.click(screen.getByRole('button', { name: 'Move to triage' }));

    const refusal = await screen.findByRole('alert');
    expect(within(refusal).getByText('The move was refused')).toBeTruthy();
    expect(within(refusal).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Outcome: state the outcome before triage',
      'Outcome: name a business owner before triage',
    ]);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/use-cases/uc_1/transitions');
    expect(init.headers).toMatchObject({ 'if-match': '"v3"' });
    expect(JSON.parse(String(init.body))).toEqual({ to: 'triage', reason: 'pilot found in inventory' });
  });

  it('explains a stale read instead of a bare 412', async () => {
    answerFetch(412, { title: 'Precondition failed', status: 412, detail: 'use case uc_1 has changed since you read it' });
    renderSignedIn(<StageControl useCase={imported} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Someone changed this use case while you were reading it/);
  });

  it('offers no moves to someone whose roles do not transition', () => {
    renderSignedIn(<StageControl useCase={imported} />, { ...olivia, roles: ['viewer'], permissions: ['usecase:read'] });
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('Your roles do not move use cases between stages.')).toBeTruthy();
  });
});
