import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/kernel/feed.js';
import { defaultPacks } from '../../src/policy/packs.js';
import { describeEachDb } from '../support/databases.js';
import { gateRelease } from '../support/gateway.js';
import { type MeasuredHarness, startMeasured } from './metrics-harness.js';

const MIN = 60_000;

describeEachDb('incidents over HTTP', (db) => {
  let h: MeasuredHarness;
  let useCaseId: string;

  beforeAll(async () => {
    h = await startMeasured(db);
    useCaseId = await h.useCase('high');
  });
  afterAll(async () => h?.close());

  const open = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    h.api('POST', '/api/v1/incidents', headers, { useCaseId, title: 'Answers cite withdrawn policy wording', severity: 'medium', ...body });

  it('opens an incident by hand, moves it forward with If-Match, keeps a timeline and times each step', async () => {
    const created = await open(h.acme.headers.builder, { ownerId: h.acme.actors.builder.id, metricKeys: ['gateway.override_rate'] });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"v1"');
    const id = created.json().id;
    h.clock.advance(10 * MIN);
    const stale = await h.api('POST', `/api/v1/incidents/${id}/status`, { ...h.acme.headers.builder, 'if-match': '"v9"' }, { to: 'triaged' });
    expect(stale.statusCode).toBe(412);
    await h.api('POST', `/api/v1/incidents/${id}/status`, { ...h.acme.headers.builder, 'if-match': '"v1"' }, { to: 'triaged' });
    h.clock.advance(20 * MIN);
    await h.api('POST', `/api/v1/incidents/${id}/notes`, h.acme.headers.risk_reviewer, { text: 'Policy library re-indexed' });
    await h.api('POST', `/api/v1/incidents/${id}/status`, h.acme.headers.builder, { to: 'mitigated' });
    h.clock.advance(30 * MIN);
    const resolved = await h.api('POST', `/api/v1/incidents/${id}/status`, h.acme.headers.builder, { to: 'resolved' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', timeToMitigateMs: 30 * MIN, timeToResolveMs: 60 * MIN, nextStatuses: [] });
    expect(resolved.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'status', 'note', 'status', 'status']);
    const backwards = await h.api('POST', `/api/v1/incidents/${id}/status`, h.acme.headers.builder, { to: 'triaged' });
    expect(backwards.statusCode).toBe(409);
  });

  it('records the post-incident review only once the incident is resolved', async () => {
    const id = (await open(h.acme.headers.builder)).json().id;
    const review = { summary: 'Stale index', rootCause: 'nightly job failed silently', lessons: ['alert on index age'], followUps: ['add index age monitor'] };
    expect((await h.api('POST', `/api/v1/incidents/${id}/review`, h.acme.headers.builder, review)).statusCode).toBe(409);
    await h.api('POST', `/api/v1/incidents/${id}/status`, h.acme.headers.builder, { to: 'resolved' });
    const reviewed = await h.api('POST', `/api/v1/incidents/${id}/review`, h.acme.headers.risk_reviewer, review);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', review: { rootCause: 'nightly job failed silently' } });
    const trail = await h.api('GET', `/api/v1/ledger?subjectId=${id}`, h.acme.headers.risk_reviewer);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['incident.review', 'incident.status', 'incident.open']);
    expect(trail.body).not.toContain('nightly job failed silently');
  });

  it('links releases of its use case and metrics, and changes severity with a reason', async () => {
    const id = (await open(h.acme.headers.builder)).json().id;
    const foreign = await h.api('POST', `/api/v1/incidents/${id}/links`, h.acme.headers.builder, { releaseIds: ['rel_not_ours'] });
    expect(foreign.statusCode).toBe(400);
    const linked = await h.api('POST', `/api/v1/incidents/${id}/links`, h.acme.headers.builder, { metricKeys: ['gateway.latency_p95'] });
    expect(linked.json().metricKeys).toEqual(['gateway.latency_p95']);
    const raised = await h.api('PATCH', `/api/v1/incidents/${id}`, h.acme.headers.risk_reviewer, { severity: 'critical', reason: 'customers affected' });
    expect(raised.json()).toMatchObject({ severity: 'critical' });
    expect(raised.json().timeline.at(-1).text).toBe('severity medium → critical: customers affected');
  });

  it('exposes time to mitigate and to resolve as metrics', async () => {
    const timings = await h.api('GET', `/api/v1/incidents/timings?useCaseId=${useCaseId}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`, h.acme.headers.viewer);
    expect(timings.json()).toMatchObject({ incidents: 3, timeToMitigate: { count: 2, maxMs: 30 * MIN }, timeToResolve: { count: 2, maxMs: 60 * MIN } });
    const series = await h.api('GET', `/api/v1/metrics/incident.time_to_resolve/series?useCaseId=${useCaseId}&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&resolution=day`, h.acme.headers.viewer);
    expect(series.json()).toMatchObject({ unit: 'ms', points: [{ start: '2026-03-02T00:00:00.000Z', samples: 2 }] });
  });

  it('refuses people without incident:manage and hides incidents from other tenants', async () => {
    expect((await open(h.acme.headers.viewer)).statusCode).toBe(403);
    const id = (await open(h.acme.headers.builder)).json().id;
    expect((await h.api('GET', `/api/v1/incidents/${id}`, h.globex.headers.platform_admin)).statusCode).toBe(404);
    expect((await h.api('POST', `/api/v1/incidents/${id}/notes`, h.globex.headers.platform_admin, { text: 'x' })).statusCode).toBe(404);
    expect((await open(h.globex.headers.platform_admin)).statusCode).toBe(400);
    expect((await h.api('GET', '/api/v1/incidents', h.globex.headers.platform_admin)).json().items).toEqual([]);
  });
});

describeEachDb('containment the pack asks for', (db) => {
  let h: MeasuredHarness;
  const changes: ChangeEvent[] = [];
  const failing = (useCaseId: string) => ({ use_case_id: useCaseId, outcome: 'upstream_error', http_status: 503 });

  beforeAll(async () => {
    h = await startMeasured(db);
    h.charter.kernel.feed.subscribe((e) => changes.push(e));
  });
  afterAll(async () => h?.close());

  it('throttles a limited use case, tells the gateway, and lifts the throttle itself once mitigated and cooled down', async () => {
    const useCaseId = await h.useCase('limited');
    await h.record(Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? failing(useCaseId) : { use_case_id: useCaseId })));
    await h.tick();
    await h.tick();
    const throttle = await h.m.containment.activeThrottle(h.acme.id, useCaseId);
    expect(throttle).toEqual({ requestsPerMinute: 1 });
    expect(changes).toContainEqual({ tenantId: h.acme.id, kind: 'usecase', id: useCaseId });
    const [incident] = (await h.api('GET', `/api/v1/incidents?useCaseId=${useCaseId}`, h.acme.headers.viewer)).json().items;
    expect(incident.control).toEqual({ state: 'throttled', throttleFraction: 0.5, rolledBack: false });
    await h.api('POST', `/api/v1/incidents/${incident.id}/status`, h.acme.headers.builder, { to: 'mitigated' });
    const coolDown = defaultPacks().limited.measurement.monitors.autoResumeAfterMinutes! * MIN;
    await h.tick(coolDown - MIN);
    expect(await h.m.containment.activeThrottle(h.acme.id, useCaseId)).toEqual(throttle);
    await h.tick(MIN);
    expect(await h.m.containment.activeThrottle(h.acme.id, useCaseId)).toBeUndefined();
    const resumed = (await h.api('GET', `/api/v1/incidents/${incident.id}`, h.acme.headers.viewer)).json();
    expect(resumed.control.state).toBe('normal');
    const entry = (await h.api('GET', `/api/v1/ledger?subjectId=${incident.id}&action=incident.resume`, h.acme.headers.risk_reviewer)).json().items[0];
    expect(entry.actor).toMatchObject({ kind: 'system' });
  });

  it('rolls back to the previous release of the environment carrying traffic', async () => {
    await h.publishPack('minimal', (pack) => {
      pack.measurement.metrics = pack.measurement.metrics.map((m) => (m.name === 'error_rate' ? { ...m, onBreach: 'rollback' as const } : m));
    });
    const useCaseId = await h.useCase('minimal', {}, 'production');
    const a = h.acme.headers;
    const ep = (await h.api('POST', '/api/v1/model-endpoints', a.platform_admin, {
      name: 'sim-rollback', provider: 'simulated', model: 'charter-sim', region: 'eu-west', approvedTiers: ['minimal'],
      allowedDataClasses: { maxSensitivity: 'confidential', categories: ['personal'] }, pricePer1kInput: 0.5, pricePer1kOutput: 1.5,
    })).json();
    const [r1, r2] = [(await h.api('POST', `/api/v1/use-cases/${useCaseId}/releases`, a.builder, { name: 'r1', endpointId: ep.id })).json(), (await h.api('POST', `/api/v1/use-cases/${useCaseId}/releases`, a.builder, { name: 'r2', endpointId: ep.id })).json()];
    for (const r of [r1, r2]) await gateRelease(h, useCaseId, r.id);
    await h.api('POST', `/api/v1/releases/${r1.id}/activate`, a.builder, { environment: 'production' });
    await h.api('POST', `/api/v1/releases/${r2.id}/activate`, a.builder, { environment: 'production' });
    await h.record(Array.from({ length: 60 }, () => ({ ...failing(useCaseId), release_id: r2.id })));
    await h.tick();
    await h.tick();
    const slots = (await h.api('GET', `/api/v1/use-cases/${useCaseId}/releases`, a.viewer)).json().slots;
    expect(slots.find((s: { environment: string }) => s.environment === 'production')).toMatchObject({ activeReleaseId: r1.id, previousReleaseId: null });
    const [incident] = (await h.api('GET', `/api/v1/incidents?useCaseId=${useCaseId}`, a.viewer)).json().items;
    expect(incident).toMatchObject({ releaseIds: [r2.id], control: { rolledBack: true, state: 'normal' } });
  });
});
