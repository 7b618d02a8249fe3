import { Invalid } from '../kernel/errors.js';
import type { DatasetRow, TaskKind } from './datasets/rows.js';
import { type CallOutcome, labelReader, toScoredCase } from './metrics/cases.js';
import type { Metric, MetricName, ScoredCase } from './metrics/metric.js';
import { METRICS } from './metrics/registry.js';
import { bootstrapInterval, pairedBootstrap } from './stats/bootstrap.js';
import { mcnemarForMetric } from './stats/mcnemar.js';
import { alignCases } from './stats/pairs.js';

/** What a run stored for one case: the call's outcome, and the probabilities a scored predictions file gave. */
export interface CaseOutcome extends CallOutcome {
  caseId: string;
  scores?: Record<string, number>;
}

/** The metrics a run of each task kind reports; regex and JSON-schema checks need a pattern, so they live in row assertions. */
const RUN_METRICS: Readonly<Record<TaskKind, readonly MetricName[]>> = {
  classification: ['accuracy', 'precision', 'recall', 'f1', 'confusion_matrix', 'expected_calibration_error', 'brier_score', 'auroc'],
  generation: ['exact_match', 'contains', 'token_f1', 'rouge_l', 'groundedness', 'hallucination_rate', 'error_rate', 'refusal_rate', 'assertion_pass_rate'],
  rag: ['exact_match', 'contains', 'token_f1', 'rouge_l', 'groundedness', 'hallucination_rate', 'error_rate', 'refusal_rate'],
};
const OPERATIONAL: readonly MetricName[] = ['failure_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'cost_per_case'];

export interface MetricInterval {
  value: number | null;
  low: number | null;
  high: number | null;
  support: number;
  details?: Record<string, unknown>;
}

export interface MetricComparison {
  method: 'paired_bootstrap' | 'mcnemar';
  baseline: number | null;
  candidate: number | null;
  delta: number | null;
  significantRegression: boolean;
  pValue?: number;
  low?: number | null;
  high?: number | null;
}

/** Joins the dataset's rows with what the run stored for them, in dataset order; a row without an outcome is left out. */
export function scoredCases(rows: readonly DatasetRow[], outcomes: readonly CaseOutcome[]): ScoredCase[] {
  const byId = new Map(outcomes.map((o) => [o.caseId, o]));
  const readLabel = labelReader(new Set(rows.flatMap((r) => ('label' in r ? [r.label] : []))));
  const cases: ScoredCase[] = [];
  for (const row of rows) {
    const outcome = byId.get(row.id);
    if (!outcome) continue;
    const scored = toScoredCase(row, outcome, readLabel);
    if (outcome.scores) scored.scores = outcome.scores;
    cases.push(scored);
  }
  return cases;
}

/** A metric is compared case by case, or resampled, only when it has a per-case score or a resampler. */
const resamplable = (m: Metric) => (m.scorer !== undefined || m.resampler !== undefined) && m.name !== 'confusion_matrix';

/**
 * Every metric that applies to the run's cases, with a bootstrap percentile interval for those that can be resampled
 * (quality metrics; latency percentiles and cost are reported as measured). Metrics no case applies to are left out.
 */
export function summariseMetrics(kind: TaskKind, cases: readonly ScoredCase[], iterations = 1000): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {};
  for (const name of [...RUN_METRICS[kind], ...OPERATIONAL]) {
    const metric = METRICS[name];
    const result = metric.compute(cases);
    if (result.value === null) continue;
    const interval = resamplable(metric) ? bootstrapInterval(metric, cases, { iterations }) : { low: null, high: null };
    out[name] = { value: result.value, low: interval.low, high: interval.high, support: result.support, ...(result.details ? { details: result.details } : {}) };
  }
  return out;
}

/**
 * Compares a candidate run with a baseline run over the cases both answered: McNemar's exact test for pass/fail metrics,
 * otherwise a paired bootstrap whose two-sided interval has confidence 1 − alpha. Metrics either run lacks are skipped.
 */
export function compareMetrics(names: readonly MetricName[], baseline: readonly ScoredCase[], candidate: readonly ScoredCase[], alpha: number): Record<string, MetricComparison> {
  const out: Record<string, MetricComparison> = {};
  const aligned = alignCases(baseline, candidate);
  for (const name of names) {
    const metric = METRICS[name];
    if (!resamplable(metric)) continue;
    const base = metric.compute(aligned.baseline).value;
    const cand = metric.compute(aligned.candidate).value;
    if (base === null || cand === null) continue;
    out[name] = mcnemarOrBootstrap(metric, aligned.baseline, aligned.candidate, alpha, base, cand);
  }
  return out;
}

function mcnemarOrBootstrap(metric: Metric, baseline: ScoredCase[], candidate: ScoredCase[], alpha: number, base: number, cand: number): MetricComparison {
  if (metric.scorer) {
    try {
      const test = mcnemarForMetric(metric, baseline, candidate, alpha);
      return { method: 'mcnemar', baseline: base, candidate: cand, delta: cand - base, significantRegression: test.significantRegression, pValue: test.pValue };
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
    }
  }
  const paired = pairedBootstrap(metric, baseline, candidate, { confidence: 1 - alpha });
  return { method: 'paired_bootstrap', baseline: paired.baseline, candidate: paired.candidate, delta: paired.delta, significantRegression: paired.significantRegression, low: paired.low, high: paired.high };
}

/** The quality metrics of a task kind, those a comparison with the active release is about. */
export const qualityMetrics = (kind: TaskKind): readonly MetricName[] => RUN_METRICS[kind];
