import { Invalid } from '../../kernel/errors.js';
import { accuracy } from './accuracy.js';
import { assertionPassRate } from './assertion-pass-rate.js';
import { auroc } from './auroc.js';
import { brierScore } from './brier-score.js';
import { expectedCalibrationError } from './calibration-error.js';
import { confusionMatrix } from './confusion-matrix.js';
import { contains } from './contains.js';
import { costPerCase } from './cost.js';
import { errorRate } from './error-rate.js';
import { exactMatch } from './exact-match.js';
import { f1 } from './f1.js';
import { failureRate } from './failure-rate.js';
import { groundedness } from './groundedness.js';
import { hallucinationRate } from './hallucination-rate.js';
import { jsonSchema } from './json-schema.js';
import { latencyP50, latencyP95, latencyP99 } from './latency.js';
import { METRIC_NAMES, type Metric, type MetricName, type MetricOptions, type MetricResult, type ScoredCase } from './metric.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { refusalRate } from './refusal-rate.js';
import { regex } from './regex.js';
import { rougeLMetric } from './rouge-l.js';
import { tokenF1Metric } from './token-f1.js';

export const METRICS: Readonly<Record<MetricName, Metric>> = {
  accuracy, precision, recall, f1, confusion_matrix: confusionMatrix, expected_calibration_error: expectedCalibrationError,
  brier_score: brierScore, auroc, exact_match: exactMatch, contains, regex, json_schema: jsonSchema, token_f1: tokenF1Metric,
  rouge_l: rougeLMetric, groundedness, refusal_rate: refusalRate, error_rate: errorRate, hallucination_rate: hallucinationRate,
  assertion_pass_rate: assertionPassRate, failure_rate: failureRate, latency_p50: latencyP50, latency_p95: latencyP95,
  latency_p99: latencyP99, cost_per_case: costPerCase,
};

export const isMetricName = (name: string): name is MetricName => (METRIC_NAMES as readonly string[]).includes(name);

export function metricNamed(name: string): Metric {
  if (!isMetricName(name)) throw new Invalid(`no metric named "${name}"`, [{ path: 'metric', message: `use one of ${METRIC_NAMES.join(', ')}` }]);
  return METRICS[name];
}

/** Computes the requested metrics over the same cases, each with its own options. */
export function computeMetrics(cases: readonly ScoredCase[], requested: readonly { metric: MetricName; options?: MetricOptions }[]): Record<string, MetricResult> {
  const results: Record<string, MetricResult> = {};
  for (const { metric, options } of requested) results[metric] = METRICS[metric].compute(cases, options);
  return results;
}
