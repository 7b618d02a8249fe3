import { z } from 'zod';
import { METRIC_NAMES, type MetricName } from './metrics/metric.js';
import { isMetricName, METRICS } from './metrics/registry.js';
import type { PolicyPack } from '../policy/schema.js';
import { CATEGORY_INFO, RED_TEAM_CATEGORIES, type RedTeamCategory } from './redteam/categories.js';
import type { AttackTally } from './redteam/score.js';

export const COMPARATORS = ['>=', '>', '<=', '<', '=='] as const;
type Comparator = (typeof COMPARATORS)[number];
const rate = z.number().min(0).max(1);

/** What a release must show before it may carry production traffic; the tier's policy pack states it. */
export const GateCriteriaSchema = z.strictObject({
  metrics: z.array(z.strictObject({
    metric: z.enum(METRIC_NAMES),
    comparator: z.enum(COMPARATORS),
    threshold: z.number(),
    /** also require that the candidate is not significantly worse than the current release on this metric */
    noSignificantRegression: z.boolean().optional(),
    /** also require that the candidate is not worse at all than the current release on this metric */
    noRegression: z.boolean().optional(),
    /** significance level of the comparison behind noSignificantRegression (0.05 when absent) */
    alpha: z.number().gt(0).lt(0.5).optional(),
  })).max(50).default([]),
  /** require a completed evaluation run of the release over at least this many cases */
  evaluation: z.strictObject({ minCases: z.number().int().min(0) }).optional(),
  redTeam: z.strictObject({
    /** highest attack success rate allowed overall, and for any tested category without its own limit */
    maxAttackSuccess: rate,
    /** stricter (or looser) limits per category; a category named here must have been tested */
    perCategory: z.partialRecord(z.enum(RED_TEAM_CATEGORIES), rate).default({}),
  }).optional(),
  /** roles that must have signed the release off, e.g. business_owner */
  requireSignOffBy: z.array(z.string().min(1).max(60)).max(10).default([]),
  requireMonitoringThresholds: z.boolean().default(false),
  requireRollbackPlan: z.boolean().default(false),
  /** criteria the policy states that cannot be measured as written; each fails the gate, so a bad policy fails closed */
  unmeasurable: z.array(z.string().min(1)).default([]),
});
export type GateCriteria = z.infer<typeof GateCriteriaSchema>;

/** The evidence gathered for one release candidate; `link` points at the record that proves each piece. */
export interface GateEvidence {
  evaluation?: { cases: number; link?: string };
  metrics?: Partial<Record<MetricName, { value: number | null; support?: number; link?: string }>>;
  /** comparison with the release now active; `baselineReleaseId: null` when none is active yet */
  comparisons?: Partial<Record<MetricName, { baselineReleaseId: string | null; method: string; significantRegression: boolean; delta?: number | null; pValue?: number; link?: string }>>;
  redTeam?: { overall: AttackTally; byCategory: Partial<Record<RedTeamCategory, AttackTally>>; link?: string };
  signOffs?: readonly { role: string; by: string; at: string; link?: string }[];
  monitoring?: { thresholdsDefined: number; link?: string };
  rollbackPlan?: { text: string; link?: string } | null;
}

export const CRITERION_STATUSES = ['pass', 'fail', 'missing'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export interface CriterionResult {
  /** stable key, e.g. `metric:f1`, `regression:f1`, `red_team:misinformation`, `sign_off:business_owner` */
  id: string;
  kind: 'criteria' | 'evaluation' | 'metric' | 'regression' | 'red_team' | 'sign_off' | 'monitoring' | 'rollback_plan';
  status: CriterionStatus;
  value: number | string | boolean | null;
  threshold: string;
  evidence: string[];
  reason: string;
}

export interface GateDecision {
  passed: boolean;
  criteria: CriterionResult[];
  counts: Record<CriterionStatus, number>;
}

const links = (...candidates: (string | undefined)[]) => candidates.filter((l): l is string => Boolean(l));
const percent = (v: number) => `${Math.round(v * 10_000) / 100} %`;

function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '==':
      return value === threshold;
  }
}

function evaluationCriteria(criteria: GateCriteria, evidence: GateEvidence): CriterionResult[] {
  const out: CriterionResult[] = criteria.unmeasurable.map((reason, i) => ({ id: `criteria:${i + 1}`, kind: 'criteria' as const, status: 'fail' as const, value: null, threshold: 'a criterion Charter can measure', evidence: [], reason }));
  if (!criteria.evaluation) return out;
  const { minCases } = criteria.evaluation;
  const found = evidence.evaluation;
  const base = { id: 'evaluation', kind: 'evaluation' as const, threshold: `a completed evaluation of at least ${minCases} cases`, evidence: links(found?.link) };
  if (!found) out.push({ ...base, status: 'missing', value: null, reason: 'no completed evaluation run of this release' });
  else out.push({ ...base, status: found.cases >= minCases ? 'pass' : 'fail', value: found.cases, reason: `${found.cases} cases evaluated${found.cases >= minCases ? '' : `, fewer than the ${minCases} the policy asks for`}` });
  return out;
}

function metricCriteria(criteria: GateCriteria, evidence: GateEvidence): CriterionResult[] {
  const out: CriterionResult[] = [];
  for (const { metric, comparator, threshold, noSignificantRegression, noRegression } of criteria.metrics) {
    const found = evidence.metrics?.[metric];
    const base = { id: `metric:${metric}`, kind: 'metric' as const, threshold: `${comparator} ${threshold}`, evidence: links(found?.link) };
    if (!found || found.value === null) out.push({ ...base, status: 'missing', value: null, reason: `no evaluation measured ${metric}` });
    else {
      const ok = compare(found.value, comparator, threshold);
      out.push({ ...base, status: ok ? 'pass' : 'fail', value: found.value, reason: `${metric} is ${Number(found.value.toPrecision(4))}, ${ok ? 'meeting' : 'missing'} ${comparator} ${threshold}` });
    }
    if (!noSignificantRegression && !noRegression) continue;
    const comparison = evidence.comparisons?.[metric];
    const reg = { id: `regression:${metric}`, kind: 'regression' as const, threshold: `no ${noSignificantRegression ? 'significant ' : ''}regression against the active release`, evidence: links(comparison?.link) };
    if (!comparison) out.push({ ...reg, status: 'missing', value: null, reason: `${metric} was not compared with the active release` });
    else if (comparison.baselineReleaseId === null) out.push({ ...reg, status: 'pass', value: null, reason: 'no earlier release is active to compare with, so there is nothing to regress from' });
    else {
      const delta = comparison.delta ?? null;
      const worse = delta !== null && (METRICS[metric].better === 'higher' ? delta < 0 : delta > 0);
      const ok = noSignificantRegression ? !comparison.significantRegression : !worse;
      out.push({ ...reg, status: ok ? 'pass' : 'fail', value: delta, reason: `${comparison.method} against release ${comparison.baselineReleaseId}: ${ok ? `no ${noSignificantRegression ? 'significant ' : ''}regression` : noSignificantRegression ? 'significantly worse' : 'worse'}${delta === null ? '' : ` (change ${delta})`}${comparison.pValue === undefined ? '' : `, p = ${comparison.pValue}`}` });
    }
  }
  return out;
}

function redTeamCriteria(limits: NonNullable<GateCriteria['redTeam']>, evidence: GateEvidence): CriterionResult[] {
  const found = evidence.redTeam;
  const evidenceLinks = links(found?.link);
  const judge = (id: string, label: string, tally: AttackTally | undefined, max: number): CriterionResult => {
    const base = { id, kind: 'red_team' as const, threshold: `attack success <= ${percent(max)}`, evidence: evidenceLinks };
    if (!tally || tally.attackSuccessRate === null) return { ...base, status: 'missing', value: null, reason: `no answered red-team attacks for ${label}` };
    const ok = tally.attackSuccessRate <= max;
    return { ...base, status: ok ? 'pass' : 'fail', value: tally.attackSuccessRate, reason: `${tally.successes} of ${tally.answered} attacks on ${label} succeeded (${percent(tally.attackSuccessRate)})` };
  };
  const out = [judge('red_team:overall', 'the release', found?.overall, limits.maxAttackSuccess)];
  for (const category of RED_TEAM_CATEGORIES) {
    const own = limits.perCategory[category];
    const tally = found?.byCategory[category];
    if (own === undefined && !tally) continue;
    const info = CATEGORY_INFO[category];
    out.push(judge(`red_team:${category}`, `${info.title} (${info.owasp})`, tally, own ?? limits.maxAttackSuccess));
  }
  return out;
}

function readinessCriteria(criteria: GateCriteria, evidence: GateEvidence): CriterionResult[] {
  const out: CriterionResult[] = [];
  for (const role of criteria.requireSignOffBy) {
    const signOff = evidence.signOffs?.find((s) => s.role === role);
    const base = { id: `sign_off:${role}`, kind: 'sign_off' as const, threshold: `signed off by a ${role}`, evidence: links(signOff?.link) };
    out.push(signOff ? { ...base, status: 'pass', value: signOff.by, reason: `signed off by ${signOff.by} at ${signOff.at}` } : { ...base, status: 'missing', value: null, reason: `no sign-off by a ${role}` });
  }
  if (criteria.requireMonitoringThresholds) {
    const defined = evidence.monitoring?.thresholdsDefined ?? 0;
    out.push({ id: 'monitoring', kind: 'monitoring', threshold: 'a monitored metric with thresholds in each of the three layers', evidence: links(evidence.monitoring?.link), value: defined, status: defined > 0 ? 'pass' : 'missing', reason: defined > 0 ? 'monitoring thresholds are defined for the use case' : 'no monitoring thresholds are defined for the use case' });
  }
  if (criteria.requireRollbackPlan) {
    const plan = evidence.rollbackPlan?.text.trim() ?? '';
    out.push({ id: 'rollback_plan', kind: 'rollback_plan', threshold: 'a rollback plan is written down', evidence: links(evidence.rollbackPlan?.link ?? undefined), value: plan.length > 0, status: plan ? 'pass' : 'missing', reason: plan ? 'a rollback plan is present' : 'no rollback plan' });
  }
  return out;
}

/**
 * Decides a release gate: every criterion is checked against the evidence and passes, fails, or is missing its
 * evidence. The gate passes only when every criterion passes; missing evidence fails it, and so does a gate with no
 * criteria at all (there would be nothing to show the release is fit).
 */
export function evaluateGate(criteria: GateCriteria, evidence: GateEvidence): GateDecision {
  const results = [
    ...evaluationCriteria(criteria, evidence),
    ...metricCriteria(criteria, evidence),
    ...(criteria.redTeam ? redTeamCriteria(criteria.redTeam, evidence) : []),
    ...readinessCriteria(criteria, evidence),
  ];
  if (!results.length) results.push({ id: 'criteria', kind: 'criteria', status: 'missing', value: null, threshold: 'at least one release criterion', evidence: [], reason: 'the policy pack states no release criteria' });
  const counts: Record<CriterionStatus, number> = { pass: 0, fail: 0, missing: 0 };
  for (const r of results) counts[r.status]++;
  return { passed: counts.fail === 0 && counts.missing === 0, criteria: results, counts };
}

/** Names a pack may use for a registry metric. */
const METRIC_ALIASES: Readonly<Record<string, MetricName>> = { ece: 'expected_calibration_error', calibration_error: 'expected_calibration_error', brier: 'brier_score' };
const SIGN_OFF_EVIDENCE: Readonly<Record<string, string>> = { business_owner_signoff: 'business_owner', risk_reviewer_signoff: 'risk_reviewer' };

/** A red-team slice: an OWASP id such as `LLM02:2025` (or `LLM02`), or Charter's category name. */
function categoryOfSlice(slice: string): RedTeamCategory | undefined {
  return RED_TEAM_CATEGORIES.find((c) => c === slice || CATEGORY_INFO[c].owasp === slice || CATEGORY_INFO[c].owasp.split(':')[0] === slice);
}

/**
 * Reads a policy pack's `release` section as gate criteria. `attack_success_rate` criteria become red-team limits
 * (overall, or per OWASP category by slice); every other metric must be one the registry measures. A criterion that
 * cannot be measured as written is kept as `unmeasurable`, which fails the gate rather than being skipped.
 */
export function gateCriteriaOf(release: PolicyPack['release']): GateCriteria {
  const metrics: GateCriteria['metrics'] = [];
  const perCategory: Partial<Record<RedTeamCategory, number>> = {};
  const unmeasurable: string[] = [];
  let maxAttackSuccess: number | undefined;
  for (const c of release.criteria) {
    const named = `${c.metric}${c.slice ? ` [${c.slice}]` : ''} ${c.comparator} ${c.threshold}`;
    if (c.metric === 'attack_success_rate') {
      const cap = c.comparator === '<=' || (c.comparator === '==' && c.threshold === 0);
      const category = c.slice === undefined ? undefined : categoryOfSlice(c.slice);
      if (!cap || c.threshold < 0 || c.threshold > 1) unmeasurable.push(`${named}: an attack success rate can only be capped (<= a rate, or == 0)`);
      else if (c.slice !== undefined && !category) unmeasurable.push(`${named}: ${c.slice} is not a red-team category or OWASP LLM id Charter tests`);
      else if (category) perCategory[category] = c.threshold;
      else maxAttackSuccess = c.threshold;
      continue;
    }
    const metric = METRIC_ALIASES[c.metric] ?? c.metric;
    if (!isMetricName(metric)) unmeasurable.push(`${named}: Charter measures no metric named ${c.metric}`);
    else if (c.slice !== undefined) unmeasurable.push(`${named}: evaluation metrics are measured over the whole dataset, not per slice`);
    else metrics.push({ metric, comparator: c.comparator, threshold: c.threshold, noSignificantRegression: c.baseline === 'no_significant_regression', noRegression: c.baseline === 'no_regression', ...(c.alpha === undefined ? {} : { alpha: c.alpha }) });
  }
  const evidence = new Set<string>(release.evidence);
  const redTeam = maxAttackSuccess !== undefined || Object.keys(perCategory).length > 0 || evidence.has('red_team');
  return GateCriteriaSchema.parse({
    metrics,
    ...(metrics.length > 0 || evidence.has('eval_run') ? { evaluation: { minCases: release.minCases } } : {}),
    ...(redTeam ? { redTeam: { maxAttackSuccess: maxAttackSuccess ?? 1, perCategory } } : {}),
    requireSignOffBy: release.evidence.flatMap((e) => (SIGN_OFF_EVIDENCE[e] ? [SIGN_OFF_EVIDENCE[e]] : [])),
    requireMonitoringThresholds: evidence.has('monitoring_thresholds'),
    requireRollbackPlan: evidence.has('rollback_plan'),
    unmeasurable,
  });
}
