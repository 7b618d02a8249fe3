import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerFetchBy, renderSignedIn } from '../test/render';
import { UploadVersionForm } from './DatasetForms';
import type { Dataset } from './types';

const dataset: Dataset = { id: 'ds_1', name: 'FNOL severity', kind: 'classification', description: '', useCaseId: 'uc_1', createdBy: 'usr_1', createdAt: '2026-11-27T10:00:00Z', versions: [] };

describe('uploading a dataset version', () => {
  it('sends the rows raw with their content type and lists each row the API refuses with its line', async () => {
    const fetch = answerFetchBy({
      'POST /api/v1/datasets/ds_1/versions': [
        400,
        { title: 'Invalid request', status: 400, detail: '2 problem(s) in 2 JSONL record(s); nothing was stored', errors: [{ path: 'line 1: label', message: 'Required' }, { path: 'line 2', message: 'not valid JSON' }] },
      ],
    });
    renderSignedIn(<UploadVersionForm useCaseId="uc_1" dataset={dataset} />);
    await userEvent.type(screen.getByLabelText('Rows'), '{{"id":"a","input":"x"}');
    await userEvent.click(screen.getByRole('button', { name: 'Upload version' }));
    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('label');
    expect(screen.getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['1labelRequired', '2—not valid JSON']);
    expect(screen.getByLabelText('Rows').getAttribute('aria-invalid')).toBe('true');
    const [, init] = fetch.mock.calls[0];
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/x-ndjson');
    expect(init?.body).toBe('{"id":"a","input":"x"}');
  });

  it('asks for rows before sending nothing', async () => {
    const fetch = answerFetchBy({});
    renderSignedIn(<UploadVersionForm useCaseId="uc_1" dataset={dataset} />);
    await userEvent.click(screen.getByRole('button', { name: 'Upload version' }));
    await waitFor(() => expect(screen.getByText('paste rows or choose a file')).toBeTruthy());
    expect(fetch).not.toHaveBeenCalled();
  });
});
