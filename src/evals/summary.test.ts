import { describe, expect, it } from 'vitest';
import type { ClassificationRow } from './datasets/rows.js';
import { compareMetrics, scoredCases, summariseMetrics } from './summary.js';

const LABELS = ['billing', 'outage'];
const rows: ClassificationRow[] = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, input: `ticket ${i}`, label: LABELS[i % 2] }));
const answering = (wrongEvery: number) => rows.map((r, i) => ({ caseId: r.id, output: i % wrongEvery === 0 ? LABELS[(i + 1) % 2] : `${r.label}.`, latencyMs: i % 10 }));

describe('scoredCases', () => {
  it('joins rows with stored outcomes in dataset order, reading labels and keeping probabilities from predictions', () => {
    const cases = scoredCases(rows.slice(0, 3), [{ caseId: 'c2', output: 'Outage', latencyMs: 1 }, { caseId: 'c0', output: 'billing', latencyMs: 1, scores: { billing: 0.7, outage: 0.3 } }]);
    expect(cases.map((c) => [c.id, c.predicted, c.scores])).toEqual([['c0', 'billing', { billing: 0.7, outage: 0.3 }], ['c2', 'outage', undefined]]);
  });
});

describe('summariseMetrics', () => {
  it('reports each applicable metric with a bootstrap interval around it, and operational figures as measured', () => {
    const metrics = summariseMetrics('classification', scoredCases(rows, answering(10)));
    expect(metrics.accuracy.value).toBeCloseTo(0.9, 10);
    expect(metrics.accuracy.low!).toBeLessThan(0.9);
    expect(metrics.accuracy.high!).toBeGreaterThan(0.9);
    expect(metrics.f1).toMatchObject({ support: 200 });
    expect(metrics.confusion_matrix).toMatchObject({ low: null, high: null, details: { labels: ['billing', 'outage'] } });
    expect(metrics.latency_p50).toMatchObject({ value: 4, low: null, high: null });
    expect(Object.keys(metrics)).not.toContain('expected_calibration_error');
  });
});

describe('compareMetrics', () => {
  it('uses McNemar for pass/fail metrics and the paired bootstrap otherwise, flagging a clear regression', () => {
    const baseline = scoredCases(rows, answering(20));
    const worse = scoredCases(rows, answering(3));
    const comparison = compareMetrics(['accuracy', 'f1'], baseline, worse, 0.05);
    expect(comparison.accuracy).toMatchObject({ method: 'mcnemar', significantRegression: true });
    expect(comparison.accuracy.delta).toBeLessThan(-0.2);
    expect(comparison.f1).toMatchObject({ method: 'paired_bootstrap', significantRegression: true });
    expect(compareMetrics(['accuracy'], baseline, baseline, 0.05).accuracy).toMatchObject({ delta: 0, significantRegression: false, pValue: 1 });
  });
});
