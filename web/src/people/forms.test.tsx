import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, renderSignedIn, sentTo } from '../test/render';
import { RecordCompletionForm } from './RecordCompletionForm';
import { readPeopleSearch } from './routes';
import { SignOffForm } from './SignOffForm';
import type { LabAttempt, PersonDetail, SkillItem } from './types';

const item = (slug: string, title: string, kind: SkillItem['kind'] = 'module'): SkillItem => ({ id: `ski_${slug}`, slug, kind, title, summary: '', task: null, minutes: 30, validityDays: 365, version: 1 });
const items = [item('how-ai-works', 'What generative AI does'), item('safe-daily-use', 'Safe daily use'), item('lab-map', 'Map the process', 'lab')];
const aisha = {
  id: 'prs_aisha', userId: null, name: 'Aisha Khan', skillRole: 'end_user', covered: false, version: 1, completions: [], labAttempts: [],
  paths: [{ pathId: 'skp_1', slug: 'ai-literacy', title: 'AI literacy', required: true, status: 'expired', held: false, done: 0, total: 2, missing: ['safe-daily-use'], completedAt: null, expiresAt: null }],
} as unknown as PersonDetail;
const attempt = { id: 'lab_1', personId: 'prs_avery', personName: 'Avery Admin', labSlug: 'lab-map', status: 'submitted', version: 4 } as LabAttempt;

describe('recording a completion', () => {
  it('offers modules only, those the required paths miss first', () => {
    answerFetchBy({});
    renderSignedIn(<RecordCompletionForm person={aisha} items={items} onRecorded={() => {}} />);
    const groups = [...document.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)]);
    expect(groups).toEqual([
      ['Missing from required paths', ['Safe daily use (valid 365 days)']],
      ['Other modules', ['What generative AI does (valid 365 days)']],
    ]);
  });

  it('shows the API’s refusal of a date next to the date field', async () => {
    const fetch = answerFetchBy({
      'POST /api/v1/people/prs_aisha/completions': [400, { title: 'Invalid', status: 400, detail: 'a completion cannot lie in the future', errors: [{ path: 'body.completedAt', message: 'must not be after now' }] }],
    });
    const onRecorded = vi.fn();
    renderSignedIn(<RecordCompletionForm person={aisha} items={items} onRecorded={onRecorded} />);
    await userEvent.selectOptions(screen.getByLabelText('Module'), 'ski_safe-daily-use');
    await userEvent.type(screen.getByLabelText('Evidence (optional)'), 'score 9/10');
    await userEvent.click(screen.getByRole('button', { name: 'Record completion' }));
    expect((await screen.findByText('must not be after now')).closest('[data-field]')?.getAttribute('data-field')).toBe('completedAt');
    expect(screen.getByLabelText(/Completed on/).getAttribute('aria-invalid')).toBe('true');
    expect(sentTo(fetch, 'POST /api/v1/people/prs_aisha/completions')).toEqual([{ itemId: 'ski_safe-daily-use', evidence: 'score 9/10' }]);
    expect(onRecorded).not.toHaveBeenCalled();
  });

  it('asks for a module before sending anything', async () => {
    const fetch = answerFetchBy({});
    renderSignedIn(<RecordCompletionForm person={aisha} items={items} onRecorded={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Record completion' }));
    await screen.findByText('choose the module that was completed');
    expect(sentTo(fetch, 'POST /api/v1/people/prs_aisha/completions')).toEqual([]);
  });
});

describe('signing off a lab', () => {
  it('sends the decision with the version it read, and explains a stale read', async () => {
    const fetch = answerFetchBy({ 'POST /api/v1/lab-attempts/lab_1/sign-off': [412, { title: 'Precondition failed', status: 412, detail: 'changed' }] });
    renderSignedIn(<SignOffForm attempt={attempt} labTitle="Map the process" onDecided={() => {}} />);
    await userEvent.type(screen.getByLabelText('What you checked, or what is missing'), 'map checked with the team');
    await userEvent.click(screen.getByRole('button', { name: 'Return for more work' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Someone reviewed this attempt meanwhile/);
    const call = fetch.mock.calls.find(([url]) => String(url).startsWith('/api/v1/lab-attempts/'))!;
    expect((call[1] as RequestInit).headers).toMatchObject({ 'if-match': '"v4"' });
    expect(JSON.parse(String((call[1] as RequestInit).body))).toEqual({ decision: 'return', note: 'map checked with the team' });
  });

  it('tells the reviewer what was decided', async () => {
    answerFetchBy({ 'POST /api/v1/lab-attempts/lab_1/sign-off': [200, { ...attempt, status: 'signed_off', version: 5 }] });
    const onDecided = vi.fn();
    renderSignedIn(<SignOffForm attempt={attempt} labTitle="Map the process" onDecided={onDecided} />);
    await userEvent.type(screen.getByLabelText('What you checked, or what is missing'), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    await vi.waitFor(() => expect(onDecided).toHaveBeenCalledWith('Signed off Map the process for Avery Admin; it now counts as completed.'));
  });
});

describe('the register’s address', () => {
  it('keeps the filters it knows and drops the rest', () => {
    expect(readPeopleSearch({ q: ' Aisha ', skillRole: 'end_user', workGroup: 'Claims handlers — Leeds', colour: 'red' })).toEqual({ q: 'Aisha', skillRole: 'end_user', workGroup: 'Claims handlers — Leeds' });
    expect(readPeopleSearch({ skillRole: 'wizard', teamId: '' })).toEqual({});
  });
});
