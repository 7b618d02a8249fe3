import { z } from 'zod';
import { ROLES } from '../kernel/auth/permissions.js';
import { DATA_CATEGORIES, SENSITIVITY_LEVELS } from '../kernel/dataclasses.js';
import { Invalid } from '../kernel/errors.js';
import { StageSchema, TierSchema } from '../portfolio/schema.js';
import { isEuAiActArticle, isIso42001Control, isNistSubcategory } from './controls.js';

/**
 * A policy pack: the one policy source for a tier. Gates, the gateway, monitors and the people capability all read
 * their section from here; none of them keeps its own policy file. Cross-field consistency (unique ids, review rules
 * only with a review mode, real transitions) and CEL type checks live in `model.ts#validatePack`.
 */
export const PACK_SCHEMA_VERSION = 1;

const Slug = z.string().regex(/^[a-z0-9][a-z0-9_.:-]*$/, 'lower-case letters, digits and _ . : - only').max(80);
const Role = z.enum(ROLES);
const Days = z.number().int().min(1).max(3650);
const Pattern = z.string().regex(/^[A-Za-z0-9._:/*-]+$/, 'letters, digits, . _ : / - and the wildcard * only').max(120);
const Window = z.string().regex(/^\d{1,4}[mhd]$/, 'a window such as 15m, 1h or 7d');

export const Controls = z.strictObject({
  nist: z.array(z.string().refine(isNistSubcategory, 'not a NIST AI RMF 1.0 subcategory id (such as "GOVERN 1.1")')),
  euAiAct: z.array(z.string().refine(isEuAiActArticle, 'not an EU AI Act article reference (such as "Art. 9" or "Art. 26(2)")')),
  iso42001: z.array(z.string().refine(isIso42001Control, 'not an ISO/IEC 42001 Annex A control id (such as "A.6.2.4")')),
});

export const Approval = z.strictObject({
  from: StageSchema,
  to: StageSchema,
  roles: z.array(Role).min(1).describe('every role must grant; one person may not grant twice or approve their own request'),
  dueDays: z.number().int().min(1).max(90).describe('days until the request is overdue'),
});

export const READINESS_ITEMS = ['dataSources', 'humanOversight', 'rollbackPlan'] as const;
export const LIFECYCLE = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'] as const;
export const ReadinessItem = z.strictObject({
  item: z.enum(READINESS_ITEMS),
  before: z.enum(LIFECYCLE).describe('required to enter this stage and any later one'),
  minimum: z.number().int().min(1).max(20).describe('entries the use case must state (a rollback plan counts as one)'),
});

export const Exceptions = z.strictObject({
  maxDays: z.number().int().min(0).max(365).describe('longest a waiver may run; 0 allows none'),
  approverRoles: z.array(Role),
});

export const COMPARATORS = ['>=', '>', '<=', '<', '=='] as const;
export const BASELINE_RULES = ['none', 'no_regression', 'no_significant_regression'] as const;
export const EVIDENCE = ['eval_run', 'red_team', 'business_owner_signoff', 'risk_reviewer_signoff', 'monitoring_thresholds', 'rollback_plan'] as const;

export const ReleaseCriterion = z.strictObject({
  metric: Slug,
  slice: z.string().min(1).max(80).optional().describe('a subset of cases, such as an OWASP LLM category id'),
  comparator: z.enum(COMPARATORS),
  threshold: z.number().finite(),
  baseline: z.enum(BASELINE_RULES).describe('how the candidate compares with the release it replaces'),
  alpha: z.number().gt(0).lt(0.5).optional().describe('significance level for no_significant_regression (0.05 when absent)'),
});

export const Release = z.strictObject({
  minCases: z.number().int().min(0).max(1_000_000).describe('smallest evaluation set a gate accepts'),
  criteria: z.array(ReleaseCriterion),
  evidence: z.array(z.enum(EVIDENCE)),
});

export const EFFECTS = ['deny', 'review', 'allow'] as const;
export const RuntimeRule = z.strictObject({
  id: Slug,
  expression: z.string().min(1).max(2000),
  effect: z.enum(EFFECTS),
  message: z.string().min(1).max(300),
});

export const DATA_CLASS_NAMES = [...SENSITIVITY_LEVELS, ...DATA_CATEGORIES] as const;
export type DataClassName = (typeof DATA_CLASS_NAMES)[number];
export const DataClassAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['allow', 'redact', 'block']) }),
  z.strictObject({ action: z.literal('route'), to: Slug.describe('the model endpoint or pool that may receive this class') }),
]);

export const Runtime = z.strictObject({
  rules: z.array(RuntimeRule),
  models: z.array(Pattern).describe('model endpoints allowed, as provider/model patterns; * matches any run of characters'),
  regions: z.array(Pattern),
  dataClasses: z.strictObject(Object.fromEntries(DATA_CLASS_NAMES.map((name) => [name, DataClassAction])) as Record<DataClassName, typeof DataClassAction>),
  logging: z.strictObject({ mode: z.enum(['full', 'redacted', 'metadata']), retentionDays: Days }),
  budgets: z.strictObject({
    requestsPerMinute: z.number().int().min(0),
    tokensPerMinute: z.number().int().min(0),
    spendPerDay: z.number().min(0),
    spendPerMonth: z.number().min(0),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  review: z.strictObject({
    mode: z.enum(['none', 'hold', 'sample']).describe('hold: outputs a review rule matches wait for a person; sample: they are queued after delivery'),
    sampleRate: z.number().min(0).max(1).describe('share of all other outputs queued for review after delivery'),
  }),
  durableRecords: z.boolean().describe('records are durable before the response completes'),
});

export const METRIC_LAYERS = ['business_outcome', 'model_quality', 'operational_health'] as const;
export const MONITOR_ACTIONS = ['alert', 'throttle', 'suspend', 'rollback'] as const;
export const MetricDefault = z.strictObject({
  name: Slug,
  layer: z.enum(METRIC_LAYERS),
  unit: z.string().max(30),
  better: z.enum(['higher', 'lower']),
  warn: z.number().finite(),
  breach: z.number().finite(),
  window: Window,
  onBreach: z.enum(MONITOR_ACTIONS),
});

export const Measurement = z.strictObject({
  metrics: z.array(MetricDefault),
  drift: z.strictObject({ statistic: z.literal('psi'), warn: z.number().positive(), breach: z.number().positive(), window: Window, onBreach: z.enum(MONITOR_ACTIONS) }),
  monitors: z.strictObject({
    resumeRoles: z.array(Role).min(1).describe('who may lift a throttle, suspension or rollback'),
    autoResume: z.boolean().describe('lift a throttle once the metric is back within thresholds; suspensions and rollbacks always need a person'),
    autoResumeAfterMinutes: z.number().int().min(1).max(10_080).optional(),
  }),
});

export const People = z.strictObject({
  keyHolderSkills: z.array(Slug).describe('skill paths a person must complete to hold a gateway key'),
  approverSkills: z.array(Slug).describe('skill paths a person must complete to approve'),
});

export const Cadences = z.strictObject({ riskReassessmentDays: Days, outcomeReviewDays: Days, accessReviewDays: Days });

export const PolicyPack = z.strictObject({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  name: z.string().trim().min(3).max(120),
  tier: TierSchema,
  description: z.string().max(2000),
  controls: Controls,
  forbiddenStages: z.array(StageSchema).describe('stages a use case of this tier may never enter'),
  approvals: z.array(Approval),
  readiness: z.array(ReadinessItem),
  exceptions: Exceptions,
  release: Release,
  runtime: Runtime,
  measurement: Measurement,
  people: People,
  cadences: Cadences,
});

export type PolicyPack = z.infer<typeof PolicyPack>;
export type RuntimeRule = z.infer<typeof RuntimeRule>;
export type DataClassAction = z.infer<typeof DataClassAction>;
export type ReleaseCriterion = z.infer<typeof ReleaseCriterion>;
export type ReadinessItem = z.infer<typeof ReadinessItem>;

/** Rewrites a pack of schemaVersion n into schemaVersion n + 1. */
export type PackUpgrade = (pack: Record<string, unknown>) => Record<string, unknown>;

/** One entry per past schema version; add one whenever PolicyPack changes shape, so stored and exported packs still load. */
const UPGRADES: Record<number, PackUpgrade> = {};

/** Brings a pack written for an older schemaVersion up to the current one, one version at a time. */
export function migratePack(raw: unknown, upgrades: Record<number, PackUpgrade> = UPGRADES): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Invalid('a policy pack is an object', [{ path: '', message: 'expected an object' }]);
  let pack = raw as Record<string, unknown>;
  const from = pack.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw new Invalid('the pack does not say which schema it follows', [{ path: 'schemaVersion', message: `expected an integer, at most ${PACK_SCHEMA_VERSION}` }]);
  }
  if (from > PACK_SCHEMA_VERSION) {
    throw new Invalid('the pack was written for a newer Charter', [{ path: 'schemaVersion', message: `${from} is newer than ${PACK_SCHEMA_VERSION}, the latest this Charter reads` }]);
  }
  for (let version = from; version < PACK_SCHEMA_VERSION; version++) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new Invalid('the pack cannot be upgraded', [{ path: 'schemaVersion', message: `no upgrade from schemaVersion ${version}` }]);
    pack = { ...upgrade(pack), schemaVersion: version + 1 };
  }
  return pack;
}
