import { describe, expect, it } from 'vitest';
import { idempotencyKeysOf, LATE_DATA_WINDOW_MS, observationFingerprint, readObservationCsv, validateCsvObservations, validateObservations, type IngestContext } from './ingest.js';
import { MetricDefinition } from './schema.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const cycleTime = MetricDefinition.parse({
  key: 'claims.cycle_time', name: 'Claims cycle time', layer: 'business_outcome', unit: 'h', direction: 'decrease',
  thresholds: { warning: 60, critical: 72 }, owner: 'claims owner', reviewCadence: 'monthly', source: 'api', useCaseIds: ['uc_claims'],
});
const latency = MetricDefinition.parse({
  key: 'gateway.latency_p95', name: 'Latency p95', layer: 'operational_health', unit: 'ms', direction: 'decrease',
  thresholds: { warning: 8000, critical: 15000 }, owner: 'platform team', reviewCadence: 'daily', source: 'gateway',
});
const ctx = (stored: Record<string, string> = {}): IngestContext => ({
  metrics: new Map([[cycleTime.key, cycleTime], [latency.key, latency]]),
  storedFingerprints: new Map(Object.entries(stored)),
  now: NOW,
});
const obs = (over: Record<string, unknown> = {}) => ({
  metric: 'claims.cycle_time', useCaseId: 'uc_claims', at: '2026-03-01T00:00:00Z', value: 50, unit: 'h', idempotencyKey: 'k1', ...over,
});

describe('validating a batch of observations', () => {
  it('accepts an observation, normalises its time to UTC and converts its unit', () => {
    const result = validateObservations([obs({ at: '2026-03-01T01:00:00+01:00', value: 120, unit: 'min' })], ctx());
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toEqual([
      expect.objectContaining({ at: '2026-03-01T00:00:00.000Z', value: 2, unit: 'h', idempotencyKey: 'k1' }),
    ]);
  });

  it('refuses a unit of another dimension and names the units that would do', () => {
    const result = validateObservations([obs({ unit: 'usd' })], ctx());
    expect(result.rejected).toEqual([{ index: 0, field: 'unit', reason: expect.stringContaining('use ms, s, min, h, d') }]);
  });

  it('accepts late data inside the window and refuses it past the window', () => {
    const edge = new Date(NOW.getTime() - LATE_DATA_WINDOW_MS).toISOString();
    const tooOld = new Date(NOW.getTime() - LATE_DATA_WINDOW_MS - 1).toISOString();
    const result = validateObservations([obs({ at: edge, idempotencyKey: 'a' }), obs({ at: tooOld, idempotencyKey: 'b' })], ctx());
    expect(result.accepted.map((o) => o.idempotencyKey)).toEqual(['a']);
    expect(result.rejected).toEqual([{ index: 1, field: 'at', reason: 'older than the late-data window of 35 days' }]);
  });

  it('refuses observations from the future beyond clock skew', () => {
    const result = validateObservations([obs({ at: '2026-03-10T12:04:00Z', idempotencyKey: 'a' }), obs({ at: '2026-03-10T12:06:00Z', idempotencyKey: 'b' })], ctx());
    expect(result.rejected).toEqual([{ index: 1, field: 'at', reason: 'in the future' }]);
  });

  it('treats a replayed idempotency key as a replay, inside the batch and against stored observations', () => {
    const first = validateObservations([obs()], ctx()).accepted[0];
    const result = validateObservations([obs({ idempotencyKey: 'k2' }), obs({ idempotencyKey: 'k2' }), obs()], ctx({ k1: first.fingerprint }));
    expect(result.accepted.map((o) => o.idempotencyKey)).toEqual(['k2']);
    expect(result.replayed).toEqual(['k2', 'k1']);
    expect(result.rejected).toEqual([]);
  });

  it('refuses an idempotency key reused for a different value', () => {
    const result = validateObservations([obs(), obs({ value: 51 })], ctx());
    expect(result.rejected).toEqual([{ index: 1, field: 'idempotencyKey', reason: 'already used for a different observation' }]);
  });

  it('refuses pushes to gateway-derived metrics, unknown metrics and unlinked use cases, item by item', () => {
    const result = validateObservations(
      [obs({ metric: 'gateway.latency_p95', unit: 'ms' }), obs({ metric: 'nope', idempotencyKey: 'x' }), obs({ useCaseId: 'uc_other', idempotencyKey: 'y' }), obs({ idempotencyKey: 'ok' })],
      ctx(),
    );
    expect(result.rejected.map((p) => [p.index, p.field])).toEqual([[0, 'metric'], [1, 'metric'], [2, 'useCaseId']]);
    expect(result.accepted.map((o) => o.idempotencyKey)).toEqual(['ok']);
  });

  it('reports schema problems with the path of the field', () => {
    const result = validateObservations([{ ...obs(), value: 'fifty', extra: 1 }], ctx());
    expect(result.rejected.map((p) => p.field).sort()).toEqual(['(observation)', 'value']);
  });

  it('lists the idempotency keys to look up before validating', () => {
    expect(idempotencyKeysOf([obs(), obs(), { idempotencyKey: 3 }, null])).toEqual(['k1']);
    expect(observationFingerprint({ metric: 'm', useCaseId: 'u', at: 't', value: 1, unit: 'h' })).toBe('m|u|t|1|h');
  });
});

describe('CSV uploads', () => {
  const csv = [
    'metric,use_case,at,value,unit,idempotency_key',
    'claims.cycle_time,uc_claims,2026-03-01T00:00:00Z,50,h,r1',
    'claims.cycle_time,uc_claims,2026-03-02T00:00:00Z,fifty,h,r2',
    '',
    'claims.cycle_time,uc_claims,2026-03-03T00:00:00Z,3000,min,r3',
    'claims.cycle_time,uc_claims,2026-03-04T00:00:00Z,2,usd,r4',
    'claims.cycle_time,uc_claims,2026-03-05T00:00:00Z,49',
    'claims.cycle_time,uc_other,2026-03-06T00:00:00Z,48,h,r6',
  ].join('\n');

  it('reports each bad row by line and column and accepts the good ones', () => {
    const result = validateCsvObservations(readObservationCsv(csv), ctx());
    expect(result.accepted.map((o) => [o.idempotencyKey, o.value])).toEqual([['r1', 50], ['r3', 50]]);
    expect(result.errors).toEqual([
      { line: 3, field: 'value', reason: '"fifty" is not a number' },
      { line: 6, field: 'unit', reason: expect.stringContaining('measured in h') },
      { line: 7, field: '(row)', reason: expect.stringContaining('Invalid Record Length') },
      { line: 8, field: 'use_case', reason: 'claims.cycle_time is not linked to use case uc_other' },
    ]);
  });

  it('reports a row on the line it starts when a quoted value spans lines', () => {
    const text = 'metric,use_case,at,value,unit\n"claims.cycle_time","uc\nclaims",2026-03-01T00:00:00Z,50,h\nclaims.cycle_time,uc_claims,2026-03-02T00:00:00Z,,h';
    const result = validateCsvObservations(readObservationCsv(text), ctx());
    expect(result.errors).toEqual([
      { line: 2, field: 'use_case', reason: expect.stringContaining('not linked') },
      { line: 4, field: 'value', reason: 'required' },
    ]);
  });

  it('derives idempotency keys when the column is absent, so the same file uploaded twice is a replay', () => {
    const text = 'Metric,Use_Case,At,Value,Unit\nclaims.cycle_time,uc_claims,2026-03-01T00:00:00Z,50,h\n';
    const first = validateCsvObservations(readObservationCsv(text), ctx());
    expect(first.accepted[0].idempotencyKey).toBe('csv:claims.cycle_time:uc_claims:2026-03-01T00:00:00Z');
    const stored = Object.fromEntries(first.accepted.map((o) => [o.idempotencyKey, o.fingerprint]));
    const second = validateCsvObservations(readObservationCsv(text), ctx(stored));
    expect(second).toMatchObject({ accepted: [], replayed: [first.accepted[0].idempotencyKey], errors: [] });
  });

  it('refuses a file whose header lacks a column or names an unknown one', () => {
    const read = readObservationCsv('metric,use_case,at,amount,unit\nclaims.cycle_time,uc_claims,2026-03-01T00:00:00Z,50,h\n');
    expect(read.items).toEqual([]);
    expect(read.errors).toEqual([
      { line: 1, field: 'value', reason: 'missing column' },
      { line: 1, field: 'amount', reason: 'unknown column' },
    ]);
  });
});
