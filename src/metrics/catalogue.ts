import type { MetricDefinition, MetricLayer, Direction, ReviewCadence, Thresholds } from './schema.js';
import type { Unit } from './units.js';

/**
 * The metrics Charter derives from gateway telemetry for every use case and release, with nothing to configure.
 * Thresholds are defaults a policy pack or an owner may tighten; `windowMs` is the window the default monitor
 * evaluates and `minSamples` the calls (or reviews, feedback, cases) below which it reports NO_DATA.
 */
export interface GatewayMetric {
  key: GatewayMetricKey;
  name: string;
  description: string;
  layer: MetricLayer;
  adoption: boolean;
  unit: Unit;
  direction: Direction;
  thresholds: Thresholds;
  reviewCadence: ReviewCadence;
  /** The seed's owners: platform team, ML team, finance and operations, product and change lead. */
  defaultOwner: string;
  windowMs: number;
  minSamples: number;
}

export const GATEWAY_METRIC_KEYS = [
  'requests_per_day', 'latency_p50', 'latency_p95', 'latency_p99', 'ttft_p95', 'error_rate', 'availability',
  'tokens_per_request', 'cost_per_request', 'cost_per_day', 'cost_per_case', 'escalation_rate', 'override_rate',
  'block_rate', 'redaction_rate', 'audit_completeness', 'active_end_users', 'adoption_by_role', 'satisfaction',
] as const;
export type GatewayMetricKey = (typeof GATEWAY_METRIC_KEYS)[number];

const MIN15 = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const PLATFORM = 'platform team';
const ML = 'ML team';
const FINANCE = 'finance and operations';
const CHANGE = 'product and change lead';

type Row = [GatewayMetricKey, string, MetricLayer, Unit, Direction, number, number, ReviewCadence, string, number, number, string];
// key, name, layer, unit, direction, warning, critical, cadence, owner, window, min samples, description
const ROWS: Row[] = [
  ['requests_per_day', 'Requests per day', 'operational_health', 'count', 'decrease', 50_000, 200_000, 'daily', PLATFORM, DAY, 0,
    'Calls per day, scaled from the window. The thresholds guard against runaway loops; adoption is judged by active users.'],
  ['latency_p50', 'Latency p50', 'operational_health', 'ms', 'decrease', 2_000, 5_000, 'daily', PLATFORM, MIN15, 20,
    'Median time from request to the last byte of the answer.'],
  ['latency_p95', 'Latency p95', 'operational_health', 'ms', 'decrease', 8_000, 15_000, 'daily', PLATFORM, MIN15, 20,
    '95th percentile of request-to-last-byte time.'],
  ['latency_p99', 'Latency p99', 'operational_health', 'ms', 'decrease', 15_000, 30_000, 'daily', PLATFORM, MIN15, 50,
    '99th percentile of request-to-last-byte time.'],
  ['ttft_p95', 'Time to first token p95', 'operational_health', 'ms', 'decrease', 2_000, 5_000, 'daily', PLATFORM, MIN15, 20,
    '95th percentile of the time until the first streamed token.'],
  ['error_rate', 'Error rate', 'operational_health', 'ratio', 'decrease', 0.02, 0.05, 'daily', PLATFORM, MIN15, 20,
    'Calls answered with a 4xx or 5xx status (policy blocks excepted) ÷ calls.'],
  ['availability', 'Availability', 'operational_health', 'ratio', 'increase', 0.995, 0.99, 'daily', PLATFORM, HOUR, 20,
    'Calls not answered with a 5xx status ÷ calls.'],
  ['tokens_per_request', 'Tokens per request', 'operational_health', 'tokens', 'decrease', 8_000, 32_000, 'weekly', PLATFORM, HOUR, 20,
    'Input plus output tokens ÷ calls.'],
  ['cost_per_request', 'Cost per request', 'operational_health', 'usd', 'decrease', 0.05, 0.25, 'monthly', FINANCE, DAY, 20,
    'Model cost ÷ calls.'],
  ['cost_per_day', 'Cost per day', 'operational_health', 'usd', 'decrease', 100, 500, 'monthly', FINANCE, DAY, 1,
    'Model cost per day, scaled from the window.'],
  ['cost_per_case', 'Cost per case', 'business_outcome', 'usd', 'decrease', 1, 5, 'monthly', FINANCE, DAY, 10,
    'Model cost of calls naming a business case (x-charter-case-id) ÷ distinct cases.'],
  ['escalation_rate', 'Escalation rate', 'operational_health', 'ratio', 'decrease', 0.3, 0.5, 'weekly', PLATFORM, DAY, 20,
    'Calls sent to the human review queue ÷ calls.'],
  ['override_rate', 'Override rate', 'model_quality', 'ratio', 'decrease', 0.15, 0.3, 'weekly', ML, WEEK, 20,
    'Reviewed answers a reviewer changed ÷ reviewed answers.'],
  ['block_rate', 'Block rate', 'operational_health', 'ratio', 'decrease', 0.05, 0.15, 'weekly', PLATFORM, HOUR, 20,
    'Calls refused by policy ÷ calls.'],
  ['redaction_rate', 'Redaction rate', 'operational_health', 'ratio', 'decrease', 0.2, 0.5, 'weekly', PLATFORM, DAY, 20,
    'Calls whose request was redacted ÷ calls.'],
  ['audit_completeness', 'Audit completeness', 'operational_health', 'ratio', 'increase', 0.999, 0.99, 'daily', PLATFORM, HOUR, 20,
    'Calls with a verified ledger record ÷ calls.'],
  ['active_end_users', 'Active end users', 'operational_health', 'users', 'increase', 5, 1, 'weekly', CHANGE, WEEK, 1,
    'Distinct end users who called in the window, verified or not.'],
  ['adoption_by_role', 'Adoption by role', 'operational_health', 'ratio', 'increase', 0.5, 0.2, 'weekly', CHANGE, WEEK, 1,
    'Distinct verified end users of a role ÷ the affected users of that role; unverified users are counted apart, never guessed.'],
  ['satisfaction', 'Satisfaction', 'operational_health', 'score', 'increase', 3.5, 3, 'weekly', CHANGE, WEEK, 10,
    'Mean feedback score on a 1–5 scale.'],
];

const ADOPTION: ReadonlySet<GatewayMetricKey> = new Set(['active_end_users', 'adoption_by_role', 'satisfaction']);

export const GATEWAY_METRICS: Record<GatewayMetricKey, GatewayMetric> = Object.fromEntries(
  ROWS.map(([key, name, layer, unit, direction, warning, critical, reviewCadence, defaultOwner, windowMs, minSamples, description]) => [
    key,
    { key, name, description, layer, adoption: ADOPTION.has(key), unit, direction, thresholds: { warning, critical }, reviewCadence, defaultOwner, windowMs, minSamples },
  ]),
) as Record<GatewayMetricKey, GatewayMetric>;

/** The registry entry for a gateway metric, as Charter creates it for a use case. */
export function gatewayMetricDefinition(key: GatewayMetricKey, useCaseIds: string[], owner?: string): MetricDefinition {
  const m = GATEWAY_METRICS[key];
  return {
    key: `gateway.${key}`,
    name: m.name,
    description: m.description,
    layer: m.layer,
    adoption: m.adoption,
    unit: m.unit,
    direction: m.direction,
    baseline: null,
    target: null,
    thresholds: { ...m.thresholds },
    owner: owner ?? m.defaultOwner,
    reviewCadence: m.reviewCadence,
    source: 'gateway',
    aggregation: 'last',
    useCaseIds: [...useCaseIds],
  };
}
