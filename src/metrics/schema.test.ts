import { describe, expect, it } from 'vitest';
import { GATEWAY_METRIC_KEYS, GATEWAY_METRICS, gatewayMetricDefinition } from './catalogue.js';
import { MetricDefinition, Observation } from './schema.js';
import { convertUnit } from './units.js';

const claimsCycleTime = {
  key: 'claims.cycle_time',
  name: 'Claims cycle time',
  layer: 'business_outcome',
  unit: 'h',
  direction: 'decrease',
  baseline: 72,
  target: 48,
  thresholds: { warning: 60, critical: 72 },
  owner: 'claims process owner',
  reviewCadence: 'monthly',
  source: 'csv',
  useCaseIds: ['uc_claims'],
};

describe('metric definitions', () => {
  it('accepts a business outcome metric and fills the defaults', () => {
    const def = MetricDefinition.parse(claimsCycleTime);
    expect(def).toMatchObject({ adoption: false, aggregation: 'mean', description: '' });
  });

  it('refuses a critical threshold on the good side of the warning threshold', () => {
    const result = MetricDefinition.safeParse({ ...claimsCycleTime, thresholds: { warning: 72, critical: 60 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['thresholds', 'critical'] });
  });

  it('orders thresholds the other way for a metric that should increase', () => {
    const availability = { ...claimsCycleTime, key: 'availability', unit: 'ratio', direction: 'increase', baseline: null, target: null };
    expect(MetricDefinition.safeParse({ ...availability, thresholds: { warning: 0.995, critical: 0.99 } }).success).toBe(true);
    expect(MetricDefinition.safeParse({ ...availability, thresholds: { warning: 0.99, critical: 0.995 } }).success).toBe(false);
  });

  it('refuses a target that is no better than the baseline', () => {
    const result = MetricDefinition.safeParse({ ...claimsCycleTime, target: 80 });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['target']);
  });

  it('keeps adoption inside operational health', () => {
    const result = MetricDefinition.safeParse({ ...claimsCycleTime, adoption: true });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['adoption']);
  });

  it('refuses unknown fields, layers and cadences', () => {
    expect(MetricDefinition.safeParse({ ...claimsCycleTime, colour: 'red' }).success).toBe(false);
    expect(MetricDefinition.safeParse({ ...claimsCycleTime, layer: 'adoption' }).success).toBe(false);
    expect(MetricDefinition.safeParse({ ...claimsCycleTime, reviewCadence: 'hourly' }).success).toBe(false);
  });
});

describe('observations', () => {
  it('accepts an ISO time with an offset and refuses a bare date', () => {
    const base = { metric: 'claims.cycle_time', useCaseId: 'uc_claims', value: 50, unit: 'h', idempotencyKey: 'k1' };
    expect(Observation.safeParse({ ...base, at: '2026-01-05T09:00:00+01:00' }).success).toBe(true);
    expect(Observation.safeParse({ ...base, at: '2026-01-05' }).success).toBe(false);
    expect(Observation.safeParse({ ...base, at: '2026-01-05T09:00:00Z', value: Number.POSITIVE_INFINITY }).success).toBe(false);
  });
});

describe('units', () => {
  it('converts within a dimension and refuses across dimensions', () => {
    expect(convertUnit(1.5, 's', 'ms')).toBe(1500);
    expect(convertUnit(2, 'h', 'min')).toBe(120);
    expect(convertUnit(50, 'percent', 'ratio')).toBe(0.5);
    expect(convertUnit(3, 'usd', 'ms')).toBeNull();
    expect(convertUnit(3, 'users', 'count')).toBeNull();
  });
});

describe('gateway metric catalogue', () => {
  it('gives every gateway metric a unit, owner, cadence and thresholds that form a valid definition', () => {
    expect(Object.keys(GATEWAY_METRICS).sort()).toEqual([...GATEWAY_METRIC_KEYS].sort());
    for (const key of GATEWAY_METRIC_KEYS) {
      const def = gatewayMetricDefinition(key, ['uc_1']);
      expect(MetricDefinition.safeParse(def).error?.issues ?? [], key).toEqual([]);
      expect(def.owner).not.toBe('');
    }
  });

  it('counts adoption in operational health, as the seed does', () => {
    const adoption = GATEWAY_METRIC_KEYS.filter((k) => GATEWAY_METRICS[k].adoption);
    expect(adoption).toEqual(['active_end_users', 'adoption_by_role', 'satisfaction']);
    for (const key of adoption) expect(GATEWAY_METRICS[key].layer).toBe('operational_health');
  });

  it('names the definition under the gateway namespace with the owner given', () => {
    expect(gatewayMetricDefinition('latency_p95', ['uc_1'], 'platform on-call')).toMatchObject({
      key: 'gateway.latency_p95',
      unit: 'ms',
      owner: 'platform on-call',
      source: 'gateway',
      thresholds: { warning: 8000, critical: 15000 },
    });
  });
});
