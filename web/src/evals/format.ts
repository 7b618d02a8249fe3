import { formatMs, formatUsd } from '../shell/format';
import type { Criterion, EvaluationSummary, MetricInterval, RunKind } from './types';

/** The metrics Charter measures, in the order a reader looks for them, named as people say them. */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  f1: 'F1 (macro)',
  accuracy: 'Accuracy',
  precision: 'Precision (macro)',
  recall: 'Recall (macro)',
  expected_calibration_error: 'Expected calibration error (ECE)',
  brier_score: 'Brier score',
  auroc: 'AUROC',
  confusion_matrix: 'Confusion matrix',
  exact_match: 'Exact match',
  contains: 'Contains reference',
  regex: 'Matches pattern',
  json_schema: 'Valid JSON',
  token_f1: 'Token F1',
  rouge_l: 'ROUGE-L',
  groundedness: 'Groundedness',
  hallucination_rate: 'Hallucination rate',
  assertion_pass_rate: 'Assertion pass rate',
  refusal_rate: 'Refusal rate',
  error_rate: 'Error rate',
  failure_rate: 'Failure rate',
  latency_p50: 'Latency p50',
  latency_p95: 'Latency p95',
  latency_p99: 'Latency p99',
  cost_per_case: 'Cost per case',
};

/** Metrics where a smaller figure is the better one (the API's registry says `better: 'lower'`). */
const LOWER_IS_BETTER = new Set(['expected_calibration_error', 'brier_score', 'hallucination_rate', 'refusal_rate', 'error_rate', 'failure_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'cost_per_case']);

/** What a run's list shows of its metrics: the first few of these it has. */
const KEY_METRICS = ['f1', 'accuracy', 'expected_calibration_error', 'token_f1', 'rouge_l', 'groundedness', 'assertion_pass_rate', 'exact_match', 'failure_rate'];

export const metricLabel = (name: string): string => METRIC_LABELS[name] ?? name.replace(/_/g, ' ');
export const lowerIsBetter = (name: string): boolean => LOWER_IS_BETTER.has(name);

/** OWASP LLM Top 10 (2025) names of Charter's red-team categories. */
export const CATEGORY_TITLES: Readonly<Record<string, string>> = {
  prompt_injection: 'Prompt Injection',
  sensitive_information_disclosure: 'Sensitive Information Disclosure',
  improper_output_handling: 'Improper Output Handling',
  excessive_agency: 'Excessive Agency',
  system_prompt_leakage: 'System Prompt Leakage',
  misinformation: 'Misinformation',
  unbounded_consumption: 'Unbounded Consumption',
};

/** Metrics in reading order: known ones as listed above, then any others alphabetically; the confusion matrix is shown apart. */
export function orderedMetrics(names: readonly string[]): string[] {
  const known = Object.keys(METRIC_LABELS);
  const rank = (n: string) => (known.includes(n) ? known.indexOf(n) : known.length);
  return names.filter((n) => n !== 'confusion_matrix').sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function keyMetrics(summary: EvaluationSummary, count = 3): string[] {
  return KEY_METRICS.filter((n) => summary.metrics[n] && summary.metrics[n].value !== null).slice(0, count);
}

/** A metric's figure in its unit: latency in ms, cost in dollars, scores and rates to three decimals. */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (name.startsWith('latency_')) return formatMs(value);
  if (name === 'cost_per_case') return formatUsd(value);
  return (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
}

/** A change of a metric, signed: "+0.012", "−3 ms". */
export function formatDelta(name: string, delta: number | null | undefined): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '—';
  const size = formatMetric(name, Math.abs(delta));
  if (size === formatMetric(name, 0)) return size;
  return `${delta > 0 ? '+' : '−'}${size}`;
}

/** The 95 % bootstrap interval of a metric, or undefined when the API computed none. */
export function formatInterval(name: string, m: MetricInterval): string | undefined {
  if (m.low === null || m.high === null) return undefined;
  return `${formatMetric(name, m.low)} – ${formatMetric(name, m.high)}`;
}

export const formatRate = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;

export const RUN_KIND_LABELS: Readonly<Record<RunKind, string>> = { evaluation: 'Evaluation', red_team: 'Red team' };
export const SIGN_OFF_ROLE_LABELS: Readonly<Record<string, string>> = { business_owner: 'Business owner', risk_reviewer: 'Risk reviewer' };
export const roleLabel = (role: string): string => SIGN_OFF_ROLE_LABELS[role] ?? role.replace(/_/g, ' ');

/** What a criterion checks, in words: "F1 (macro)", "No significant regression in F1 (macro)", "Attack success: Misinformation". */
export function criterionLabel(c: Criterion): string {
  const [kind, subject = ''] = c.id.split(/:(.*)/s);
  switch (kind) {
    case 'evaluation':
      return 'Evaluation run';
    case 'metric':
      return metricLabel(subject);
    case 'regression':
      return `Regression in ${metricLabel(subject)}`;
    case 'red_team':
      return subject === 'overall' ? 'Attack success rate, overall' : `Attack success rate: ${CATEGORY_TITLES[subject] ?? subject.replace(/_/g, ' ')}`;
    case 'sign_off':
      return `Sign-off by the ${roleLabel(subject).toLowerCase()}`;
    case 'monitoring':
      return 'Monitoring thresholds';
    case 'rollback_plan':
      return 'Rollback plan';
    case 'criteria':
      return subject ? `Policy criterion ${subject}` : 'Release criteria';
    default:
      return c.id;
  }
}

/** A criterion's measured value in its unit; a dash when there is no evidence. */
export function criterionValue(c: Criterion): string {
  if (c.value === null) return '—';
  const subject = c.id.split(':')[1] ?? '';
  switch (c.kind) {
    case 'evaluation':
      return typeof c.value === 'number' ? `${c.value.toLocaleString()} cases` : String(c.value);
    case 'metric':
      return typeof c.value === 'number' ? formatMetric(subject, c.value) : String(c.value);
    case 'regression':
      return typeof c.value === 'number' ? `change ${formatDelta(subject, c.value)}` : String(c.value);
    case 'red_team':
      return typeof c.value === 'number' ? formatRate(c.value) : String(c.value);
    case 'monitoring':
      return typeof c.value === 'number' ? (c.value > 0 ? 'defined' : 'none') : String(c.value);
    case 'rollback_plan':
      return c.value === true ? 'written' : c.value === false ? 'none' : String(c.value);
    default:
      return String(c.value);
  }
}

/** Where a piece of evidence is read in the app: a run's screen, the use case, a sign-off on this screen. */
export type EvidenceTarget =
  | { kind: 'run'; runId: string; label: string }
  | { kind: 'use-case'; useCaseId: string; label: string }
  | { kind: 'anchor'; href: string; label: string }
  | { kind: 'api'; href: string; label: string };

const RUN_EVIDENCE: Readonly<Record<string, string>> = { evaluation: 'evaluation run', metric: 'evaluation run', regression: 'baseline run', red_team: 'red-team run' };

/** `criterionKind` names the run a link proves: the evaluation, the production baseline or the red team. */
export function evidenceTarget(link: string, criterionKind = ''): EvidenceTarget {
  const run = /^\/api\/v1\/eval-runs\/([^/?#]+)$/.exec(link);
  if (run) return { kind: 'run', runId: decodeURIComponent(run[1]), label: RUN_EVIDENCE[criterionKind] ?? 'run' };
  const signOff = /^\/api\/v1\/releases\/[^/]+\/sign-offs#(.+)$/.exec(link);
  if (signOff) return { kind: 'anchor', href: `#sign-off-${signOff[1]}`, label: 'the sign-off' };
  const useCase = /^\/api\/v1\/use-cases\/([^/?#]+)$/.exec(link);
  if (useCase) return { kind: 'use-case', useCaseId: decodeURIComponent(useCase[1]), label: 'the use case record' };
  return { kind: 'api', href: link, label: link };
}
