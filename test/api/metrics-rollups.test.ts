import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type MeasuredHarness, startMeasured } from './metrics-harness.js';

const DAY = 86_400_000;

describeEachDb('gateway rollups, feedback, drift, scorecards and reviews over HTTP', (db) => {
  let h: MeasuredHarness;
  let claims: string;
  let underwriting: string;
  let claimsTeam: string;
  let t0: Date;
  const series = (key: string, useCaseId: string, resolution = 'hour') =>
    h.api('GET', `/api/v1/metrics/${key}/series?useCaseId=${useCaseId}&from=${new Date(t0.getTime() - 3_600_000).toISOString()}&to=${new Date(t0.getTime() + 3_600_000).toISOString()}&resolution=${resolution}`, h.acme.headers.viewer);
  const inWindow = (points: { value: number | null; samples: number }[]) => points.filter((p) => p.samples > 0);

  beforeAll(async () => {
    h = await startMeasured(db);
    t0 = h.clock.now();
    const stream = await h.api('POST', '/api/v1/value-streams', h.acme.headers.executive, { name: 'Underwriting' });
    // A use case may name only a team of its own tenant.
    const team = (name: string) => h.charter.services.auth.createTeam(h.charter.kernel.db, h.acme.id, name);
    claimsTeam = (await team('Claims operations')).id;
    claims = await h.useCase('high', { teamId: claimsTeam, targetDate: '2026-09-01' });
    underwriting = await h.useCase('limited', { title: 'Underwriting assistant', valueStreamId: stream.json().id, teamId: (await team('Underwriting')).id });
  });
  afterAll(async () => h?.close());

  it('merges what arrives in several writes into the same minute, hour and day rows', async () => {
    await h.record(Array.from({ length: 10 }, (_, i) => ({ id: `ge_claims_${i}`, use_case_id: claims, latency_ms: 100 * (i + 1), cost_usd: 0.01, review_id: i < 4 ? `rv_${i}` : null })));
    await h.record(Array.from({ length: 10 }, (_, i) => ({ use_case_id: claims, latency_ms: 100 * (i + 1), cost_usd: 0.01, http_status: i < 2 ? 500 : 200, outcome: i < 2 ? 'upstream_error' : 'ok' })));
    await h.record([{ use_case_id: underwriting, cost_usd: 0.5, tokens_in: 1000, tokens_out: 500 }]);
    const rows = await h.charter.kernel.db.selectFrom('metric_rollups').select(['resolution', 'requests']).where('use_case_id', '=', claims).execute();
    expect(rows.map((r) => [r.resolution, Number(r.requests)]).sort()).toEqual([['day', 20], ['hour', 20], ['minute', 20]]);
    const errors = inWindow((await series('gateway.error_rate', claims, 'minute')).json().points);
    expect(errors).toEqual([{ start: '2026-03-02T09:00:00.000Z', value: 0.1, samples: 20 }]);
    const [p95] = inWindow((await series('gateway.latency_p95', claims)).json().points);
    // HDR histograms report the upper edge of the bucket holding the sample: at most 1/128 above it.
    expect(p95).toMatchObject({ start: '2026-03-02T09:00:00.000Z', samples: 20 });
    expect(p95.value).toBeGreaterThanOrEqual(1000);
    expect(p95.value).toBeLessThan(1000 * (1 + 1 / 128));
  });

  it('counts satisfaction per response and reviewer overrides into the rollups', async () => {
    const feedback = await h.api('POST', '/api/v1/feedback', h.acme.headers.builder, { eventId: 'ge_claims_0', score: 4, comment: 'useful' });
    expect(feedback.statusCode).toBe(201);
    expect((await h.api('POST', '/api/v1/feedback', h.acme.headers.builder, { eventId: 'ge_claims_0', score: 5 })).statusCode).toBe(409);
    await h.api('POST', '/api/v1/feedback', h.acme.headers.builder, { eventId: 'ge_claims_1', score: 2 });
    expect((await h.api('POST', '/api/v1/feedback', h.globex.headers.builder, { eventId: 'ge_claims_2', score: 1 })).statusCode).toBe(404);
    await h.m.feedback.recordReviewDecision(h.acme.id, 'ge_claims_0', true);
    await h.m.feedback.recordReviewDecision(h.acme.id, 'ge_claims_1', false);
    await h.m.rollups.flush();
    expect(inWindow((await series('gateway.satisfaction', claims)).json().points)).toMatchObject([{ value: 3, samples: 2 }]);
    expect(inWindow((await series('gateway.override_rate', claims)).json().points)).toMatchObject([{ value: 0.25, samples: 4 }]);
  });

  it('shows cost back per use case, team and value stream', async () => {
    const byStream = (await h.api('GET', '/api/v1/costs?groupBy=valueStream', h.acme.headers.executive)).json();
    expect(byStream.items.map((i: { name: string; requests: number }) => [i.name, i.requests])).toEqual([['Underwriting', 1], ['Claims', 20]]);
    expect(byStream.totalCostUsd).toBeCloseTo(0.7, 6);
    const byTeam = (await h.api('GET', '/api/v1/costs?groupBy=team', h.acme.headers.viewer)).json();
    const team = byTeam.items.find((i: { groupId: string }) => i.groupId === claimsTeam);
    expect(team).toMatchObject({ requests: 20, useCases: 1 });
    expect(team.costPerRequest).toBeCloseTo(0.01, 9);
    const portfolio = (await h.api('GET', '/api/v1/metrics/gateway.cost_per_request/series?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&resolution=day', h.acme.headers.viewer)).json();
    expect(portfolio.points[0]).toMatchObject({ samples: 21 });
    expect(portfolio.points[0].value).toBeCloseTo(0.7 / 21, 9);
  });

  it('reports drift between the reference window and the current one, over the calls sampled each hour', async () => {
    h.clock.set(new Date(t0.getTime() - 10 * DAY));
    await h.record(Array.from({ length: 100 }, (_, i) => ({ use_case_id: underwriting, latency_ms: 300 + (i % 20) * 10, tokens_in: 200 + i })));
    h.clock.set(new Date(t0.getTime() - DAY));
    const personal = JSON.stringify({ sensitivity: 'confidential', categories: ['personal'] });
    await h.record(Array.from({ length: 100 }, (_, i) => ({ use_case_id: underwriting, latency_ms: 2000 + (i % 20) * 10, tokens_in: 200 + i, data_classes: personal })));
    h.clock.set(t0);
    const drift = (await h.api('GET', `/api/v1/use-cases/${underwriting}/drift`, h.acme.headers.viewer)).json();
    const bySignal = new Map(drift.signals.map((s: { signal: string; report: unknown }) => [s.signal, s.report]));
    expect(bySignal.get('latency')).toMatchObject({ level: 'critical', referenceSize: 30, currentSize: 30, ks: { statistic: expect.any(Number) } });
    expect(bySignal.get('input_tokens')).toMatchObject({ level: 'none' });
    expect(bySignal.get('data_class')).toMatchObject({ level: 'critical' });
    expect(drift.windowMs).toBe(7 * DAY);
  });

  it('rolls scorecards up per value stream and for the portfolio, from rollups, monitors and the outcome', async () => {
    await h.api('POST', '/api/v1/observations', h.acme.headers.builder, { observations: [{ metric: `outcome.${claims}`, useCaseId: claims, at: t0.toISOString(), value: 85, unit: 'percent', idempotencyKey: 'outcome-1' }] });
    await h.tick();
    await h.tick();
    const cards = (await h.api('GET', '/api/v1/scorecards', h.acme.headers.executive)).json();
    const card = cards.useCases.find((c: { useCaseId: string }) => c.useCaseId === claims);
    expect(card.figures).toMatchObject({ requests: 20, errorRate: 0.1, escalationRate: 0.2, satisfaction: 3 });
    expect(card.outcome).toMatchObject({ baseline: 100, target: 70, current: 85, progress: 0.5, status: 'on_track' });
    expect(card.status.operationalHealth).toBe('off_track'); // 10% errors breach the high pack's 5%
    expect(cards.valueStreams).toHaveLength(2);
    expect(cards.overall).toMatchObject({ groupId: 'portfolio', useCases: 2 });
    const one = (await h.api('GET', `/api/v1/scorecards?valueStreamId=${h.acme.valueStreamId}`, h.acme.headers.viewer)).json();
    expect(one.useCases.map((c: { useCaseId: string }) => c.useCaseId)).toEqual([claims]);
    expect((await h.api('GET', `/api/v1/scorecards?useCaseId=${claims}`, h.globex.headers.platform_admin)).statusCode).toBe(404);
  });

  it('lists metrics due for review on their cadence and records the acknowledgement', async () => {
    h.clock.advance(DAY + 60_000);
    const due = (await h.api('GET', '/api/v1/metric-reviews?owner=platform%20team', h.acme.headers.executive)).json().items;
    expect(due.map((d: { metricKey: string }) => d.metricKey)).toContain('gateway.error_rate');
    const ack = await h.api('POST', '/api/v1/metrics/gateway.error_rate/reviews', h.acme.headers.business_owner, { comment: 'Error rate back under 1% after failover' });
    expect(ack.statusCode).toBe(201);
    const after = (await h.api('GET', '/api/v1/metric-reviews', h.acme.headers.executive)).json().items;
    expect(after.map((d: { metricKey: string }) => d.metricKey)).not.toContain('gateway.error_rate');
    const entry = (await h.api('GET', '/api/v1/ledger?action=metric.review', h.acme.headers.risk_reviewer)).json().items[0];
    expect(entry).toMatchObject({ subject: { id: 'gateway.error_rate' }, after: { comment: { sha256: expect.any(String) } } });
    expect((await h.api('POST', '/api/v1/metrics/gateway.error_rate/reviews', h.acme.headers.viewer, { comment: 'x' })).statusCode).toBe(403);
  });

  it('adds whole months from the month counters and the stretches around them from rollup rows', async () => {
    const back = h.clock.now();
    const monthsTeam = (await h.charter.services.auth.createTeam(h.charter.kernel.db, h.acme.id, 'Financial reporting')).id;
    const useCaseId = await h.useCase('minimal', { title: 'Quarterly reporting', teamId: monthsTeam });
    for (const [at, n] of [['2025-12-31T23:59:00Z', 1], ['2026-01-15T10:00:00Z', 3], ['2026-02-10T08:30:00Z', 4], ['2026-03-01T00:00:00Z', 2]] as const) {
      h.clock.set(at);
      await h.record(Array.from({ length: n }, () => ({ use_case_id: useCaseId })));
    }
    h.clock.set(back);
    const months = await h.charter.kernel.db.selectFrom('metric_rollup_months').select(['month', 'requests']).where('use_case_id', '=', useCaseId).orderBy('month').execute();
    expect(months.map((m) => [m.month, Number(m.requests)])).toEqual([['2025-12-01T00:00:00.000Z', 1], ['2026-01-01T00:00:00.000Z', 3], ['2026-02-01T00:00:00.000Z', 4], ['2026-03-01T00:00:00.000Z', 2]]);
    const requests = async (from: string, to: string) =>
      (await h.api('GET', `/api/v1/costs?groupBy=team&from=${from}&to=${to}`, h.acme.headers.viewer)).json().items.find((i: { groupId: string }) => i.groupId === monthsTeam).requests;
    expect(await requests('2025-12-31T00:00:00Z', '2026-03-01T00:00:01Z')).toBe(10);
    expect(await requests('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')).toBe(7);
    expect(await requests('2026-01-20T00:00:00Z', '2026-02-10T08:31:00Z')).toBe(4);
  });

  it('reports adoption by role from verified end users only, and names the likely cause when it is low', async () => {
    const useCaseId = await h.useCase('limited', { title: 'Adjuster assistant', affectedUsers: [{ group: 'adjuster', headcount: 10 }, { group: 'auditor', headcount: 2 }] });
    const user = (id: string, role: string | null, verified: boolean) => ({ use_case_id: useCaseId, end_user_id: id, end_user_role: verified ? role : null, end_user_verified: verified ? 1 : 0, latency_ms: 9_000 });
    await h.record([user('a1', 'adjuster', true), user('a1', 'adjuster', true), user('a2', 'adjuster', true), user('x', 'adjuster', false), user('q1', 'auditor', true)]);
    const adoption = (await h.api('GET', `/api/v1/use-cases/${useCaseId}/gateway-adoption?days=7`, h.acme.headers.change_lead)).json();
    expect(adoption).toMatchObject({ activeEndUsers: 4, unverifiedUsers: 1, roles: [{ role: 'adjuster', activeUsers: 2, affectedUsers: 10, rate: 0.2 }, { role: 'auditor', activeUsers: 1, affectedUsers: 2, rate: 0.5 }] });
    expect(adoption.diagnoses[0]).toMatchObject({ role: 'adjuster', low: true, cause: 'performance' });
    expect(adoption.diagnoses[1]).toMatchObject({ role: 'auditor', low: false });
  });
});
