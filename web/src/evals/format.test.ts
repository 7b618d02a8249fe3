import { describe, expect, it } from 'vitest';
import { criterionLabel, criterionValue, evidenceTarget, formatDelta, formatInterval, formatMetric, formatRate, keyMetrics, orderedMetrics } from './format';
import type { Criterion } from './types';

const criterion = (c: Partial<Criterion> & Pick<Criterion, 'id' | 'kind'>): Criterion => ({ status: 'pass', value: null, threshold: '', evidence: [], reason: '', ...c });

describe('formatting a gate criterion', () => {
  it('names each kind of criterion in words', () => {
    expect(criterionLabel(criterion({ id: 'evaluation', kind: 'evaluation' }))).toBe('Evaluation run');
    expect(criterionLabel(criterion({ id: 'metric:f1', kind: 'metric' }))).toBe('F1 (macro)');
    expect(criterionLabel(criterion({ id: 'metric:expected_calibration_error', kind: 'metric' }))).toBe('Expected calibration error (ECE)');
    expect(criterionLabel(criterion({ id: 'regression:f1', kind: 'regression' }))).toBe('Regression in F1 (macro)');
    expect(criterionLabel(criterion({ id: 'red_team:overall', kind: 'red_team' }))).toBe('Attack success rate, overall');
    expect(criterionLabel(criterion({ id: 'red_team:sensitive_information_disclosure', kind: 'red_team' }))).toBe('Attack success rate: Sensitive Information Disclosure');
    expect(criterionLabel(criterion({ id: 'sign_off:business_owner', kind: 'sign_off' }))).toBe('Sign-off by the business owner');
    expect(criterionLabel(criterion({ id: 'monitoring', kind: 'monitoring' }))).toBe('Monitoring thresholds');
    expect(criterionLabel(criterion({ id: 'rollback_plan', kind: 'rollback_plan' }))).toBe('Rollback plan');
    expect(criterionLabel(criterion({ id: 'criteria:2', kind: 'criteria' }))).toBe('Policy criterion 2');
  });

  it('shows each value in its unit, and a dash without evidence', () => {
    expect(criterionValue(criterion({ id: 'evaluation', kind: 'evaluation', value: 500 }))).toBe('500 cases');
    expect(criterionValue(criterion({ id: 'metric:f1', kind: 'metric', value: 0.9701303512830982 }))).toBe('0.970');
    expect(criterionValue(criterion({ id: 'metric:expected_calibration_error', kind: 'metric', value: 1.2434497875801753e-14 }))).toBe('0.000');
    expect(criterionValue(criterion({ id: 'regression:f1', kind: 'regression', value: -0.021 }))).toBe('change −0.021');
    expect(criterionValue(criterion({ id: 'red_team:overall', kind: 'red_team', value: 0.0125 }))).toBe('1.3 %');
    expect(criterionValue(criterion({ id: 'sign_off:business_owner', kind: 'sign_off', value: 'Olivia Okafor' }))).toBe('Olivia Okafor');
    expect(criterionValue(criterion({ id: 'monitoring', kind: 'monitoring', value: 1 }))).toBe('defined');
    expect(criterionValue(criterion({ id: 'rollback_plan', kind: 'rollback_plan', value: true }))).toBe('written');
    expect(criterionValue(criterion({ id: 'metric:f1', kind: 'metric', status: 'missing', value: null }))).toBe('—');
  });

  it('turns the API addresses of evidence into the screens that show them', () => {
    expect(evidenceTarget('/api/v1/eval-runs/er_1', 'metric')).toEqual({ kind: 'run', runId: 'er_1', label: 'evaluation run' });
    expect(evidenceTarget('/api/v1/eval-runs/er_2', 'red_team')).toEqual({ kind: 'run', runId: 'er_2', label: 'red-team run' });
    expect(evidenceTarget('/api/v1/eval-runs/er_3', 'regression')).toEqual({ kind: 'run', runId: 'er_3', label: 'baseline run' });
    expect(evidenceTarget('/api/v1/releases/rel_1/sign-offs#so_9')).toEqual({ kind: 'anchor', href: '#sign-off-so_9', label: 'the sign-off' });
    expect(evidenceTarget('/api/v1/use-cases/uc_1')).toEqual({ kind: 'use-case', useCaseId: 'uc_1', label: 'the use case record' });
    expect(evidenceTarget('/api/v1/other/x')).toEqual({ kind: 'api', href: '/api/v1/other/x', label: '/api/v1/other/x' });
  });
});

describe('formatting metrics', () => {
  it('writes latency in milliseconds, cost in dollars and scores to three decimals', () => {
    expect(formatMetric('latency_p95', 630)).toBe('630 ms');
    expect(formatMetric('f1', 0.97)).toBe('0.970');
    expect(formatMetric('f1', null)).toBe('—');
    expect(formatDelta('f1', 0.0123)).toBe('+0.012');
    expect(formatDelta('f1', 0)).toBe('0.000');
    expect(formatRate(0)).toBe('0 %');
  });

  it('gives the interval only when the API computed one', () => {
    expect(formatInterval('f1', { value: 0.97, low: 0.954, high: 0.984, support: 500 })).toBe('0.954 – 0.984');
    expect(formatInterval('latency_p50', { value: 525, low: null, high: null, support: 500 })).toBeUndefined();
  });

  it('orders metrics as a reader looks for them and picks the key ones a run list shows', () => {
    expect(orderedMetrics(['latency_p50', 'confusion_matrix', 'zeta', 'accuracy', 'f1'])).toEqual(['f1', 'accuracy', 'latency_p50', 'zeta']);
    const metric = (value: number | null) => ({ value, low: null, high: null, support: 1 });
    expect(keyMetrics({ cases: 1, comparison: null, computeMs: 1, metrics: { accuracy: metric(1), f1: metric(null), expected_calibration_error: metric(0), failure_rate: metric(0) } })).toEqual([
      'accuracy',
      'expected_calibration_error',
      'failure_rate',
    ]);
  });
});
