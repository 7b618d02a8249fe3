import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerFetchBy } from '../test/render';
import { OfflineScoringForm } from './OfflineScoringForm';
import { renderRouted } from './testing';
import type { Dataset, EvalRun } from './types';

const version = (number: number, rows: number) => ({
  id: `dsv_${number}`, datasetId: 'ds_1', number, contentHash: 'ab'.repeat(32), rows, source: 'jsonl', frozen: number === 1, frozenAt: null, frozenBy: null,
  createdBy: 'usr_1', createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z', version: 1,
});
const fnol: Dataset = { id: 'ds_1', name: 'FNOL severity', kind: 'classification', description: '', useCaseId: 'uc_1', createdBy: 'usr_1', createdAt: '2026-11-27T10:00:00Z', versions: [version(1, 2), version(2, 3)] };
const empty: Dataset = { ...fnol, id: 'ds_2', name: 'Not filled yet', versions: [] };
const scored: EvalRun = {
  id: 'er_9', useCaseId: 'uc_1', releaseId: 'rel_1', kind: 'evaluation', mode: 'offline', datasetVersionId: 'dsv_1', datasetHash: 'ab', error: null,
  progress: { status: 'completed', total: 2, done: 2, succeeded: 2, failed: 0 },
  summary: { cases: 2, metrics: { f1: { value: 1, low: 1, high: 1, support: 2 } }, comparison: null, computeMs: 3 },
  createdBy: 'usr_riley', createdAt: '2026-11-27T10:00:00Z', finishedAt: '2026-11-27T10:00:00Z',
};
const PREDICTIONS = '{"id":"a","output":"high","scores":{"high":0.9,"low":0.1}}\n{"id":"b","output":"low"}\n';

const show = () => renderRouted(() => <OfflineScoringForm useCaseId="uc_1" releaseId="rel_1" />);

describe('scoring predictions made elsewhere', () => {
  it('reads a predictions file in the browser and sends it raw as JSON Lines for the version chosen, then says what was scored', async () => {
    const fetch = answerFetchBy({ '/api/v1/datasets': [200, { items: [empty, fnol], nextCursor: null }], 'POST /api/v1/releases/rel_1/eval-runs/offline': [201, scored] });
    await show();
    const datasetSelect = (await screen.findByLabelText('Dataset')) as HTMLSelectElement;
    expect([...datasetSelect.options].map((o) => o.text)).toEqual(['FNOL severity (classification)']);
    expect([...(screen.getByLabelText('Version') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Latest (v2)', 'v2: 3 rows', 'v1: 2 rows, frozen']);
    await userEvent.selectOptions(screen.getByLabelText('Version'), '1');
    expect(screen.getByText(/one line for each of its 2 cases/)).toBeTruthy();

    await userEvent.upload(screen.getByLabelText('Predictions file'), new File([PREDICTIONS], 'predictions.jsonl', { type: 'application/x-ndjson' }));
    await screen.findByText('read predictions.jsonl: 2 predictions, shown below');
    expect((screen.getByLabelText('Predictions') as HTMLTextAreaElement).value).toBe(PREDICTIONS);
    await userEvent.click(screen.getByRole('button', { name: 'Score predictions' }));

    await screen.findByText(/^Scored 2 predictions: run er_9\. F1 \(macro\) 1\.000\./);
    expect(screen.getByRole('link', { name: 'Open the run' }).getAttribute('href')).toBe('/eval-runs/er_9');
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(url).toBe('/api/v1/releases/rel_1/eval-runs/offline?datasetId=ds_1&version=1');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/x-ndjson');
    expect(init?.body).toBe(PREDICTIONS);
    expect((screen.getByLabelText('Predictions') as HTMLTextAreaElement).value).toBe('');
  });

  it('lists each prediction the API refuses by its line, and the cases left without one at the field', async () => {
    answerFetchBy({
      '/api/v1/datasets': [200, { items: [fnol], nextCursor: null }],
      'POST /api/v1/releases/rel_1/eval-runs/offline': [
        400,
        {
          title: 'Invalid request', status: 400, detail: '3 problem(s) in the predictions; nothing was stored',
          errors: [{ path: 'line 1: id', message: 'the dataset has no case "zz"' }, { path: 'line 2', message: 'not valid JSON: Unexpected token' }, { path: 'cases', message: '2 case(s) have no prediction: a, b' }],
        },
      ],
    });
    await show();
    await userEvent.type(await screen.findByLabelText('Predictions'), '{{"id":"zz","output":"high"}{enter}not json');
    await userEvent.click(screen.getByRole('button', { name: 'Score predictions' }));

    const table = await screen.findByRole('table', { name: /Nothing was scored/ });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['1idthe dataset has no case "zz"', '2—not valid JSON: Unexpected token']);
    const field = screen.getByLabelText('Predictions');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errors = document.getElementById(field.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!)!;
    expect(errors.textContent).toBe('3 problem(s) in the predictions; nothing was stored2 case(s) have no prediction: a, b');
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));

    await userEvent.type(field, ' ');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a version the API cannot find at the version field', async () => {
    answerFetchBy({
      '/api/v1/datasets': [200, { items: [fnol], nextCursor: null }],
      'POST /api/v1/releases/rel_1/eval-runs/offline': [404, { title: 'Not found', status: 404, detail: 'version 2 of dataset ds_1 does not exist' }],
    });
    await show();
    await userEvent.type(await screen.findByLabelText('Predictions'), '{{"id":"a","output":"high"}');
    await userEvent.click(screen.getByRole('button', { name: 'Score predictions' }));
    await waitFor(() => expect(screen.getByLabelText('Version').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('version 2 of dataset ds_1 does not exist').length).toBeGreaterThan(0);
  });

  it('asks for predictions before sending nothing, and says when no dataset has rows', async () => {
    const fetch = answerFetchBy({ '/api/v1/datasets': [200, { items: [fnol], nextCursor: null }] });
    const view = await show();
    await userEvent.click(await screen.findByRole('button', { name: 'Score predictions' }));
    await screen.findAllByText('paste the predictions or choose a file');
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    view.unmount();

    answerFetchBy({ '/api/v1/datasets': [200, { items: [empty], nextCursor: null }] });
    await show();
    expect((await screen.findByText(/No dataset of this use case has rows yet/)).textContent).toContain('to score predictions against it');
    expect(screen.getByRole('link', { name: 'Add a dataset' }).getAttribute('href')).toBe('/use-cases/uc_1/evaluations/datasets');
  });
});
