import { describe, expect, it } from 'vitest';
import { canonicalJsonl, datasetHash, verifyDatasetHash } from './hash.js';
import { parseDataset } from './parse.js';
import { caseVariables } from './rows.js';

const classificationJsonl = [
  '{"input":"Refund please","label":"billing","scores":{"billing":0.9,"tech":0.1}}',
  '',
  '{"id":"c2","input":"App crashes","label":"tech"}',
].join('\n');

describe('parseDataset', () => {
  it('reads classification rows from JSONL, numbering rows without an id by position', () => {
    const parsed = parseDataset(classificationJsonl, 'jsonl', 'classification');
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(2);
    expect(parsed.rows).toEqual([
      { id: '1', input: 'Refund please', label: 'billing', scores: { billing: 0.9, tech: 0.1 } },
      { id: 'c2', input: 'App crashes', label: 'tech' },
    ]);
  });

  it('reads generation and rag rows from CSV, with JSON cells for contexts and assertions', () => {
    const gen = parseDataset('input,reference,context\n"What is 2+2?",4,\n"Capital of France?",Paris,"France is in Europe."\n', 'csv', 'generation');
    expect(gen.errors).toEqual([]);
    expect(gen.rows[1]).toEqual({ id: '2', input: 'Capital of France?', reference: 'Paris', context: 'France is in Europe.' });
    const rag = parseDataset('question,contexts,reference\nWho?,"[""Ada wrote it."",""Bob read it.""]",Ada\nWhen?,It was 1843.,1843\n', 'csv', 'rag');
    expect(rag.errors).toEqual([]);
    expect(rag.rows.map((r) => r.contexts)).toEqual([['Ada wrote it.', 'Bob read it.'], ['It was 1843.']]);
  });

  it('reports every bad JSONL row with its line and reason and keeps the good ones', () => {
    const text = ['{"input":"a","label":"x"}', '{"input":"b"', '[1]', '{"input":"","label":"x"}', '{"input":"c","label":"y","colour":"red"}', '{"input":"d","label":"x","scores":{"x":1.5}}'].join('\n');
    const parsed = parseDataset(text, 'jsonl', 'classification');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.total).toBe(6);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([[2, undefined], [3, undefined], [4, 'input'], [5, undefined], [6, 'scores.x']]);
    expect(parsed.errors[0].reason).toMatch(/not valid JSON/);
    expect(parsed.errors[1].reason).toBe('each line must be a JSON object');
    expect(parsed.errors[3].reason).toMatch(/colour/);
  });

  it('reports CSV rows by the line they start on, across quoted line breaks and blank lines', () => {
    const text = 'input,label\n"two\nlines",a\n\nshort\nok,b,extra\ngood,c\n"bad json",x\n';
    const parsed = parseDataset(text, 'csv', 'classification');
    expect(parsed.rows.map((r) => r.input)).toEqual(['two\nlines', 'good', 'bad json']);
    expect(parsed.errors).toEqual([
      { line: 5, reason: 'the row has a different number of fields than the header' },
      { line: 6, reason: 'the row has a different number of fields than the header' },
    ]);
    const scores = parseDataset('input,label,scores\nhi,a,{oops\n', 'csv', 'classification');
    expect(scores.errors).toEqual([{ line: 2, field: 'scores', reason: 'the scores cell must hold JSON' }]);
  });

  it('reports an unknown CSV column once, on the header line', () => {
    const parsed = parseDataset('input,label,notes\na,x,n1\nb,y,n2\n', 'csv', 'classification');
    expect(parsed.errors).toEqual([{ line: 1, reason: 'unknown column(s) notes; expected id, input, label, scores' }]);
    expect(parsed.rows).toHaveLength(2);
  });

  it('rejects duplicate ids and generation rows with neither reference nor assertion', () => {
    const parsed = parseDataset('{"id":"a","input":"x","reference":"y"}\n{"id":"a","input":"z","reference":"w"}\n{"input":"q"}', 'jsonl', 'generation');
    expect(parsed.errors).toEqual([
      { line: 2, field: 'id', reason: 'duplicate id "a" (first on line 1)' },
      { line: 3, field: 'reference', reason: 'needs a reference answer or at least one assertion' },
    ]);
  });

  it('accepts generation rows whose test is an assertion, and rejects an invalid regex assertion', () => {
    const ok = parseDataset('{"input":"x","assertions":[{"type":"regex","value":"^\\\\d+$"}]}', 'jsonl', 'generation');
    expect(ok.errors).toEqual([]);
    const bad = parseDataset('{"input":"x","assertions":[{"type":"regex","value":"("}]}', 'jsonl', 'generation');
    expect(bad.errors[0]).toMatchObject({ line: 1, field: 'assertions.0.value' });
  });

  it('reports an unparseable CSV as one error instead of throwing', () => {
    const parsed = parseDataset('input,label\n"open quote,a\n', 'csv', 'classification');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors[0].reason).toMatch(/the CSV does not parse/);
  });
});

describe('dataset hash', () => {
  const rows = parseDataset(classificationJsonl, 'jsonl', 'classification').rows;

  it('is the SHA-256 of the canonical JSONL, independent of key order and source format', () => {
    expect(canonicalJsonl(rows).split('\n')[0]).toBe('{"id":"1","input":"Refund please","label":"billing","scores":{"billing":0.9,"tech":0.1}}');
    const reordered = parseDataset('{"scores":{"tech":0.1,"billing":0.9},"label":"billing","input":"Refund please"}\n{"label":"tech","input":"App crashes","id":"c2"}', 'jsonl', 'classification');
    expect(datasetHash(reordered.rows)).toBe(datasetHash(rows));
    const csv = parseDataset('id,input,label,scores\n1,Refund please,billing,"{""billing"":0.9,""tech"":0.1}"\nc2,App crashes,tech,\n', 'csv', 'classification');
    expect(datasetHash(csv.rows)).toBe(datasetHash(rows));
    expect(datasetHash(rows)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats NFC and NFD spellings of the same text as the same row', () => {
    const nfd = parseDataset('{"input":"Cafe\u0301","label":"x"}', 'jsonl', 'classification').rows;
    const nfcRows = parseDataset('{"input":"Caf\u00e9","label":"x"}', 'jsonl', 'classification').rows;
    expect(datasetHash(nfd)).toBe(datasetHash(nfcRows));
  });

  it('changes when rows are reordered, and detects a tampered copy on load', () => {
    const hash = datasetHash(rows);
    expect(datasetHash([...rows].reverse())).not.toBe(hash);
    expect(verifyDatasetHash(rows, hash)).toEqual({ intact: true, expected: hash, actual: hash });
    const tampered = rows.map((r) => (r.id === 'c2' ? { ...r, label: 'billing' } : r));
    const check = verifyDatasetHash(tampered, hash);
    expect(check.intact).toBe(false);
    expect(check.actual).not.toBe(hash);
  });
});

describe('caseVariables', () => {
  it('names the values a prompt template can fill for each kind of row', () => {
    expect(caseVariables({ id: '1', input: 'Hi', label: 'x' })).toEqual({ input: 'Hi' });
    expect(caseVariables({ id: '1', input: 'Hi', reference: 'y', context: 'ctx' })).toEqual({ input: 'Hi', context: 'ctx' });
    expect(caseVariables({ id: '1', question: 'Who?', contexts: ['A', 'B'], reference: 'A' })).toEqual({ question: 'Who?', input: 'Who?', contexts: '[1] A\n\n[2] B' });
  });
});
