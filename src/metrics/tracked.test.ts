import { describe, expect, it } from 'vitest';
import type { UseCase } from '../portfolio/schema.js';
import { defaultPacks } from '../policy/packs.js';
import type { StoredMetric } from './store.js';
import { builtinMetrics, outcomeMetric, outcomeUnit, packMetricKey, tighter, trackedMetrics, windowMs } from './tracked.js';

const SINCE = '2026-01-01T00:00:00.000Z';
const useCase = (over: Partial<UseCase> = {}): UseCase =>
  ({
    id: 'uc_claims', title: 'Claims triage', createdAt: SINCE, updatedAt: SINCE, version: 3, riskTier: 'high', owner: { id: 'usr_owner', name: 'Olga' },
    outcome: { process: 'claims triage', metric: 'claims triage time', unit: 'min', baseline: 40, target: 28, direction: 'decrease', control: 'with human review' },
    outcomeSentence: 'Reduce claims triage time from 40 min to 28 min, with human review.', ...over,
  }) as UseCase;

const stored = (over: Partial<StoredMetric>): StoredMetric => ({
  id: 'met_1', key: 'gateway.error_rate', name: 'Error rate', description: '', layer: 'operational_health', adoption: false, unit: 'ratio', direction: 'decrease',
  baseline: null, target: null, thresholds: { warning: 0.01, critical: 0.5 }, owner: 'platform team', reviewCadence: 'daily', source: 'gateway', aggregation: 'last',
  useCaseIds: [], createdAt: SINCE, updatedAt: SINCE, version: 1, ...over,
});

const byKey = (uc: UseCase, measurement = defaultPacks().high.measurement, registry: StoredMetric[] = []) =>
  new Map(trackedMetrics(uc, measurement, registry, builtinMetrics(SINCE)).map((t) => [t.definition.key, t]));

describe("a use case's tracked metrics", () => {
  it('reads pack metric names as Charter metric keys', () => {
    expect(['latency_p95_ms', 'weekly_active_share', 'error_rate', 'f1', 'outcome_progress'].map(packMetricKey)).toEqual([
      'gateway.latency_p95', 'gateway.adoption_by_role', 'gateway.error_rate', 'eval.f1', 'outcome',
    ]);
    expect([windowMs('15m'), windowMs('1h'), windowMs('7d')]).toEqual([900_000, 3_600_000, 604_800_000]);
  });

  it('keeps the stricter threshold of two, whichever way is better', () => {
    expect(tighter('decrease', { warning: 0.02, critical: 0.05 }, { warning: 0.01, critical: 0.5 })).toEqual({ warning: 0.01, critical: 0.05 });
    expect(tighter('increase', { warning: 0.995, critical: 0.99 }, { warning: 0.999, critical: 0.9 })).toEqual({ warning: 0.999, critical: 0.99 });
  });

  it('watches the metrics of the tier pack with its windows and actions, and only derives the rest', () => {
    const tracked = byKey(useCase());
    expect(tracked.get('gateway.error_rate')!.rule).toMatchObject({ thresholds: { warning: 0.02, critical: 0.05 }, windowMs: 900_000, onAlert: [{ kind: 'throttle', fraction: 0.5 }], severity: 'high', raiseAfter: 2 });
    expect(tracked.get('eval.f1')).toMatchObject({ reads: { from: 'observations' }, definition: { origin: 'pack', source: 'evaluation' }, rule: { onAlert: [{ kind: 'rollback' }] } });
    expect(tracked.get('gateway.cost_per_day')!.rule).toBeNull();
    expect([...tracked.values()].filter((t) => t.rule).map((t) => t.definition.key).sort()).toEqual([
      'eval.f1', 'gateway.adoption_by_role', 'gateway.error_rate', 'gateway.latency_p95', 'gateway.override_rate', 'outcome.uc_claims',
    ]);
  });

  it('watches nothing the pack names before the use case has a tier', () => {
    expect([...byKey(useCase({ riskTier: null }), null as never).values()].filter((t) => t.rule)).toEqual([]);
  });

  it("applies an owner's override only to the use cases it names", () => {
    const override = stored({ useCaseIds: ['uc_other'] });
    expect(byKey(useCase(), undefined, [override]).get('gateway.error_rate')!.definition.origin).toBe('builtin');
    const mine = byKey(useCase(), undefined, [stored({})]).get('gateway.error_rate')!;
    expect(mine).toMatchObject({ definition: { origin: 'registry' }, rule: { thresholds: { warning: 0.01, critical: 0.05 } } });
  });

  it('turns the outcome statement into a business metric whose thresholds mark a half and a quarter of the way', () => {
    expect(outcomeMetric(useCase())).toMatchObject({
      key: 'outcome.uc_claims', layer: 'business_outcome', unit: 'min', baseline: 40, target: 28, thresholds: { warning: 34, critical: 37 }, owner: 'usr_owner', version: 3,
    });
    expect(outcomeMetric(useCase({ outcome: null }))).toBeNull();
    expect(['%', '% of baseline', 'minutes', 'EUR', 'ms'].map(outcomeUnit)).toEqual(['percent', 'percent', 'min', 'count', 'ms']);
  });
});
