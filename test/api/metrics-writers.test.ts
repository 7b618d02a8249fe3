import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GatewayEventRow } from '../../src/gateway/migrations.js';
import { RollupWriter } from '../../src/metrics/rollup-service.js';
import { describeEachDb } from '../support/databases.js';
import { gatewayCall, type MeasuredHarness, startMeasured } from './metrics-harness.js';

describeEachDb('rollup writers of several instances', (db) => {
  let h: MeasuredHarness;
  let useCaseId: string;
  const committed = (n: number, prefix: string, over: Partial<GatewayEventRow> = {}): GatewayEventRow[] =>
    Array.from({ length: n }, (_, i) => ({ ...gatewayCall(h.acme.id, `${prefix}_${i}`, h.clock.now(), { use_case_id: useCaseId, ...over }), record_hash: 'h', batch_id: 'gb_1', batch_index: i }));
  const requests = async () =>
    (await h.charter.kernel.db.selectFrom('metric_rollups').select(['resolution', 'requests', 'errors']).where('use_case_id', '=', useCaseId).execute())
      .map((r) => [r.resolution, Number(r.requests), Number(r.errors)]).sort();

  beforeAll(async () => {
    h = await startMeasured(db);
    useCaseId = await h.useCase('high');
  });
  afterAll(async () => h?.close());

  it('merge their partial buckets into the same rows without losing a count, even when they write at once', async () => {
    const writers = Array.from({ length: 4 }, () => new RollupWriter(h.charter.kernel));
    writers.forEach((w, i) => w.accept(committed(50, `w${i}`, i % 2 ? { http_status: 500, outcome: 'upstream_error' } : {})));
    await Promise.all(writers.map((w) => w.flush()));
    expect(await requests()).toEqual([['day', 200, 100], ['hour', 200, 100], ['minute', 200, 100]]);
    writers.forEach((w, i) => w.accept(committed(25, `again${i}`)));
    await Promise.all(writers.map((w) => w.flush()));
    expect(await requests()).toEqual([['day', 300, 100], ['hour', 300, 100], ['minute', 300, 100]]);
  });

  it('leave out calls no use case can be charged with, and count policy refusals as blocks rather than errors', async () => {
    const writer = new RollupWriter(h.charter.kernel);
    writer.accept([
      ...committed(1, 'orphan', { use_case_id: null }),
      ...committed(2, 'throttled', { outcome: 'rate_limited', http_status: 429, error_code: 'rate_limit_exceeded' }),
      ...committed(1, 'suspended', { outcome: 'denied', http_status: 403, error_code: 'use_case_suspended' }),
      ...committed(1, 'held', { outcome: 'held', http_status: 403, error_code: 'review_required', review_id: 'rv_1' }),
    ]);
    await writer.flush();
    const minute = await h.charter.kernel.db.selectFrom('metric_rollups').selectAll().where('use_case_id', '=', useCaseId).where('resolution', '=', 'minute').executeTakeFirstOrThrow();
    expect([minute.requests, minute.errors, minute.blocked, minute.reviewed].map(Number)).toEqual([304, 100, 3, 1]);
  });
});
