import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, renderSignedIn, sentTo } from '../test/render';
import { AddPersonForm } from './AddPersonForm';
import { ChangePlanForm } from './ChangePlanForm';
import { EditPersonForm } from './EditPersonForm';
import { FeedbackForm } from './FeedbackForm';
import type { ChangePlan, Person } from './types';

const PUT = 'PUT /api/v1/use-cases/uc_1/change-plan';
const plan = {
  id: 'chp_1', useCaseId: 'uc_1', owner: { id: 'usr_cleo', name: 'Cleo Nakamura' }, workflowChange: 'Handlers accept or change a proposed severity.',
  audiences: [{ group: 'Claims handlers — Leeds', skillRole: 'end_user', gatewayRole: 'claims_handler', headcount: 12 }],
  support: ['Floor walkers'], successMetrics: [{ metric: 'triage time', target: '29 minutes' }], feedbackHandling: 'Pulse survey.',
  communications: [{ on: '2026-10-13', audience: 'everyone', channel: 'town hall', message: 'What changes' }],
  nextCommunication: null, createdAt: '', updatedAt: '', version: 3,
} as ChangePlan;
const members = { items: [{ id: 'usr_cleo', email: 'cleo.change@northwind.example', name: 'Cleo Nakamura', roles: ['change_lead'], teamId: 'team_tx', teamName: 'Transformation Office' }] };
const headersOf = (fetch: ReturnType<typeof answerFetchBy>, method: string) => fetch.mock.calls.find(([, init]) => init?.method === method)![1]!.headers as Record<string, string>;

describe('editing the change plan', () => {
  it('replaces the plan with the version it started from, and explains a plan changed meanwhile', async () => {
    const fetch = answerFetchBy({ '/api/v1/members': [200, members], [PUT]: [412, { title: 'Precondition failed', status: 412, detail: 'changed' }], '/api/v1/use-cases/uc_1/change-plan': [200, { ...plan, version: 4 }] });
    renderSignedIn(<ChangePlanForm useCaseId="uc_1" plan={plan} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add an audience' }));
    const second = screen.getByRole('group', { name: 'Audience 2' });
    expect(document.activeElement).toBe(within(second).getByLabelText(/^Group/));
    await userEvent.type(within(second).getByLabelText(/^Group/), 'Claims team leads');
    await userEvent.selectOptions(within(second).getByLabelText('Skill role'), 'manager');
    await userEvent.type(within(second).getByLabelText('Headcount'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Someone changed this change plan since you opened it/);
    expect(headersOf(fetch, 'PUT')).toMatchObject({ 'if-match': '"v3"' });
    const [body] = sentTo(fetch, PUT) as { ownerId: string; audiences: unknown[] }[];
    expect(body.ownerId).toBe('usr_cleo');
    expect(body.audiences[1]).toEqual({ group: 'Claims team leads', skillRole: 'manager', gatewayRole: null, headcount: 3 });

    await userEvent.click(screen.getByRole('button', { name: 'Start again from the latest plan' }));
    await vi.waitFor(() => expect(screen.queryByRole('group', { name: 'Audience 2' })).toBeNull());
  });

  it('shows the API’s refusal at the list it concerns, and records a new plan without If-Match', async () => {
    const fetch = answerFetchBy({
      '/api/v1/members': [200, members],
      [PUT]: [400, { title: 'Invalid', status: 400, detail: 'each audience group appears once', errors: [{ path: 'body.audiences', message: 'each audience group appears once' }] }],
    });
    renderSignedIn(<ChangePlanForm useCaseId="uc_1" plan={null} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Record the plan' }));
    expect((await screen.findAllByText('each audience group appears once')).some((e) => e.closest('[data-field]')?.getAttribute('data-field') === 'audiences')).toBe(true);
    expect(screen.getByRole('group', { name: 'Audiences' })).toBeTruthy();
    expect(headersOf(fetch, 'PUT')['if-match']).toBeUndefined();
  });

  it('validates against the published contract before sending', async () => {
    const schema = { type: 'object', required: ['workflowChange'], properties: { workflowChange: { type: 'string', minLength: 1 }, audiences: { type: 'array', items: { type: 'object', required: ['headcount'], properties: { headcount: { type: 'integer', minimum: 1 } } } } } };
    const fetch = answerFetchBy({ '/api/v1/members': [200, members], '/openapi.json': [200, contract('PUT', '/api/v1/use-cases/{id}/change-plan', schema)] });
    renderSignedIn(<ChangePlanForm useCaseId="uc_1" plan={{ ...plan, workflowChange: '' }} onSaved={() => {}} onCancel={() => {}} />);
    const headcount = within(screen.getByRole('group', { name: 'Audience 1' })).getByLabelText('Headcount');
    await userEvent.clear(headcount);
    await userEvent.type(headcount, '0');
    await vi.waitFor(() => expect(fetch.mock.calls.some(([url]) => url === '/openapi.json')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect((await screen.findByText('at least 1')).closest('[data-field]')?.getAttribute('data-field')).toBe('audiences.0.headcount');
    expect(headcount.getAttribute('aria-invalid')).toBe('true');
    expect(sentTo(fetch, PUT)).toEqual([]);
  });
});

describe('recording feedback on the change', () => {
  it('sends the audience, the score and the comment', async () => {
    const fetch = answerFetchBy({ 'POST /api/v1/use-cases/uc_1/change-feedback': [201, { id: 'chf_1' }] });
    const onGiven = vi.fn();
    renderSignedIn(<FeedbackForm useCaseId="uc_1" plan={plan} onGiven={onGiven} />);
    await userEvent.selectOptions(screen.getByLabelText('Satisfaction'), '4');
    await userEvent.type(screen.getByLabelText('Comment (optional)'), ' floor walkers helped ');
    await userEvent.click(screen.getByRole('button', { name: 'Record feedback' }));
    await vi.waitFor(() => expect(onGiven).toHaveBeenCalledWith('Recorded feedback from Claims handlers — Leeds: 4 of 5.'));
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/change-feedback')).toEqual([{ audience: 'Claims handlers — Leeds', satisfaction: 4, comment: 'floor walkers helped' }]);
  });
});

const aisha: Person = {
  id: 'prs_aisha', userId: null, name: 'Aisha Khan', email: null, skillRole: 'end_user', team: null, valueStream: null, workGroup: 'Claims handlers — Leeds', covered: false, createdAt: '', version: 2,
};

describe('the register', () => {
  it('adds someone who is not a member, and shows the API’s refusal of their email at the field', async () => {
    const fetch = answerFetchBy({
      '/api/v1/members': [200, members],
      'POST /api/v1/people': [400, { title: 'Invalid', status: 400, detail: 'invalid', errors: [{ path: 'body.email', message: 'Invalid email address' }] }],
    });
    renderSignedIn(<AddPersonForm onAdded={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByLabelText('Someone who is not a member'));
    await userEvent.type(screen.getByLabelText('Name'), 'Aisha Khan');
    await userEvent.type(screen.getByLabelText('Email (optional)'), 'aisha@');
    await userEvent.selectOptions(screen.getByLabelText('Skill role'), 'end_user');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the register' }));
    expect((await screen.findAllByText('Invalid email address')).some((e) => e.closest('[data-field]')?.getAttribute('data-field') === 'email')).toBe(true);
    expect(sentTo(fetch, 'POST /api/v1/people')).toEqual([{ name: 'Aisha Khan', email: 'aisha@', skillRole: 'end_user', teamId: null, valueStreamId: null, workGroup: null }]);
  });

  it('asks for the member before sending, and puts a chosen member in their own team', async () => {
    const fetch = answerFetchBy({ '/api/v1/members': [200, members], 'POST /api/v1/people': [201, { ...aisha, id: 'prs_cleo', name: 'Cleo Nakamura' }] });
    const onAdded = vi.fn();
    renderSignedIn(<AddPersonForm onAdded={onAdded} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add to the register' }));
    await screen.findAllByText('choose the member');
    expect(sentTo(fetch, 'POST /api/v1/people')).toEqual([]);
    await screen.findByRole('option', { name: /Cleo Nakamura/ });
    await userEvent.selectOptions(screen.getByLabelText('Member'), 'usr_cleo');
    await userEvent.selectOptions(screen.getByLabelText('Skill role'), 'manager');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the register' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(sentTo(fetch, 'POST /api/v1/people')).toEqual([{ userId: 'usr_cleo', skillRole: 'manager', teamId: 'team_tx', valueStreamId: null, workGroup: null }]);
  });

  it('edits only what changed, with the version read, and explains a person changed meanwhile', async () => {
    const fetch = answerFetchBy({ '/api/v1/members': [200, members], 'PATCH /api/v1/people/prs_aisha': [412, { title: 'Precondition failed', status: 412, detail: 'changed' }] });
    renderSignedIn(<EditPersonForm person={aisha} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.selectOptions(screen.getByLabelText('Skill role'), 'manager');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Someone changed this person since you opened the form/);
    expect(sentTo(fetch, 'PATCH /api/v1/people/prs_aisha')).toEqual([{ skillRole: 'manager' }]);
    expect(headersOf(fetch, 'PATCH')).toMatchObject({ 'if-match': '"v2"' });
  });
});
