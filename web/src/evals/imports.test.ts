import { describe, expect, it } from 'vitest';
import { countLines, importedSummary, nameFromFile, nameProblem, offlineProblems, predictionsHint, promptfooProblems, refusedField, scoredSummary } from './imports';
import type { Dataset, EvalRun } from './types';

const dataset: Dataset = { id: 'ds_1', name: 'refunds', kind: 'generation', description: '', useCaseId: 'uc_1', createdBy: 'usr_1', createdAt: '2026-11-27T10:00:00Z', versions: [] };
const version = (rows: number) => ({
  id: 'dsv_1', datasetId: 'ds_1', number: 1, contentHash: 'ab'.repeat(32), rows, source: 'promptfoo', frozen: false, frozenAt: null, frozenBy: null,
  createdBy: 'usr_1', createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z', version: 1,
});
const interval = (value: number) => ({ value, low: value - 0.01, high: value + 0.01, support: 500 });
const run = (over: Partial<EvalRun> = {}): EvalRun => ({
  id: 'er_1', useCaseId: 'uc_1', releaseId: 'rel_1', kind: 'evaluation', mode: 'offline', datasetVersionId: 'dsv_1', datasetHash: 'ab', error: null,
  progress: { status: 'completed', total: 500, done: 500, succeeded: 500, failed: 0 },
  summary: { cases: 500, metrics: { f1: interval(0.97), accuracy: interval(0.975), expected_calibration_error: interval(0) }, comparison: null, computeMs: 12 },
  createdBy: 'usr_riley', createdAt: '2026-11-27T10:00:00Z', finishedAt: '2026-11-27T10:00:00Z', ...over,
});

describe('reading a predictions file and what the API says of it', () => {
  it('counts the predictions as the API does, leaving blank lines out', () => {
    expect(countLines('{"id":"a"}\r\n\n  \n{"id":"b"}\n')).toBe(2);
    expect(countLines('')).toBe(0);
  });

  it('puts each problem where it belongs: the query at its field, bad predictions by line, missing cases at the file', () => {
    expect(
      offlineProblems([
        { path: 'querystring.version', message: 'Too small: expected number to be >=1' },
        { path: 'line 3: id', message: 'the dataset has no case "zz"' },
        { path: 'line 7', message: 'not valid JSON: Unexpected token' },
        { path: 'line 9: scores.high', message: 'Too big' },
        { path: 'cases', message: '2 case(s) have no prediction: a, b' },
      ]),
    ).toEqual({
      datasetId: [],
      version: ['Too small: expected number to be >=1'],
      predictions: ['2 case(s) have no prediction: a, b'],
      lines: [
        { line: 3, field: 'id', message: 'the dataset has no case "zz"' },
        { line: 7, field: null, message: 'not valid JSON: Unexpected token' },
        { line: 9, field: 'scores.high', message: 'Too big' },
      ],
    });
  });

  it('places a refusal without field problems at the field its words name', () => {
    expect(refusedField(404, 'version 3 of dataset ds_1 does not exist')).toBe('version');
    expect(refusedField(404, 'dataset ds_1 does not exist')).toBe('datasetId');
    expect(refusedField(409, 'a dataset named refunds exists')).toBe('name');
    expect(refusedField(404, 'release rel_1 does not exist')).toBeUndefined();
    expect(refusedField(403, 'dataset writes need eval:run')).toBeUndefined();
  });

  it('says how many predictions were scored, the run and its headline figures', () => {
    expect(scoredSummary(run())).toBe('Scored 500 predictions: run er_1. F1 (macro) 0.970, Accuracy 0.975, Expected calibration error (ECE) 0.000.');
    expect(scoredSummary(run({ progress: { status: 'completed', total: 2, done: 2, succeeded: 1, failed: 1 }, summary: null }))).toBe('Scored 2 predictions (1 without an answer): run er_1.');
  });

  it("hints at a prediction's shape for the dataset's kind and the version's cases", () => {
    expect(predictionsHint('classification', 500)).toMatch(/^\{"id": "case-1", "output": "high", "scores": .* per line, one line for each of its 500 cases; .*calibration/);
    expect(predictionsHint('generation', undefined)).toMatch(/"output": "the answer"\} per line, one line per case/);
  });
});

describe('importing a promptfoo config', () => {
  it('says what was imported and what was left behind', () => {
    const unsupported = [
      { test: 1, assertion: 2, type: 'llm-rubric', reason: 'not deterministic' },
      { test: 3, assertion: 1, type: 'javascript', reason: 'not deterministic' },
      { test: null, reason: 'prompt file://x.txt is not inline text' },
    ];
    expect(importedSummary({ dataset: { ...dataset, versions: [version(4)] }, prompts: 2, providers: [], unsupported })).toBe(
      'Imported refunds: 4 rows from 2 prompts; 2 assertions and 1 other item not brought over, listed below.',
    );
    expect(importedSummary({ dataset: { ...dataset, versions: [version(1)] }, prompts: 1, providers: ['openai:gpt-4o-mini'], unsupported: [] })).toBe(
      'Imported refunds: 1 row from 1 prompt; everything was brought over.',
    );
  });

  it('shows the name problems at the name and the rest at the config, tests by number', () => {
    expect(
      promptfooProblems([
        { path: 'querystring.name', message: 'Too small: expected string to have >=2 characters' },
        { path: 'tests.2', message: 'a test must be a mapping with vars and assert' },
        { path: 'config', message: 'not YAML' },
        { path: 'prompts', message: 'no inline prompt' },
      ]),
    ).toEqual({ name: ['Too small: expected string to have >=2 characters'], config: ['test 2: a test must be a mapping with vars and assert', 'not YAML', 'prompts: no inline prompt'] });
  });

  it("checks the name by the API's rule and suggests one from the file name", () => {
    expect(nameProblem(' a ')).toBe('give the dataset a name of at least 2 characters');
    expect(nameProblem('x'.repeat(101))).toBe('a name has at most 100 characters');
    expect(nameProblem('refunds')).toBeUndefined();
    expect(nameFromFile('refund_answers.promptfooconfig.yaml')).toBe('refund answers');
    expect(nameFromFile('promptfooconfig.yml')).toBe('');
    expect(nameFromFile('claims-suite.yaml')).toBe('claims suite');
  });
});
