import { describe, expect, it } from 'vitest';
import { adoptionByRole, gatewayMetricReadings } from './gateway-metrics.js';
import { coveringSegments, seriesSteps } from './ranges.js';
import { decodeRollup, encodeRollup } from './rollup-codec.js';
import { RollupAccumulator, sumTotals, type GatewayEvent, type RollupBucket } from './rollup.js';

const T0 = Date.parse('2026-03-10T09:00:00Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const event = (over: Partial<GatewayEvent> = {}): GatewayEvent => ({
  at: T0, useCaseId: 'uc_a', releaseId: 'rel_1', status: 200, latencyMs: 400, ttftMs: 120, tokensIn: 100, tokensOut: 50, costUsd: 0.01,
  reviewed: false, overridden: false, blocked: false, redacted: false, ledgered: true,
  endUserId: 'u1', endUserRole: 'claims_handler', endUserVerified: true, caseId: null, ...over,
});

const find = (buckets: RollupBucket[], resolution: string, start: number, useCaseId = 'uc_a') =>
  buckets.find((b) => b.resolution === resolution && b.start === start && b.useCaseId === useCaseId)!;

describe('rolling up gateway events', () => {
  it('counts each call once per minute, hour and day bucket of its use case and release', () => {
    const acc = new RollupAccumulator();
    acc.addBatch([
      event({ at: T0 + 5_000 }),
      event({ at: T0 + 59_999, status: 502, latencyMs: 30_000, ttftMs: null }),
      event({ at: T0 + MIN, blocked: true, status: 403 }),
      event({ at: T0 + MIN + 1, useCaseId: 'uc_b' }),
    ]);
    expect(acc.openBuckets).toBe(3);
    const buckets = acc.flush();
    expect(acc.openBuckets).toBe(0);
    expect(buckets.map((b) => b.resolution).sort()).toEqual(['day', 'day', 'hour', 'hour', 'minute', 'minute', 'minute']);
    const first = find(buckets, 'minute', T0);
    expect(first.counters).toMatchObject({ requests: 2, errors: 1, serverErrors: 1, blocked: 0 });
    expect(first.ttft.count).toBe(1);
    expect(find(buckets, 'minute', T0 + MIN).counters).toMatchObject({ requests: 1, errors: 0, blocked: 1 });
    expect(find(buckets, 'hour', T0).counters).toMatchObject({ requests: 3, errors: 1, blocked: 1 });
    expect(find(buckets, 'day', Date.parse('2026-03-10T00:00:00Z')).counters.requests).toBe(3);
    expect(find(buckets, 'day', Date.parse('2026-03-10T00:00:00Z'), 'uc_b').counters.requests).toBe(1);
  });

  it('keeps verified users by role and counts unverified users apart, never guessing their role', () => {
    const acc = new RollupAccumulator();
    acc.addBatch([
      event({ endUserId: 'u1' }),
      event({ endUserId: 'u1' }),
      event({ endUserId: 'u2', endUserRole: 'underwriter' }),
      event({ endUserId: 'u3', endUserRole: 'underwriter', endUserVerified: false }),
      event({ endUserId: null, endUserRole: null }),
    ]);
    const minute = find(acc.flush(), 'minute', T0);
    expect(minute.endUsers.estimate()).toBe(3);
    expect(minute.unverifiedUsers.estimate()).toBe(1);
    const adoption = adoptionByRole(minute, { claims_handler: 4, underwriter: 1, auditor: 2 });
    expect(adoption).toEqual({
      roles: [
        { role: 'auditor', activeUsers: 0, affectedUsers: 2, rate: 0 },
        { role: 'claims_handler', activeUsers: 1, affectedUsers: 4, rate: 0.25 },
        { role: 'underwriter', activeUsers: 1, affectedUsers: 1, rate: 1 },
      ],
      unverifiedUsers: 1,
    });
  });

  it('builds hours incrementally: merging flushes gives the same totals as one flush of all events', () => {
    const events = Array.from({ length: 3_000 }, (_, i) =>
      event({ at: T0 + i * 1_000, latencyMs: 100 + ((i * 7919) % 5_000), endUserId: `u${i % 700}`, caseId: `case_${i % 40}`, costUsd: 0.002 }),
    );
    const once = new RollupAccumulator();
    once.addBatch(events);
    const whole = find(once.flush(), 'hour', T0);

    const stored = new Map<string, RollupBucket>();
    const incremental = new RollupAccumulator();
    for (let i = 0; i < events.length; i += 250) {
      incremental.addBatch(events.slice(i, i + 250));
      for (const part of incremental.flush()) {
        const key = `${part.resolution}|${part.start}|${part.useCaseId}|${part.releaseId}`;
        const row = stored.get(key);
        // A store keeps rows encoded; merging a partial into a decoded row and encoding it again is the upsert.
        stored.set(key, row ? decodeRollup(encodeRollup({ ...row, ...sumTotals([row, part]) })) : decodeRollup(encodeRollup(part)));
      }
    }
    const hour = [...stored.values()].find((b) => b.resolution === 'hour' && b.start === T0)!;
    expect(hour.counters.requests).toBe(3_000);
    expect(hour.counters.costUsd).toBeCloseTo(whole.counters.costUsd, 10);
    for (const p of [50, 95, 99]) expect(hour.latency.percentile(p)).toBe(whole.latency.percentile(p));
    expect(hour.endUsers.estimate()).toBe(whole.endUsers.estimate());
    expect(Math.abs(hour.endUsers.estimate() - 700) / 700).toBeLessThan(0.05);
    expect(hour.cases.estimate()).toBe(40);

    const minutes = [...stored.values()].filter((b) => b.resolution === 'minute');
    expect(minutes).toHaveLength(50);
    expect(sumTotals(minutes).latency.percentile(95)).toBe(whole.latency.percentile(95));
  });

  it('round-trips a bucket through its stored form', () => {
    const acc = new RollupAccumulator();
    acc.add(event({ caseId: 'case_1' }));
    acc.addFeedback({ at: T0, useCaseId: 'uc_a', releaseId: 'rel_1', score: 4 });
    const [minute] = acc.flush();
    const row = encodeRollup(minute);
    expect(row).toMatchObject({ resolution: 'minute', start: '2026-03-10T09:00:00.000Z', requests: 1, feedbackCount: 1, feedbackScoreSum: 4 });
    expect(typeof row.latencySketch).toBe('string');
    const back = decodeRollup(JSON.parse(JSON.stringify(row)));
    expect(back.counters).toEqual(minute.counters);
    expect(back.verifiedUsersByRole.get('claims_handler')?.estimate()).toBe(1);
    expect(back.latency.percentile(50)).toBe(minute.latency.percentile(50));
  });
});

describe('gateway metric readings', () => {
  it('derives every catalogue metric from a window of totals', () => {
    const acc = new RollupAccumulator();
    acc.addBatch([
      event({ latencyMs: 10, tokensIn: 300, tokensOut: 100, costUsd: 0.02, caseId: 'c1', reviewed: true, overridden: true }),
      event({ latencyMs: 20, costUsd: 0.02, caseId: 'c1', reviewed: true, redacted: true }),
      event({ latencyMs: 30, costUsd: 0.02, caseId: 'c2', status: 503, ledgered: false, endUserId: 'u2', endUserVerified: false }),
      event({ latencyMs: 40, costUsd: 0.02, status: 429, blocked: false, endUserId: 'u3' }),
      event({ latencyMs: 50, costUsd: 0, blocked: true, status: 403, endUserId: 'u4', endUserRole: 'underwriter' }),
    ]);
    for (const score of [5, 4, 3]) acc.addFeedback({ at: T0, useCaseId: 'uc_a', releaseId: 'rel_1', score });
    const totals = sumTotals(acc.flush().filter((b) => b.resolution === 'minute'));
    const r = gatewayMetricReadings(totals, HOUR, 8);
    expect(r.requests_per_day).toEqual({ value: 120, samples: 5 });
    expect(r.latency_p50).toEqual({ value: 30, samples: 5 });
    expect(r.latency_p99.value).toBe(50);
    expect(r.ttft_p95).toEqual({ value: 120, samples: 5 });
    expect(r.error_rate).toEqual({ value: 2 / 5, samples: 5 });
    expect(r.availability).toEqual({ value: 4 / 5, samples: 5 });
    expect(r.tokens_per_request.value).toBe((400 + 4 * 150) / 5);
    expect(r.cost_per_request.value).toBeCloseTo(0.016, 10);
    expect(r.cost_per_day.value).toBeCloseTo(1.92, 10);
    expect(r.cost_per_case).toEqual({ value: expect.closeTo(0.03, 10), samples: 2 });
    expect(r.escalation_rate.value).toBe(2 / 5);
    expect(r.override_rate).toEqual({ value: 1 / 2, samples: 2 });
    expect(r.block_rate.value).toBe(1 / 5);
    expect(r.redaction_rate.value).toBe(1 / 5);
    expect(r.audit_completeness.value).toBe(4 / 5);
    expect(r.active_end_users).toEqual({ value: 4, samples: 5 });
    expect(r.adoption_by_role).toEqual({ value: 3 / 8, samples: 8 });
    expect(r.satisfaction).toEqual({ value: 4, samples: 3 });
  });

  it('reads no value, not zero, for ratios without calls', () => {
    const r = gatewayMetricReadings(sumTotals([]), DAY);
    expect(r.error_rate).toEqual({ value: null, samples: 0 });
    expect(r.latency_p95).toEqual({ value: null, samples: 0 });
    expect(r.adoption_by_role).toEqual({ value: null, samples: 0 });
    expect(r.requests_per_day).toEqual({ value: 0, samples: 0 });
  });
});

describe('covering a query range with rollups', () => {
  it('reads whole days in the middle, hours beside them and minutes at the edges', () => {
    const from = Date.parse('2026-01-01T22:30:00Z');
    const to = Date.parse('2026-01-04T01:15:00Z');
    expect(coveringSegments(from, to).map((s) => [s.resolution, new Date(s.from).toISOString(), new Date(s.to).toISOString()])).toEqual([
      ['minute', '2026-01-01T22:30:00.000Z', '2026-01-01T23:00:00.000Z'],
      ['hour', '2026-01-01T23:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['day', '2026-01-02T00:00:00.000Z', '2026-01-04T00:00:00.000Z'],
      ['hour', '2026-01-04T00:00:00.000Z', '2026-01-04T01:00:00.000Z'],
      ['minute', '2026-01-04T01:00:00.000Z', '2026-01-04T01:15:00.000Z'],
    ]);
  });

  it('widens a range to whole minutes and covers short ranges with minutes only', () => {
    const segments = coveringSegments(T0 + 10_000, T0 + 5 * MIN + 1);
    expect(segments).toEqual([{ resolution: 'minute', from: T0, to: T0 + 6 * MIN }]);
    expect(coveringSegments(T0, T0)).toEqual([]);
  });

  it('covers a 90-day range with few rows whatever its edges', () => {
    const from = Date.parse('2026-01-01T00:07:00Z');
    const segments = coveringSegments(from, from + 90 * DAY);
    const rows = segments.reduce((n, s) => n + (s.to - s.from) / { minute: MIN, hour: HOUR, day: DAY }[s.resolution], 0);
    expect(rows).toBeLessThanOrEqual(90 + 46 + 118);
    expect(segments[0].from).toBe(from);
    expect(segments[segments.length - 1].to).toBe(from + 90 * DAY);
  });

  it('splits a series into aligned steps', () => {
    expect(seriesSteps(T0 + 30 * MIN, T0 + 2 * HOUR, 'hour')).toEqual([
      { from: T0, to: T0 + HOUR },
      { from: T0 + HOUR, to: T0 + 2 * HOUR },
    ]);
  });
});
