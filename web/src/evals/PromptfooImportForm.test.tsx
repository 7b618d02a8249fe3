import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerFetchBy, renderSignedIn } from '../test/render';
import { PromptfooImportForm } from './PromptfooImportForm';
import { riley } from './testing';
import type { PromptfooImported } from './types';

const YAML = 'prompts: ["Answer the customer: {{question}}"]\ntests:\n  - vars: { question: Can I get a refund? }\n    assert:\n      - { type: icontains, value: refund }\n      - { type: llm-rubric, value: polite }\n';
const imported: PromptfooImported = {
  dataset: {
    id: 'ds_7', name: 'refund answers', kind: 'generation', description: 'imported from promptfoo', useCaseId: 'uc_1', createdBy: 'usr_riley', createdAt: '2026-11-27T10:00:00Z',
    versions: [{ id: 'dsv_7', datasetId: 'ds_7', number: 1, contentHash: 'cd'.repeat(32), rows: 1, source: 'promptfoo', frozen: false, frozenAt: null, frozenBy: null, createdBy: 'usr_riley', createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z', version: 1 }],
  },
  prompts: 1,
  providers: [],
  unsupported: [{ test: 1, assertion: 2, type: 'llm-rubric', reason: 'assertion type "llm-rubric" is not one Charter evaluates' }],
};
const ROUTE = 'POST /api/v1/datasets/import-promptfoo';

describe('importing a promptfoo config', () => {
  it('reads the YAML file in the browser, names the dataset after it, sends it raw and lists what was not brought over', async () => {
    const fetch = answerFetchBy({ [ROUTE]: [201, imported] });
    renderSignedIn(<PromptfooImportForm useCaseId="uc_1" />, riley);
    await userEvent.upload(screen.getByLabelText('Config file'), new File([YAML], 'refund_answers.promptfooconfig.yaml', { type: 'application/yaml' }));
    await screen.findByText('read refund_answers.promptfooconfig.yaml; its YAML is in the box below');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('refund answers');
    expect((screen.getByLabelText('promptfoo config (YAML)') as HTMLTextAreaElement).value).toBe(YAML);
    await userEvent.click(screen.getByRole('button', { name: 'Import config' }));

    await screen.findByText(/^Imported refund answers: 1 row from 1 prompt; 1 assertion not brought over, listed below\./);
    const gaps = screen.getByRole('table', { name: 'Not brought over from the config' });
    expect(within(gaps).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['12: llm-rubricassertion type "llm-rubric" is not one Charter evaluates']);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/datasets/import-promptfoo?name=refund+answers&useCaseId=uc_1');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/yaml');
    expect(init?.body).toBe(YAML);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
  });

  it("checks the name and the config before sending, then shows the API's problems at the fields", async () => {
    const fetch = answerFetchBy({
      [ROUTE]: [400, { title: 'Invalid request', status: 400, detail: 'no test of the promptfoo config could be imported', errors: [{ path: 'tests.1', message: 'no assertion Charter can evaluate is left, so the test is skipped' }] }],
    });
    renderSignedIn(<PromptfooImportForm useCaseId="uc_1" />, riley);
    await userEvent.click(screen.getByRole('button', { name: 'Import config' }));
    await screen.findAllByText('give the dataset a name of at least 2 characters');
    expect(screen.getAllByText('paste the config or choose a file').length).toBeGreaterThan(0);
    expect(fetch).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Name'), 'rubrics only');
    await userEvent.type(screen.getByLabelText('promptfoo config (YAML)'), 'prompts: [hi]');
    await userEvent.click(screen.getByRole('button', { name: 'Import config' }));
    const config = screen.getByLabelText('promptfoo config (YAML)');
    await waitFor(() => expect(config.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${config.id}-error`)?.textContent).toBe('no test of the promptfoo config could be importedtest 1: no assertion Charter can evaluate is left, so the test is skipped');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a name already taken at the name field', async () => {
    answerFetchBy({ [ROUTE]: [409, { title: 'Conflict', status: 409, detail: 'a dataset named refunds exists' }] });
    renderSignedIn(<PromptfooImportForm useCaseId="uc_1" />, riley);
    await userEvent.type(screen.getByLabelText('Name'), 'refunds');
    await userEvent.type(screen.getByLabelText('promptfoo config (YAML)'), 'prompts: [hi]');
    await userEvent.click(screen.getByRole('button', { name: 'Import config' }));
    await waitFor(() => expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${screen.getByLabelText('Name').id}-error`)?.textContent).toBe('a dataset named refunds exists');
  });
});
