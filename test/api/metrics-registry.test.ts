import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type MeasuredHarness, startMeasured } from './metrics-harness.js';

const definition = (overrides: Record<string, unknown> = {}) => ({
  key: 'claims.handling_time', name: 'Claims handling time', layer: 'business_outcome', unit: 'min', direction: 'decrease',
  baseline: 40, target: 28, thresholds: { warning: 36, critical: 40 }, owner: 'claims operations', reviewCadence: 'monthly', source: 'api', ...overrides,
});

describeEachDb('metric registry over HTTP', (db) => {
  let h: MeasuredHarness;
  let useCaseId: string;

  beforeAll(async () => {
    h = await startMeasured(db);
    useCaseId = await h.useCase('high');
  });
  afterAll(async () => h?.close());

  it('lists the gateway metrics with nothing configured, each with an owner, a cadence and thresholds', async () => {
    const res = await h.api('GET', '/api/v1/metrics?source=gateway&limit=200', h.acme.headers.viewer);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { key: string; owner: string; reviewCadence: string; origin: string }[];
    expect(items.map((m) => m.key)).toContain('gateway.error_rate');
    expect(items).toHaveLength(19);
    for (const m of items) expect(m).toMatchObject({ origin: 'builtin', owner: expect.any(String), reviewCadence: expect.any(String) });
  });

  it("turns the outcome statement's metric into a business metric with its baseline and target", async () => {
    const res = await h.api('GET', `/api/v1/metrics/outcome.${useCaseId}`, h.acme.headers.viewer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ layer: 'business_outcome', origin: 'outcome', name: 'claims triage time', baseline: 100, target: 70, unit: 'percent', direction: 'decrease', useCaseIds: [useCaseId] });
    const patched = await h.api('PATCH', `/api/v1/metrics/outcome.${useCaseId}`, h.acme.headers.builder, { owner: 'someone' });
    expect(patched.statusCode).toBe(409);
  });

  it('creates, reads, changes under If-Match and removes a metric, ledgering each change', async () => {
    const created = await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition({ useCaseIds: [useCaseId] }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ origin: 'registry', version: 1, description: '', aggregation: 'mean' });
    expect((await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition())).statusCode).toBe(409);
    const read = await h.api('GET', '/api/v1/metrics/claims.handling_time', h.acme.headers.viewer);
    expect(read.headers.etag).toBe('"v1"');
    const stale = await h.api('PATCH', '/api/v1/metrics/claims.handling_time', { ...h.acme.headers.builder, 'if-match': '"v0"' }, { owner: 'x' });
    expect(stale.statusCode).toBe(412);
    const changed = await h.api('PATCH', '/api/v1/metrics/claims.handling_time', { ...h.acme.headers.builder, 'if-match': '"v1"' }, { thresholds: { warning: 35, critical: 39 } });
    expect(changed.json()).toMatchObject({ version: 2, thresholds: { warning: 35, critical: 39 }, description: '', useCaseIds: [useCaseId] });
    expect((await h.api('DELETE', '/api/v1/metrics/claims.handling_time', h.acme.headers.builder)).statusCode).toBe(204);
    expect((await h.api('GET', '/api/v1/metrics/claims.handling_time', h.acme.headers.viewer)).statusCode).toBe(404);
    const trail = await h.api('GET', '/api/v1/ledger?subjectId=claims.handling_time', h.acme.headers.risk_reviewer);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['metric.delete', 'metric.update', 'metric.create']);
  });

  it('refuses inconsistent definitions with the offending fields', async () => {
    const backwards = await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition({ key: 'claims.backwards', thresholds: { warning: 40, critical: 30 } }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toContain('body.thresholds.critical');
    const invented = await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition({ key: 'gateway.mood', source: 'gateway' }));
    expect(invented.statusCode).toBe(400);
    const foreign = await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition({ key: 'claims.other', useCaseIds: ['uc_not_ours'] }));
    expect(foreign.json().errors).toEqual([{ path: 'body.useCaseIds.0', message: 'no use case uc_not_ours in this tenant' }]);
    expect((await h.api('POST', '/api/v1/metrics', h.acme.headers.viewer, definition({ key: 'claims.viewer' }))).statusCode).toBe(403);
  });

  it("tracks the tier's default metric set from the pack, with its thresholds, windows and actions", async () => {
    const res = await h.api('GET', `/api/v1/use-cases/${useCaseId}/metrics`, h.acme.headers.viewer);
    const byKey = new Map(res.json().items.map((m: { key: string }) => [m.key, m]));
    expect(byKey.get('gateway.error_rate')).toMatchObject({ monitor: { thresholds: { warning: 0.02, critical: 0.05 }, windowMs: 900_000, onAlert: ['throttle'], state: 'NO_DATA' } });
    // The pack's 4000/8000 ms is tighter than the catalogue's 8000/15000 ms.
    expect(byKey.get('gateway.latency_p95')).toMatchObject({ monitor: { thresholds: { warning: 4000, critical: 8000 }, onAlert: [] } });
    expect(byKey.get('eval.f1')).toMatchObject({ origin: 'pack', source: 'evaluation', monitor: { onAlert: ['rollback'] } });
    expect(byKey.get(`outcome.${useCaseId}`)).toMatchObject({ origin: 'outcome', monitor: { windowMs: 30 * 86_400_000 } });
    expect(byKey.get('gateway.cost_per_day')).toMatchObject({ monitor: null });
  });

  it("lets an owner tighten a gateway metric, never loosen the pack's threshold", async () => {
    const tightened = await h.api('POST', '/api/v1/metrics', h.acme.headers.builder, {
      key: 'gateway.error_rate', name: 'Error rate', layer: 'operational_health', unit: 'ratio', direction: 'decrease',
      thresholds: { warning: 0.01, critical: 0.5 }, owner: 'platform team', reviewCadence: 'daily', source: 'gateway',
    });
    expect(tightened.statusCode).toBe(201);
    const res = await h.api('GET', `/api/v1/use-cases/${useCaseId}/metrics`, h.acme.headers.viewer);
    const errorRate = res.json().items.find((m: { key: string }) => m.key === 'gateway.error_rate');
    expect(errorRate).toMatchObject({ origin: 'registry', monitor: { thresholds: { warning: 0.01, critical: 0.05 } } });
    await h.api('DELETE', '/api/v1/metrics/gateway.error_rate', h.acme.headers.builder);
  });

  it("never shows or changes another tenant's metrics", async () => {
    await h.api('POST', '/api/v1/metrics', h.acme.headers.business_owner, definition({ key: 'claims.secret' }));
    expect((await h.api('GET', '/api/v1/metrics/claims.secret', h.globex.headers.platform_admin)).statusCode).toBe(404);
    expect((await h.api('PATCH', '/api/v1/metrics/claims.secret', h.globex.headers.platform_admin, { owner: 'x' })).statusCode).toBe(404);
    expect((await h.api('GET', `/api/v1/use-cases/${useCaseId}/metrics`, h.globex.headers.platform_admin)).statusCode).toBe(404);
    const listed = await h.api('GET', '/api/v1/metrics?limit=200', h.globex.headers.platform_admin);
    expect(listed.body).not.toContain('claims.secret');
    expect(listed.body).not.toContain(useCaseId);
  });
});
