import type { Assertion } from '../assertions.js';

/** What a metric reads: a classification label, a text answer against a reference or context, or the call itself. */
export const METRIC_KINDS = ['classification', 'generation', 'operational'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_NAMES = [
  'accuracy', 'precision', 'recall', 'f1', 'confusion_matrix', 'expected_calibration_error', 'brier_score', 'auroc',
  'exact_match', 'contains', 'regex', 'json_schema', 'token_f1', 'rouge_l', 'groundedness', 'refusal_rate',
  'error_rate', 'hallucination_rate', 'assertion_pass_rate',
  'failure_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'cost_per_case',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** One evaluated case: the dataset's truth joined with what the model answered. */
export interface ScoredCase {
  id: string;
  /** the model's answer; null when the call failed */
  output: string | null;
  error?: string;
  latencyMs?: number;
  costUsd?: number;
  /** classification truth */
  label?: string;
  /** the label the answer names (see `predictedLabel`); null when it names none */
  predicted?: string | null;
  /** the model's probability per class label */
  scores?: Readonly<Record<string, number>>;
  reference?: string;
  contexts?: readonly string[];
  assertions?: readonly Assertion[];
}

/** `value` is null when no case was applicable (support 0). */
export interface MetricResult {
  value: number | null;
  support: number;
  details?: Record<string, unknown>;
}

export interface MetricOptions {
  /** expected_calibration_error: number of equal-width confidence bins (default 10) */
  bins?: number;
  /** regex: the pattern the answer must match, and its flags */
  pattern?: string;
  flags?: string;
  /** json_schema: the JSON Schema the answer must satisfy; without one, any JSON passes */
  schema?: Record<string, unknown> | boolean;
  /** groundedness, hallucination_rate: share of a sentence's content words that must occur in one passage (default 0.6) */
  supportThreshold?: number;
}

/** Per-case score in [0, 1], or null when the case does not apply. */
export type CaseScore = (c: ScoredCase) => number | null;

export interface Metric {
  readonly name: MetricName;
  readonly kind: MetricKind;
  /** which way is better, so a comparison can tell a regression from an improvement */
  readonly better: 'higher' | 'lower';
  readonly description: string;
  compute(cases: readonly ScoredCase[], options?: MetricOptions): MetricResult;
  /** Present when the metric is the mean of a per-case score, so two runs can be compared case by case. */
  scorer?(options?: MetricOptions): CaseScore;
  /**
   * Present when a metric that is not a mean can be re-evaluated on resampled case indices faster than by
   * `compute`: prepared once per run, then called once per bootstrap resample.
   */
  resampler?(cases: readonly ScoredCase[], options?: MetricOptions): (indices: Uint32Array) => number | null;
}

/** A metric that is the mean of a per-case score over the cases it applies to. */
export function meanMetric(def: Omit<Metric, 'compute' | 'scorer'> & { scorer(options: MetricOptions): CaseScore }): Metric {
  return {
    ...def,
    scorer: (options = {}) => def.scorer(options),
    compute(cases, options = {}) {
      const score = def.scorer(options);
      let sum = 0;
      let support = 0;
      for (const c of cases) {
        const s = score(c);
        if (s === null) continue;
        sum += s;
        support++;
      }
      return { value: support ? sum / support : null, support };
    },
  };
}
