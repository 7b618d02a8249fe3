import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { answerFetchBy, contract, renderSignedIn, sentTo } from '../test/render';
import { DecisionForm } from './DecisionForm';
import { FundingAskForm } from './FundingAskForm';
import { LessonForm } from './LessonForm';

const DECIDE = 'POST /api/v1/portfolio-reviews/rev_1/decisions';
const useCases = { items: [{ id: 'uc_recon', title: 'Reconciliation exception explainer' }, { id: 'uc_claims', title: 'Claims triage assistant' }], nextCursor: null };
const asks = { items: [{ id: 'fnd_1', useCaseId: 'uc_recon', amount: 45_000, currency: 'EUR', purpose: 'Bank feeds', status: 'open' }, { id: 'fnd_2', useCaseId: 'uc_claims', amount: 9_000, currency: 'EUR', purpose: 'Manchester', status: 'open' }] };

describe('recording a forum decision', () => {
  it('offers the funding asks of the chosen use case only for a funding decision, and shows the API’s refusal at its field', async () => {
    const fetch = answerFetchBy({
      '/api/v1/use-cases': [200, useCases],
      '/api/v1/funding-asks': [200, asks],
      [DECIDE]: [400, { title: 'Invalid', status: 400, detail: 'a fund decision names the funding ask it settles', errors: [{ path: 'body.fundingAskId', message: 'required' }] }],
    });
    renderSignedIn(<DecisionForm reviewId="rev_1" onRecorded={() => {}} />);
    await screen.findByRole('option', { name: 'Claims triage assistant' });
    await userEvent.selectOptions(screen.getByLabelText('Use case'), 'uc_recon');
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'scale');
    expect(screen.queryByLabelText('Funding ask it settles')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'fund');
    expect([...(screen.getByLabelText('Funding ask it settles') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'fnd_1']);
    await userEvent.type(screen.getByLabelText('Decision as minuted'), 'Fund the bank feeds.');
    await userEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect((await screen.findAllByText('required')).some((e) => e.closest('[data-field]')?.getAttribute('data-field') === 'fundingAskId')).toBe(true);
    expect(sentTo(fetch, DECIDE)).toEqual([{ useCaseId: 'uc_recon', kind: 'fund', summary: 'Fund the bank feeds.' }]);
  });

  it('says what was recorded', async () => {
    const fetch = answerFetchBy({ '/api/v1/use-cases': [200, useCases], '/api/v1/funding-asks': [200, asks], [DECIDE]: [201, { id: 'fdc_1' }] });
    const onRecorded = vi.fn();
    renderSignedIn(<DecisionForm reviewId="rev_1" onRecorded={onRecorded} />);
    await screen.findByRole('option', { name: 'Claims triage assistant' });
    await userEvent.selectOptions(screen.getByLabelText('Use case'), 'uc_recon');
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'decline_funding');
    await userEvent.selectOptions(screen.getByLabelText('Funding ask it settles'), 'fnd_1');
    await userEvent.type(screen.getByLabelText('Decision as minuted'), 'Not this quarter.');
    await userEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    await vi.waitFor(() => expect(onRecorded).toHaveBeenCalledWith('Recorded the forum’s decision to decline funding Reconciliation exception explainer.'));
    expect(sentTo(fetch, DECIDE)).toEqual([{ useCaseId: 'uc_recon', kind: 'decline_funding', summary: 'Not this quarter.', fundingAskId: 'fnd_1' }]);
  });
});

describe('raising a funding ask', () => {
  it('checks the currency against the published contract before sending', async () => {
    const schema = { type: 'object', required: ['amount', 'currency', 'purpose'], properties: { amount: { type: 'number', exclusiveMinimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' }, purpose: { type: 'string', minLength: 1 } } };
    const fetch = answerFetchBy({ '/openapi.json': [200, contract('POST', '/api/v1/use-cases/{id}/funding-asks', schema)], 'POST /api/v1/use-cases/uc_1/funding-asks': [201, { id: 'fnd_9' }] });
    const onRaised = vi.fn();
    renderSignedIn(<FundingAskForm useCaseId="uc_1" onRaised={onRaised} />);
    await vi.waitFor(() => expect(fetch.mock.calls.some(([url]) => url === '/openapi.json')).toBe(true));
    await userEvent.type(screen.getByLabelText('Amount'), '45 000');
    await userEvent.clear(screen.getByLabelText('Currency'));
    await userEvent.type(screen.getByLabelText('Currency'), 'EU');
    await userEvent.type(screen.getByLabelText('Purpose'), 'Bank feeds');
    await userEvent.click(screen.getByRole('button', { name: 'Raise the ask' }));
    expect((await screen.findByText('is not in the expected format')).closest('[data-field]')?.getAttribute('data-field')).toBe('ask-currency');
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/funding-asks')).toEqual([]);
    await userEvent.type(screen.getByLabelText('Currency'), 'r');
    await userEvent.click(screen.getByRole('button', { name: 'Raise the ask' }));
    await vi.waitFor(() => expect(onRaised).toHaveBeenCalled());
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/funding-asks')).toEqual([{ amount: 45_000, currency: 'EUR', purpose: 'Bank feeds' }]);
  });
});

describe('recording a lesson learned', () => {
  it('asks which kind of lesson it is, then sends it', async () => {
    const schema = { type: 'object', required: ['kind', 'lesson'], properties: { kind: { type: 'string', enum: ['win', 'failure'] }, lesson: { type: 'string', minLength: 1 } } };
    const fetch = answerFetchBy({ '/openapi.json': [200, contract('POST', '/api/v1/use-cases/{id}/lessons', schema)], 'POST /api/v1/use-cases/uc_1/lessons': [201, { id: 'lsn_1' }] });
    const onRecorded = vi.fn();
    renderSignedIn(<LessonForm useCaseId="uc_1" onRecorded={onRecorded} />);
    await vi.waitFor(() => expect(fetch.mock.calls.some(([url]) => url === '/openapi.json')).toBe(true));
    await userEvent.type(screen.getByLabelText('Lesson'), 'The knowledge base was the bottleneck.');
    await userEvent.click(screen.getByRole('button', { name: 'Record the lesson' }));
    expect((await screen.findAllByText('required')).some((e) => e.closest('[data-field]')?.getAttribute('data-field') === 'kind')).toBe(true);
    await userEvent.click(screen.getByLabelText('What did not work'));
    await userEvent.click(screen.getByRole('button', { name: 'Record the lesson' }));
    await vi.waitFor(() => expect(onRecorded).toHaveBeenCalledWith('Recorded a lesson learned (did not work).'));
    expect(sentTo(fetch, 'POST /api/v1/use-cases/uc_1/lessons')).toEqual([{ kind: 'failure', lesson: 'The knowledge base was the bottleneck.' }]);
  });
});
