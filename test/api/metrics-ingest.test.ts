import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type MeasuredHarness, startMeasured } from './metrics-harness.js';

describeEachDb('observation ingestion over HTTP', (db) => {
  let h: MeasuredHarness;
  let useCaseId: string;
  const now = () => h.clock.now();
  const ago = (days: number) => new Date(now().getTime() - days * 86_400_000).toISOString();
  const observation = (over: Record<string, unknown> = {}) => ({ metric: 'claims.handling_time', useCaseId, at: ago(1), value: 38, unit: 'min', idempotencyKey: 'ht-1', ...over });

  beforeAll(async () => {
    h = await startMeasured(db);
    useCaseId = await h.useCase('high');
    const created = await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, {
      key: 'claims.handling_time', name: 'Claims handling time', layer: 'business_outcome', unit: 'min', direction: 'decrease', aggregation: 'last',
      thresholds: { warning: 36, critical: 40 }, owner: 'claims operations', reviewCadence: 'weekly', source: 'api', useCaseIds: [useCaseId],
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => h?.close());

  it('accepts a batch item by item: converted units, late data, replays and a report of what was refused', async () => {
    const res = await h.api('POST', '/api/v1/observations', h.acme.headers.builder, {
      observations: [
        observation(),
        observation({ idempotencyKey: 'ht-2', at: ago(30), value: 0.6, unit: 'h' }),
        observation({ idempotencyKey: 'ht-3', unit: 'usd' }),
        observation({ idempotencyKey: 'ht-4', at: ago(40) }),
        observation({ idempotencyKey: 'ht-5', useCaseId: 'uc_elsewhere' }),
        observation({ idempotencyKey: 'ht-6', metric: 'gateway.error_rate', unit: 'ratio' }),
        { metric: 'claims.handling_time' },
      ],
    });
    expect(res.statusCode).toBe(202);
    const report = res.json();
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([[2, 'unit'], [3, 'at'], [4, 'useCaseId'], [5, 'metric'], [6, 'useCaseId'], [6, 'at'], [6, 'value'], [6, 'unit'], [6, 'idempotencyKey']]);
    const replay = await h.api('POST', '/api/v1/observations', h.acme.headers.builder, { observations: [observation(), observation({ value: 39 })] });
    expect(replay.json()).toMatchObject({ accepted: 0, replayed: ['ht-1'], rejected: [{ index: 1, field: 'idempotencyKey' }] });
    const series = await h.api('GET', `/api/v1/metrics/claims.handling_time/series?useCaseId=${useCaseId}&from=${ago(31)}&to=${now().toISOString()}&resolution=day`, h.acme.headers.viewer);
    const values = series.json().points.filter((p: { value: number | null }) => p.value !== null).map((p: { value: number }) => p.value);
    expect(values).toEqual([36, 38]);
  });

  it('refuses a malformed batch as a whole with problem+json, and people without metric:ingest', async () => {
    const malformed = await h.api('POST', '/api/v1/observations', h.acme.headers.builder, { observations: [] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect((await h.api('POST', '/api/v1/observations', h.acme.headers.builder, { rows: [] })).statusCode).toBe(400);
    expect((await h.api('POST', '/api/v1/observations', h.acme.headers.viewer, { observations: [observation()] })).statusCode).toBe(403);
  });

  it('reads a CSV upload and reports each bad row by line and column', async () => {
    const csv = [
      'metric,use_case,at,value,unit',
      `claims.handling_time,${useCaseId},${ago(2)},37,min`,
      `claims.handling_time,${useCaseId},${ago(3)},abc,min`,
      `claims.handling_time,uc_elsewhere,${ago(3)},30,min`,
      `claims.handling_time,${useCaseId},${ago(4)},2,d`,
    ].join('\n');
    const upload = () => h.api('POST', '/api/v1/observations/csv', { ...h.acme.headers.builder, 'content-type': 'text/csv' }, csv);
    const res = await upload();
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, errors: [{ line: 3, field: 'value' }, { line: 4, field: 'use_case' }] });
    expect((await upload()).json()).toMatchObject({ accepted: 0, replayed: expect.arrayContaining([`csv:claims.handling_time:${useCaseId}:${ago(2)}`]) });
    const badHeader = await h.api('POST', '/api/v1/observations/csv', { ...h.acme.headers.builder, 'content-type': 'text/csv' }, 'metric,when\nx,y');
    expect(badHeader.statusCode).toBe(400);
    expect(badHeader.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['csv.use_case', 'csv.when']));
  });

  it('records evaluation results as eval metrics, which the API may not push', async () => {
    await h.m.ingest.recordEvaluation(h.acme.actors.builder, [{ useCaseId, runId: 'run_1', metric: 'f1', value: 0.83, unit: 'ratio', at: ago(1) }]);
    const f1 = (await h.api('GET', `/api/v1/metrics/eval.f1/series?useCaseId=${useCaseId}&from=${ago(2)}&to=${now().toISOString()}&resolution=day`, h.acme.headers.viewer)).json();
    expect(f1.points.map((p: { value: number | null }) => p.value)).toContain(0.83);
    const pushed = await h.api('POST', '/api/v1/observations', h.acme.headers.builder, { observations: [observation({ metric: `outcome.${useCaseId}`, unit: 'percent', value: 90, idempotencyKey: 'o-1' })] });
    expect(pushed.json().accepted).toBe(1);
  });

  it("keeps each tenant's observations to itself", async () => {
    const res = await h.api('POST', '/api/v1/observations', h.globex.headers.builder, { observations: [observation({ idempotencyKey: 'g-1' })] });
    expect(res.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, field: 'useCaseId' }] });
    expect((await h.api('GET', `/api/v1/metrics/claims.handling_time/series?useCaseId=${useCaseId}&from=${ago(2)}&to=${now().toISOString()}`, h.globex.headers.platform_admin)).statusCode).toBe(404);
  });
});
