import { describe, expect, it } from 'vitest';
import { bytesToBase64, evidenceProblems, fileProblem, fileToBase64, groupSelection, implementedWith, MAX_EVIDENCE_BYTES, openControls, selectedOpen, toggleControl, toggleGroup } from './bulkEvidence';
import type { ControlItem } from './types';

const control = (id: string, met = false): ControlItem => ({
  control: id, framework: 'nist-ai-rmf', function: null, category: null, title: null, requiredBefore: 'approved', source: 'pack', status: met ? 'implemented' : 'not_started',
  justification: null, waiver: null, met, evidence: [], linked: [],
});

describe('selecting open controls', () => {
  const items = [control('GOVERN 1.1'), control('GOVERN 1.2', true), control('GOVERN 1.3')];

  it('offers only the controls not met', () => {
    expect(openControls(items)).toEqual(['GOVERN 1.1', 'GOVERN 1.3']);
  });

  it('ticks and unticks one control without touching the others', () => {
    const one = toggleControl(new Set(['MAP 1.1']), 'GOVERN 1.1', true);
    expect([...one]).toEqual(['MAP 1.1', 'GOVERN 1.1']);
    expect([...toggleControl(one, 'MAP 1.1', false)]).toEqual(['GOVERN 1.1']);
  });

  it('ticks a whole group, and unticks it leaving other groups selected', () => {
    const all = toggleGroup(new Set(['MEASURE 2.1']), ['GOVERN 1.1', 'GOVERN 1.3'], true);
    expect(groupSelection(all, ['GOVERN 1.1', 'GOVERN 1.3'])).toBe('all');
    const none = toggleGroup(all, ['GOVERN 1.1', 'GOVERN 1.3'], false);
    expect([...none]).toEqual(['MEASURE 2.1']);
    expect(groupSelection(none, ['GOVERN 1.1', 'GOVERN 1.3'])).toBe('none');
    expect(groupSelection(new Set(['GOVERN 1.3']), ['GOVERN 1.1', 'GOVERN 1.3'])).toBe('some');
  });

  it('drops a selected control once it is met, keeping the checklist order', () => {
    expect(selectedOpen(items, new Set(['GOVERN 1.3', 'GOVERN 1.2', 'GOVERN 1.1'])).map((c) => c.control)).toEqual(['GOVERN 1.1', 'GOVERN 1.3']);
  });

  it('marks every selected control implemented with the same evidence', () => {
    const evidence = { kind: 'url' as const, url: 'https://wiki.example/risk-file', title: 'Risk file' };
    expect(implementedWith(['GOVERN 1.1', 'MAP 1.1'], evidence)).toEqual([
      { control: 'GOVERN 1.1', status: 'implemented', evidence: [evidence] },
      { control: 'MAP 1.1', status: 'implemented', evidence: [evidence] },
    ]);
  });
});

describe('reading an evidence file', () => {
  it('encodes bytes as the API’s base64, across chunk boundaries', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('reads a chosen file into base64', async () => {
    expect(await fileToBase64(new Blob(['risk file v3']))).toBe(Buffer.from('risk file v3').toString('base64'));
  });

  it('refuses a missing, empty or too large file, and accepts one of 10 MB', () => {
    expect(fileProblem(undefined)).toBe('choose the file that evidences the controls');
    expect(fileProblem({ size: 0 })).toBe('the file is empty');
    expect(fileProblem({ size: MAX_EVIDENCE_BYTES + 1 })).toBe('the file is 10.0 MB; evidence files may be at most 10.0 MB');
    expect(fileProblem({ size: 12 * 1024 * 1024 })).toContain('the file is 12.0 MB');
    expect(fileProblem({ size: MAX_EVIDENCE_BYTES })).toBeUndefined();
  });
});

describe('placing the API’s problems with a bulk update', () => {
  const sent = ['GOVERN 1.1', 'GOVERN 1.2', 'MAP 1.1', 'MEASURE 2.1'];

  it('shows a problem with any item’s evidence once, at the shared field', () => {
    const found = evidenceProblems(
      [
        { path: 'body.items.3.evidence.0.url', message: 'Invalid URL' },
        { path: 'body.items.0.evidence.0.url', message: 'Invalid URL' },
        { path: 'body.items.0.evidence.0.title', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.items.2.evidence.0.contentBase64', message: 'Invalid base64' },
        { path: 'body.items.2.evidence.0.name', message: 'Too big' },
      ],
      sent,
    );
    expect(found).toEqual({ url: ['Invalid URL'], title: ['Too small: expected string to have >=1 characters'], file: ['Invalid base64', 'Too big'], form: [] });
  });

  it('names the control of a problem with an item, and keeps problems with the list as a whole for the form', () => {
    const found = evidenceProblems(
      [
        { path: 'body.items[1].control', message: 'GOVERN 1.2 is listed twice' },
        { path: 'body.items.2.status', message: 'Invalid option' },
        { path: 'body.items[3].evidence', message: 'give evidence that MEASURE 2.1 is implemented' },
        { path: 'body.items.0.evidence.0', message: 'unknown field(s): size' },
        { path: 'body.items', message: 'Too big: expected array to have <=200 items' },
      ],
      sent,
    );
    expect(found.form).toEqual(['GOVERN 1.2 is listed twice', 'MAP 1.1: Invalid option', 'give evidence that MEASURE 2.1 is implemented', 'GOVERN 1.1: unknown field(s): size', 'Too big: expected array to have <=200 items']);
    expect(found.url).toEqual([]);
  });
});
