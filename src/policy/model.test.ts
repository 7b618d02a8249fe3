import { describe, expect, it } from 'vitest';
import { Invalid, type FieldProblem } from '../kernel/errors.js';
import { approvalFor, approversFor, dataClassAction, dataHandling, effectiveReadiness, modelAllowed, readinessGaps, regionAllowed, stageForbidden, validatePack } from './model.js';
import { defaultPacks } from './packs.js';
import type { PolicyPack } from './schema.js';

const problemsOf = (raw: unknown): FieldProblem[] => {
  try {
    validatePack(raw);
  } catch (e) {
    if (e instanceof Invalid) return e.errors;
    throw e;
  }
  return [];
};
const clone = (tier: keyof ReturnType<typeof defaultPacks>): PolicyPack => structuredClone(defaultPacks()[tier]);

describe('validating a pack', () => {
  it('accepts every default pack', () => {
    for (const pack of Object.values(defaultPacks())) expect(problemsOf(pack)).toEqual([]);
  });

  it('reports a rule that does not type-check with its path and position', () => {
    const pack = clone('high');
    pack.runtime.rules[3].expression = 'request.tokens > 32000';
    expect(problemsOf(pack)).toEqual([{ path: 'runtime.rules[3].expression', message: 'No such key: tokens (line 1, column 9)', line: 1, column: 9 }]);
  });

  it('rejects duplicates, transitions the lifecycle lacks and approvals into a forbidden stage', () => {
    const pack = clone('high');
    pack.runtime.rules.push({ ...pack.runtime.rules[0] });
    pack.controls.nist.push('GOVERN 1.1');
    pack.approvals.push({ from: 'intake', to: 'production', roles: ['executive', 'executive'], dueDays: 3 });
    pack.forbiddenStages = ['production'];
    expect(problemsOf(pack)).toEqual([
      { path: 'controls.nist[55]', message: 'control GOVERN 1.1 is listed twice' },
      { path: 'runtime.rules[7]', message: 'rule model-not-approved-for-tier is listed twice' },
      { path: 'approvals[3].to', message: 'production is a forbidden stage for this tier' },
      { path: 'approvals[5].to', message: 'production is a forbidden stage for this tier' },
      { path: 'approvals[6]', message: 'intake → production is not a lifecycle transition' },
      { path: 'approvals[6].to', message: 'production is a forbidden stage for this tier' },
      { path: 'approvals[6].roles[1]', message: 'role executive is listed twice' },
    ]);
  });

  it('refuses a pack that would let a use case into pilot without its data sources, oversight points and rollback plan', () => {
    const dropped = clone('limited');
    dropped.readiness = [{ item: 'dataSources', before: 'production', minimum: 2 }];
    expect(problemsOf(dropped)).toEqual([
      { path: 'readiness[0].before', message: 'ask for dataSources before pilot at the latest (no use case moves to pilot or production without stating its data sources, human oversight points and rollback plan)' },
      { path: 'readiness', message: 'humanOversight is missing: ask for it before pilot at the latest (no use case moves to pilot or production without stating its data sources, human oversight points and rollback plan)' },
      { path: 'readiness', message: 'rollbackPlan is missing: ask for it before pilot at the latest (no use case moves to pilot or production without stating its data sources, human oversight points and rollback plan)' },
    ]);
    // Earlier and stricter is always allowed; a tier that may enter neither pilot nor production owes no readiness.
    const stricter = clone('limited');
    stricter.readiness = [{ item: 'rollbackPlan', before: 'approved', minimum: 1 }, { item: 'humanOversight', before: 'build', minimum: 3 }, { item: 'dataSources', before: 'pilot', minimum: 1 }];
    expect(problemsOf(stricter)).toEqual([]);
    expect(problemsOf({ ...clone('prohibited'), readiness: [] })).toEqual([]);
    expect(() => validatePack(dropped, { readinessFloor: false })).not.toThrow();
  });

  it('rejects sections that contradict each other', () => {
    const pack = clone('high');
    pack.runtime.review = { mode: 'none', sampleRate: 0.1 };
    pack.release.criteria[1].alpha = 0.01;
    pack.runtime.budgets.spendPerDay = 10_000;
    pack.measurement.metrics[1].breach = 0.9;
    pack.measurement.drift.breach = 0.05;
    pack.measurement.monitors.autoResume = true;
    pack.exceptions.approverRoles = [];
    expect(problemsOf(pack).map((p) => p.path)).toEqual([
      'release.criteria[1].alpha',
      'runtime.review.sampleRate',
      'runtime.rules[5].effect',
      'runtime.rules[6].effect',
      'runtime.budgets.spendPerDay',
      'measurement.metrics[1].breach',
      'measurement.drift.breach',
      'measurement.monitors.autoResumeAfterMinutes',
      'exceptions.approverRoles',
    ]);
  });
});

describe('what later capabilities ask of a pack', () => {
  const high = defaultPacks().high;
  const prohibited = defaultPacks().prohibited;

  it('names the approvers of a transition, and none where the pack asks none', () => {
    expect(approversFor(high, 'assessed', 'approved')).toEqual(['business_owner', 'risk_reviewer']);
    expect(approvalFor(high, 'pilot', 'production')?.dueDays).toBe(10);
    expect(approversFor(high, 'intake', 'triage')).toEqual([]);
    expect(approversFor(defaultPacks().critical, 'pilot', 'production')).toContain('executive');
  });

  it('forbids a prohibited use case every stage past triage', () => {
    expect(['triage', 'assessed', 'production', 'rejected', 'retired'].map((s) => stageForbidden(prohibited, s as never))).toEqual([false, true, true, false, false]);
  });

  it('lists the readiness a move still lacks, counting every later stage', () => {
    const none = { dataSources: [], humanOversight: [], rollbackPlan: '  ' };
    expect(readinessGaps(high, none, 'approved')).toEqual([]);
    expect(readinessGaps(high, none, 'build').map((g) => g.item)).toEqual(['dataSources']);
    expect(readinessGaps(high, none, 'production').map((g) => [g.item, g.stated])).toEqual([['dataSources', 0], ['humanOversight', 0], ['rollbackPlan', 0]]);
    expect(readinessGaps(high, { dataSources: ['claims DB'], humanOversight: ['adjuster reviews denials'], rollbackPlan: 'switch back to manual triage' }, 'production')).toEqual([]);
    expect(readinessGaps(defaultPacks().critical, { dataSources: ['claims DB'], humanOversight: ['one'], rollbackPlan: '' }, 'build')).toEqual([{ item: 'humanOversight', before: 'build', minimum: 2, stated: 1 }]);
    expect(readinessGaps(high, none, 'suspended')).toEqual([]);
  });

  it('applies the readiness floor even to a pack stored before it was checked', () => {
    const none = { dataSources: [], humanOversight: [], rollbackPlan: '' };
    const weak = validatePack({ ...clone('minimal'), readiness: [{ item: 'rollbackPlan', before: 'production', minimum: 1 }] }, { readinessFloor: false });
    expect(effectiveReadiness(weak)).toEqual([
      { item: 'rollbackPlan', before: 'pilot', minimum: 1 },
      { item: 'dataSources', before: 'pilot', minimum: 1 },
      { item: 'humanOversight', before: 'pilot', minimum: 1 },
    ]);
    expect(readinessGaps(weak, none, 'build')).toEqual([]);
    expect(readinessGaps(weak, none, 'pilot').map((g) => g.item)).toEqual(['rollbackPlan', 'dataSources', 'humanOversight']);
    expect(readinessGaps({ ...weak, readiness: [] }, { dataSources: ['ledger'], humanOversight: ['controller signs off'], rollbackPlan: 'manual close' }, 'production')).toEqual([]);
    expect(effectiveReadiness(defaultPacks().prohibited)).toEqual([]);
    expect(effectiveReadiness(defaultPacks().critical)).toEqual(defaultPacks().critical.readiness);
  });

  it('says what to do with each data class and with a request carrying several', () => {
    expect(dataClassAction(high, 'personal')).toEqual({ action: 'redact' });
    const routed = clone('high');
    routed.runtime.dataClasses.health = { action: 'route', to: 'private-eu' };
    expect(dataHandling(routed, { sensitivity: 'restricted', categories: ['personal', 'health', 'credentials'] })).toEqual({ block: ['restricted', 'credentials'], redact: ['personal'], routeTo: ['private-eu'] });
    expect(dataHandling(high, { sensitivity: 'internal', categories: [] })).toEqual({ block: [], redact: [], routeTo: [] });
  });

  it('matches models and regions against the allowlist patterns', () => {
    const pinned = clone('high');
    pinned.runtime.models = ['azure-openai/*', 'anthropic/claude-sonnet-4'];
    pinned.runtime.regions = ['eu-*'];
    expect(['azure-openai/gpt-4o', 'anthropic/claude-sonnet-4', 'anthropic/claude-sonnet-4.5', 'openai/gpt-4o'].map((m) => modelAllowed(pinned, m))).toEqual([true, true, false, false]);
    expect(['eu-west-1', 'us-east-1', 'eu'].map((r) => regionAllowed(pinned, r))).toEqual([true, false, false]);
    expect(modelAllowed(high, 'anything/at-all')).toBe(true);
    expect(modelAllowed(prohibited, 'openai/gpt-4o')).toBe(false);
  });
});
