import { z } from 'zod';
import type { FieldProblem } from '../kernel/errors.js';
import { UNIT_NAMES } from './units.js';

/** The seed's three layers; adoption is part of operational health and flagged with `adoption`. */
export const METRIC_LAYERS = ['business_outcome', 'model_quality', 'operational_health'] as const;
export type MetricLayer = (typeof METRIC_LAYERS)[number];
export const MetricLayer = z.enum(METRIC_LAYERS);

/** Which way is better: `increase` (availability, satisfaction) or `decrease` (latency, cost, error rate). */
export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const Direction = z.enum(DIRECTIONS);

export const REVIEW_CADENCES = ['daily', 'weekly', 'monthly', 'per_release'] as const;
export type ReviewCadence = (typeof REVIEW_CADENCES)[number];
export const ReviewCadence = z.enum(REVIEW_CADENCES);

/** Derived from gateway telemetry, derived from evaluation runs, pushed through the API, or uploaded as CSV. */
export const METRIC_SOURCES = ['gateway', 'evaluation', 'api', 'csv'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];
export const MetricSource = z.enum(METRIC_SOURCES);

/** How a window of observations becomes the one value a monitor compares with its thresholds. */
export const AGGREGATIONS = ['mean', 'sum', 'last', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const Aggregation = z.enum(AGGREGATIONS);

export const Unit = z.enum(UNIT_NAMES);

export const MetricKey = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'lower-case words joined by _ or .');

/** Reaching a threshold counts as breaching it; which side breaches follows the metric's direction. */
export const Thresholds = z.strictObject({
  warning: z.number().finite(),
  critical: z.number().finite(),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** The fields of a metric definition, without the cross-field checks (use it to derive create and patch bodies). */
export const MetricDefinitionFields = z.strictObject({
  key: MetricKey,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  layer: MetricLayer,
  /** An operational-health metric that also reports adoption (active users, adoption by role, satisfaction). */
  adoption: z.boolean().default(false),
  unit: Unit,
  direction: Direction,
  baseline: z.number().finite().nullable().default(null),
  target: z.number().finite().nullable().default(null),
  thresholds: Thresholds,
  /** Who answers for the metric in reviews: a user id or a named team. */
  owner: z.string().min(1).max(200),
  reviewCadence: ReviewCadence,
  source: MetricSource,
  aggregation: Aggregation.default('mean'),
  useCaseIds: z.array(z.string().min(1)).max(1000).default([]),
});

/** True when `a` is better than `b` for a metric going in `direction`. */
export const isBetter = (direction: Direction, a: number, b: number): boolean => (direction === 'increase' ? a > b : a < b);

/** The checks across fields: thresholds ordered by direction, a target better than the baseline, adoption only in operational health. */
export function metricDefinitionProblems(def: z.infer<typeof MetricDefinitionFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { warning, critical } = def.thresholds;
  if (isBetter(def.direction, critical, warning)) {
    const side = def.direction === 'increase' ? 'at or below' : 'at or above';
    problems.push({ path: 'thresholds.critical', message: `must be ${side} the warning threshold for a metric that should ${def.direction}` });
  }
  if (def.baseline !== null && def.target !== null && !isBetter(def.direction, def.target, def.baseline)) {
    problems.push({ path: 'target', message: `must be better than the baseline for a metric that should ${def.direction}` });
  }
  if (def.adoption && def.layer !== 'operational_health') {
    problems.push({ path: 'adoption', message: 'adoption metrics belong to the operational_health layer' });
  }
  return problems;
}

export const MetricDefinition = MetricDefinitionFields.superRefine((def, ctx) => {
  for (const p of metricDefinitionProblems(def)) ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message });
});
export type MetricDefinition = z.infer<typeof MetricDefinition>;

/** One measured value of a metric for a use case, pushed through the API or read from a CSV row. */
export const Observation = z.strictObject({
  metric: MetricKey,
  useCaseId: z.string().min(1).max(100),
  at: z.iso.datetime({ offset: true }),
  value: z.number().finite(),
  unit: Unit,
  /** Replaying an observation with the same key is a no-op; reusing the key for another value is refused. */
  idempotencyKey: z.string().min(1).max(200),
});
export type Observation = z.infer<typeof Observation>;

export const MAX_OBSERVATIONS_PER_BATCH = 10_000;
export const ObservationBatch = z.strictObject({
  observations: z.array(z.unknown()).min(1).max(MAX_OBSERVATIONS_PER_BATCH),
});
