import { describe, expect, it } from 'vitest';
import { differingCases, metricsSideBySide } from './compare';
import type { CaseResult, EvaluationSummary } from './types';

const result = (caseId: string, output: string | null, error: string | null = null): CaseResult => ({ caseId, output, error, latencyMs: 1, costUsd: null, attempts: 1, eventId: null });
const summary = (metrics: Record<string, number | null>): EvaluationSummary => ({
  cases: 10,
  computeMs: 1,
  comparison: null,
  metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { value, low: null, high: null, support: 10 }])),
});

describe('diffing the cases of two runs', () => {
  it('keeps only the cases whose outcome differs, in case order', () => {
    const a = [result('case-10', 'high'), result('case-2', 'low'), result('case-1', 'medium'), result('case-3', 'low')];
    const b = [result('case-1', 'medium '), result('case-2', 'high'), result('case-3', null, 'timeout'), result('case-10', 'high')];
    expect(differingCases(a, b).map((d) => [d.caseId, d.a?.output, d.b?.output ?? d.b?.error])).toEqual([
      ['case-2', 'low', 'high'],
      ['case-3', 'low', 'timeout'],
    ]);
  });

  it('counts a case only one run holds as differing', () => {
    const d = differingCases([result('case-1', 'x')], [result('case-1', 'x'), result('case-2', 'y')]);
    expect(d).toEqual([{ caseId: 'case-2', a: undefined, b: result('case-2', 'y') }]);
  });
});

describe('metrics side by side', () => {
  it('says which run is better, knowing when lower is better', () => {
    const rows = metricsSideBySide(summary({ f1: 0.9, expected_calibration_error: 0.02, latency_p95: 500 }), summary({ f1: 0.93, expected_calibration_error: 0.04, accuracy: 0.9 }));
    expect(rows.map((r) => [r.name, r.better])).toEqual([
      ['f1', 'b'],
      ['accuracy', null],
      ['expected_calibration_error', 'a'],
      ['latency_p95', null],
    ]);
    expect(rows[0].delta).toBeCloseTo(0.03);
  });
});
