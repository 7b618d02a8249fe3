import type { Role } from '../kernel/auth/permissions.js';
import type { DataClasses } from '../kernel/dataclasses.js';
import { Invalid, type FieldProblem } from '../kernel/errors.js';
import type { Readiness, Stage } from '../portfolio/schema.js';
import { ACTIVE_STAGES, allowedTransitions } from '../portfolio/stages.js';
import { checkRules } from './cel.js';
import { LIFECYCLE, PolicyPack, READINESS_ITEMS, migratePack, type DataClassAction, type DataClassName, type ReadinessItem } from './schema.js';

export { diffPacks, type PackChange } from './diff.js';

const pathOf = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((path, s) => (typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${String(s)}` : String(s)), '');

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, path: string, what: string): FieldProblem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const key = keyOf(item);
    if (!seen.has(key)) return (seen.add(key), []);
    return [{ path: `${path}[${i}]`, message: `${what} ${key} is listed twice` }];
  });
}

/** A transition the lifecycle allows; a suspended use case may resume to any live stage or retire. */
function isTransition(from: Stage, to: Stage): boolean {
  if (from === 'suspended') return ACTIVE_STAGES.includes(to) || to === 'retired';
  return allowedTransitions(from, null).includes(to);
}

const lifecycleIndex = (stage: Stage): number => LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);

/**
 * The operating model's floor under every pack: "If a use case cannot clearly state its data sources, human
 * oversight points, and rollback plan, it is not ready for enterprise scale". Each item is stated, at least once,
 * before the first of pilot and production the pack allows; a pack may ask for more or earlier, never less.
 */
export function readinessFloor(pack: Pick<PolicyPack, 'forbiddenStages'>): ReadinessItem[] {
  const gate = (['pilot', 'production'] as const).find((stage) => !pack.forbiddenStages.includes(stage));
  return gate ? READINESS_ITEMS.map((item) => ({ item, before: gate, minimum: 1 })) : [];
}

/** The readiness a pack demands with the floor applied: its own items (none later than the floor) and any it left out. */
export function effectiveReadiness(pack: Pick<PolicyPack, 'forbiddenStages' | 'readiness'>): ReadinessItem[] {
  const floor = readinessFloor(pack);
  const own = pack.readiness.map((r) => {
    const least = floor.find((f) => f.item === r.item);
    return least && lifecycleIndex(r.before) > lifecycleIndex(least.before) ? { ...r, before: least.before } : r;
  });
  return [...own, ...floor.filter((f) => !pack.readiness.some((r) => r.item === f.item))];
}

function readinessFloorProblems(pack: PolicyPack): FieldProblem[] {
  return readinessFloor(pack).flatMap((least) => {
    const i = pack.readiness.findIndex((r) => r.item === least.item);
    const why = 'no use case moves to pilot or production without stating its data sources, human oversight points and rollback plan';
    if (i === -1) return [{ path: 'readiness', message: `${least.item} is missing: ask for it before ${least.before} at the latest (${why})` }];
    if (lifecycleIndex(pack.readiness[i].before) > lifecycleIndex(least.before)) return [{ path: `readiness[${i}].before`, message: `ask for ${least.item} before ${least.before} at the latest (${why})` }];
    return [];
  });
}

/** What a schema cannot say on its own: unique ids, real transitions, and sections that agree with each other. */
export function packProblems(pack: PolicyPack): FieldProblem[] {
  const { runtime, release, measurement } = pack;
  const same = (v: string) => v;
  const problems: FieldProblem[] = [
    ...duplicates(pack.controls.nist, same, 'controls.nist', 'control'),
    ...duplicates(pack.controls.euAiAct, same, 'controls.euAiAct', 'article'),
    ...duplicates(pack.controls.iso42001, same, 'controls.iso42001', 'control'),
    ...duplicates(pack.approvals, (a) => `${a.from} → ${a.to}`, 'approvals', 'transition'),
    ...duplicates(pack.readiness, (r) => r.item, 'readiness', 'item'),
    ...duplicates(release.criteria, (c) => (c.slice ? `${c.metric} [${c.slice}]` : c.metric), 'release.criteria', 'criterion'),
    ...duplicates(release.evidence, same, 'release.evidence', 'evidence'),
    ...duplicates(runtime.rules, (r) => r.id, 'runtime.rules', 'rule'),
    ...duplicates(runtime.models, same, 'runtime.models', 'model pattern'),
    ...duplicates(runtime.regions, same, 'runtime.regions', 'region pattern'),
    ...duplicates(measurement.metrics, (m) => m.name, 'measurement.metrics', 'metric'),
  ];
  pack.approvals.forEach((a, i) => {
    if (!isTransition(a.from, a.to)) problems.push({ path: `approvals[${i}]`, message: `${a.from} → ${a.to} is not a lifecycle transition` });
    if (pack.forbiddenStages.includes(a.to)) problems.push({ path: `approvals[${i}].to`, message: `${a.to} is a forbidden stage for this tier` });
    problems.push(...duplicates(a.roles, same, `approvals[${i}].roles`, 'role'));
  });
  release.criteria.forEach((c, i) => {
    if (c.alpha !== undefined && c.baseline !== 'no_significant_regression') problems.push({ path: `release.criteria[${i}].alpha`, message: 'a significance level applies only to no_significant_regression' });
  });
  if (runtime.review.mode === 'none') {
    if (runtime.review.sampleRate > 0) problems.push({ path: 'runtime.review.sampleRate', message: 'with review mode none nothing is sampled; set 0 or choose a mode' });
    runtime.rules.forEach((r, i) => {
      if (r.effect === 'review') problems.push({ path: `runtime.rules[${i}].effect`, message: 'a review rule needs review mode hold or sample' });
    });
  }
  if (runtime.budgets.spendPerDay > runtime.budgets.spendPerMonth) problems.push({ path: 'runtime.budgets.spendPerDay', message: 'the daily spend exceeds the monthly spend' });
  measurement.metrics.forEach((m, i) => {
    if (m.better === 'higher' ? m.breach > m.warn : m.breach < m.warn) problems.push({ path: `measurement.metrics[${i}].breach`, message: `when ${m.better} is better, the breach threshold lies beyond the warning threshold` });
  });
  if (measurement.drift.breach <= measurement.drift.warn) problems.push({ path: 'measurement.drift.breach', message: 'the breach threshold must exceed the warning threshold' });
  const { autoResume, autoResumeAfterMinutes } = measurement.monitors;
  if (autoResume !== (autoResumeAfterMinutes !== undefined)) problems.push({ path: 'measurement.monitors.autoResumeAfterMinutes', message: 'give a cool-down exactly when autoResume is on' });
  if (pack.exceptions.maxDays > 0 && !pack.exceptions.approverRoles.length) problems.push({ path: 'exceptions.approverRoles', message: 'name who approves exceptions, or set maxDays to 0' });
  return problems;
}

/**
 * Validates a pack as a tenant saves or imports it: migrated to the current schema, checked against it (control ids
 * included), for consistency, against the readiness floor, and every runtime rule type-checked against the CEL
 * context. Throws `Invalid` with every problem at once. A version published before the floor was checked is read
 * with `readinessFloor: false`: it still loads, and `readinessGaps` applies the floor to it regardless.
 */
export function validatePack(raw: unknown, options: { readinessFloor?: boolean } = {}): PolicyPack {
  const parsed = PolicyPack.safeParse(migratePack(raw));
  if (!parsed.success) throw new Invalid('the policy pack does not follow the schema', parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
  const floor = options.readinessFloor === false ? [] : readinessFloorProblems(parsed.data);
  const problems = [...packProblems(parsed.data), ...floor, ...checkRules(parsed.data.runtime.rules)];
  if (problems.length) throw new Invalid('the policy pack is inconsistent', problems);
  return parsed.data;
}

/** The approval a transition needs under this pack, if any. */
export const approvalFor = (pack: PolicyPack, from: Stage, to: Stage) => pack.approvals.find((a) => a.from === from && a.to === to);

/** The roles that must each grant the transition; empty when it needs no approval. */
export const approversFor = (pack: PolicyPack, from: Stage, to: Stage): Role[] => approvalFor(pack, from, to)?.roles ?? [];

export const stageForbidden = (pack: PolicyPack, stage: Stage): boolean => pack.forbiddenStages.includes(stage);

/**
 * The readiness items a move to `to` requires that the use case has not stated well enough. The floor applies
 * whatever the pack says, so no pack, however it was written, lets a use case into pilot or production without them.
 */
export function readinessGaps(pack: Pick<PolicyPack, 'forbiddenStages' | 'readiness'>, readiness: Readiness, to: Stage): (ReadinessItem & { stated: number })[] {
  const reach = lifecycleIndex(to);
  if (reach === -1) return [];
  const stated = { dataSources: readiness.dataSources.length, humanOversight: readiness.humanOversight.length, rollbackPlan: readiness.rollbackPlan.trim() ? 1 : 0 };
  return effectiveReadiness(pack).filter((r) => lifecycleIndex(r.before) <= reach && stated[r.item] < r.minimum).map((r) => ({ ...r, stated: stated[r.item] }));
}

export const dataClassAction = (pack: PolicyPack, name: DataClassName): DataClassAction => pack.runtime.dataClasses[name];

/**
 * What the gateway does with a request carrying `detected`: the classes to block, to redact, and where to route.
 * More than one route target cannot be honoured at once; the gateway then blocks.
 */
export function dataHandling(pack: PolicyPack, detected: DataClasses): { block: DataClassName[]; redact: DataClassName[]; routeTo: string[] } {
  const plan = { block: [] as DataClassName[], redact: [] as DataClassName[], routeTo: [] as string[] };
  for (const name of [detected.sensitivity, ...detected.categories]) {
    const action = dataClassAction(pack, name);
    if (action.action === 'block') plan.block.push(name);
    if (action.action === 'redact') plan.redact.push(name);
    if (action.action === 'route' && !plan.routeTo.includes(action.to)) plan.routeTo.push(action.to);
  }
  return plan;
}

const patterns = new Map<string, RegExp>();
function globMatch(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}

export const modelAllowed = (pack: PolicyPack, modelId: string): boolean => pack.runtime.models.some((p) => globMatch(p, modelId));
export const regionAllowed = (pack: PolicyPack, region: string): boolean => pack.runtime.regions.some((p) => globMatch(p, region));
