import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { answerFetch, renderSignedIn } from '../test/render';
import { emptyDraft } from './useCaseDraft';
import { UseCaseForm } from './UseCaseForm';

const schema = { type: 'object', required: ['title'], properties: { title: { type: 'string', minLength: 3 } } };

function renderForm(send: (body: Record<string, unknown>) => Promise<unknown>) {
  answerFetch(200, { items: [] }); // value streams and members
  renderSignedIn(<UseCaseForm initial={emptyDraft('usr_1')} schema={schema} submitLabel="Admit use case" pendingLabel="Admitting…" pending={false} send={send} />);
}

describe('the use case form', () => {
  it('checks the body against the published schema and sends nothing while a field breaks it', async () => {
    const send = vi.fn(async () => undefined);
    renderForm(send);
    await userEvent.type(screen.getByLabelText('Title'), 'ab');
    await userEvent.click(screen.getByRole('button', { name: 'Admit use case' }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('at least 3 characters')).toBeTruthy();
  });

  it("shows the API's field problems next to the outcome sentence and in the summary, and clears them on change", async () => {
    const refusal = new ApiProblem(400, 'Invalid request', '"use AI" is not an outcome statement', {
      errors: [
        { path: 'body.outcome.metric', message: 'name the metric and how far it should move' },
        { path: 'body.outcome.control', message: 'name the control mechanism' },
      ],
    });
    const send = vi.fn(async () => Promise.reject(refusal));
    renderForm(send);
    await userEvent.type(screen.getByLabelText('Title'), 'Claims helper');
    await userEvent.type(screen.getByLabelText('Outcome sentence'), 'use AI');
    await userEvent.click(screen.getByRole('button', { name: 'Admit use case' }));

    const sentence = screen.getByLabelText('Outcome sentence');
    expect(sentence.getAttribute('aria-invalid')).toBe('true');
    const messages = document.querySelector('[data-field="outcomeSentence"]')!;
    expect(within(messages as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['name the metric and how far it should move', 'name the control mechanism']);
    expect(within(screen.getByRole('alert')).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['#field-outcomeSentence', '#field-outcomeSentence']);

    expect(document.activeElement).toBe(screen.getByRole('alert'));
    await userEvent.type(sentence, ' more');
    expect(sentence.hasAttribute('aria-invalid')).toBe(false);
    expect(document.activeElement).toBe(sentence);
    expect((sentence as HTMLTextAreaElement).value).toBe('use AI more');
  });
});
