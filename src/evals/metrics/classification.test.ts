import { describe, expect, it } from 'vitest';
import { labelReader, toScoredCase } from './cases.js';
import type { ScoredCase } from './metric.js';
import { METRICS } from './registry.js';

const pairs: [string, string | null][] = [
  ['cat', 'cat'], ['cat', 'dog'], ['cat', 'cat'], ['dog', 'dog'], ['dog', 'cat'], ['bird', 'bird'], ['bird', null], ['dog', 'fish'],
];
const cases: ScoredCase[] = pairs.map(([label, predicted], i) => ({ id: String(i + 1), output: predicted, label, predicted }));

describe('classification metrics on a hand-counted fixture', () => {
  // Classes bird, cat, dog. TP 1/2/1, predicted 1/3/2 (fish and no answer are predictions of no class), actual 2/3/3.
  it('computes accuracy over all cases, wrong answers included', () => {
    expect(METRICS.accuracy.compute(cases)).toEqual({ value: 0.5, support: 8 });
  });

  it('computes precision, recall and F1 per class with macro and micro averages', () => {
    const p = METRICS.precision.compute(cases);
    expect(p.value).toBeCloseTo((1 + 2 / 3 + 1 / 2) / 3, 12);
    expect(p.details).toEqual({ micro: 4 / 6, byClass: { bird: 1, cat: 2 / 3, dog: 0.5 } });
    const r = METRICS.recall.compute(cases);
    expect(r.value).toBeCloseTo(0.5, 12);
    expect(r.details).toEqual({ micro: 0.5, byClass: { bird: 0.5, cat: 2 / 3, dog: 1 / 3 } });
    const f = METRICS.f1.compute(cases);
    expect(f.value).toBeCloseTo((2 / 3 + 2 / 3 + 0.4) / 3, 12);
    expect((f.details!.byClass as Record<string, number>).dog).toBeCloseTo(0.4, 12);
    expect(f.details!.micro).toBeCloseTo(4 / 7, 12);
    expect(f.support).toBe(8);
  });

  it('lays out the confusion matrix with true labels as rows and a column for answers naming no label', () => {
    const m = METRICS.confusion_matrix.compute(cases);
    expect(m.details).toEqual({
      labels: ['bird', 'cat', 'dog', 'fish', '(none)'],
      matrix: [[1, 0, 0, 0, 1], [0, 2, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
    });
    expect(m.value).toBe(0.5);
  });

  it('gives null values when no case has a label', () => {
    expect(METRICS.f1.compute([{ id: '1', output: 'x' }])).toEqual({ value: null, support: 0, details: { micro: 0, byClass: {} } });
  });
});

describe('calibration and ranking metrics', () => {
  const scored: ScoredCase[] = [
    { id: 'a', output: 'yes', label: 'yes', predicted: 'yes', scores: { yes: 0.9, no: 0.1 } },
    { id: 'b', output: 'yes', label: 'no', predicted: 'yes', scores: { yes: 0.8, no: 0.2 } },
    { id: 'c', output: 'no', label: 'no', predicted: 'no', scores: { yes: 0.3, no: 0.7 } },
    { id: 'd', output: 'no', label: 'yes', predicted: 'no', scores: { yes: 0.4, no: 0.6 } },
    { id: 'e', output: 'yes', label: 'yes', predicted: 'yes', scores: { yes: 1, no: 0 } },
  ];

  it('computes expected calibration error from weighted bin gaps, a confidence of 1 in the top bin', () => {
    // Five bins: [0.6,0.8) holds d, c (confidence 0.65, accuracy 0.5); [0.8,1] holds b, a, e (0.9, 2/3).
    const ece = METRICS.expected_calibration_error.compute(scored, { bins: 5 });
    expect(ece.value).toBeCloseTo(0.4 * 0.15 + 0.6 * (0.9 - 2 / 3), 12);
    expect(ece.support).toBe(5);
    const bins = ece.details!.bins as { count: number }[];
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 2, 3]);
    expect(() => METRICS.expected_calibration_error.compute(scored, { bins: 0 })).toThrow(/bins/);
  });

  it('computes the Brier score in its binary form for two classes and the multi-class sum otherwise', () => {
    expect(METRICS.brier_score.compute(scored).value).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.36 + 0) / 5, 12);
    const three: ScoredCase[] = [{ id: '1', output: 'a', label: 'a', predicted: 'a', scores: { a: 0.5, b: 0.3, c: 0.2 } }];
    expect(METRICS.brier_score.compute(three).value).toBeCloseTo(0.25 + 0.09 + 0.04, 12);
  });

  it('computes AUROC per class against the rest, ties counting one half', () => {
    const result = METRICS.auroc.compute(scored);
    expect(result.value).toBeCloseTo(5 / 6, 12);
    expect(result.details).toEqual({ byClass: { no: 5 / 6, yes: 5 / 6 } });
    const ties: ScoredCase[] = [
      { id: '1', output: null, label: 'y', scores: { y: 0.5 } },
      { id: '2', output: null, label: 'n', scores: { y: 0.5 } },
    ];
    expect(METRICS.auroc.compute(ties).value).toBe(0.5);
    expect(METRICS.auroc.compute([ties[0]]).value).toBeNull();
  });
});

describe('reading labels from answers', () => {
  const read = labelReader(['Billing', 'Tech support']);

  it('matches the whole answer ignoring case, quotes and final punctuation, then a single whole-word mention', () => {
    expect(read(' billing. ')).toBe('Billing');
    expect(read('"Tech Support"')).toBe('Tech support');
    expect(read('This is a billing question.')).toBe('Billing');
    expect(read('billing or tech support')).toBeNull();
    expect(read('rebilling')).toBeNull();
    expect(read(null)).toBeNull();
  });

  it('joins a dataset row with the model answer into a scored case', () => {
    const c = toScoredCase({ id: '7', input: 'x', label: 'Billing', scores: { Billing: 0.7 } }, { output: 'BILLING', latencyMs: 12, costUsd: 0.001 }, read);
    expect(c).toEqual({ id: '7', output: 'BILLING', latencyMs: 12, costUsd: 0.001, error: undefined, label: 'Billing', predicted: 'Billing', scores: { Billing: 0.7 } });
    const rag = toScoredCase({ id: 'r', question: 'q', contexts: ['c1'], reference: 'r' }, { output: null, error: 'timeout' });
    expect(rag).toMatchObject({ output: null, error: 'timeout', reference: 'r', contexts: ['c1'] });
  });
});
