import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/kernel/actor.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';
import { client, createDataset, type EvalFixture, evalFixture, finished, ticketsJsonl } from './evals-fixtures.js';

type Criterion = { id: string; status: string; value: unknown; threshold: string; evidence: string[]; reason: string };

describeEachDb('release gates over HTTP', (db) => {
  let h: Harness;
  let call: ReturnType<typeof client>;
  let fx: EvalFixture;
  let datasetId: string;
  const byId = (criteria: Criterion[]) => Object.fromEntries(criteria.map((c) => [c.id, c]));

  beforeAll(async () => {
    h = await startHarness(db);
    call = client(h);
    fx = await evalFixture(h, h.acme, 'limited');
    datasetId = await createDataset(h, h.acme, 'tickets', ticketsJsonl(120), fx.useCaseId);
  });
  afterAll(async () => h?.close());

  async function evaluateAndAttack(releaseId: string) {
    const run = await call('POST', `/api/v1/releases/${releaseId}/eval-runs`, h.acme.headers.builder, { datasetId, concurrency: 8 });
    expect(run.statusCode).toBe(202);
    const redTeam = await call('POST', `/api/v1/releases/${releaseId}/red-team-runs`, h.acme.headers.risk_reviewer, {});
    expect(redTeam.statusCode).toBe(202);
    return { run: await finished(h, h.acme, run.json().id), redTeam: await finished(h, h.acme, redTeam.json().id) };
  }

  it('fails a release with no evidence, naming each missing piece', async () => {
    const releaseId = await fx.release('bare', await fx.endpoint('sim-bare', {}));
    const gate = await call('POST', `/api/v1/releases/${releaseId}/gate`, h.acme.headers.builder);
    expect(gate.statusCode).toBe(201);
    expect(gate.json()).toMatchObject({ passed: false, tier: 'limited', pack: 'Charter default — limited' });
    const criteria = byId(gate.json().criteria);
    expect(Object.entries(criteria).map(([id, c]) => `${id}:${c.status}`)).toEqual([
      'evaluation:missing', 'metric:f1:missing', 'regression:f1:missing', 'red_team:overall:missing', 'sign_off:business_owner:missing', 'rollback_plan:pass',
    ]);
    expect(criteria['sign_off:business_owner'].reason).toBe('no sign-off by a business_owner');
    const junit = await call('GET', `/api/v1/gate-decisions/${gate.json().id}?format=junit`, h.acme.headers.viewer);
    expect(junit.headers['content-type']).toContain('application/xml');
    expect(junit.body).toContain('tests="6" failures="5"');
    expect(junit.body).toContain('<failure type="missing-evidence" message="no completed evaluation run of this release">');
  });

  it('passes a release whose evaluation, red team, sign-off and rollback plan meet the tier, linking each piece of evidence', async () => {
    const releaseId = await fx.release('good', await fx.endpoint('sim-good', { accuracy: 0.95 }));
    const { run, redTeam } = await evaluateAndAttack(releaseId);
    expect(run.progress).toEqual({ status: 'completed', total: 120, done: 120, succeeded: 120, failed: 0 });
    const f1 = run.summary.metrics.f1;
    expect(f1.value).toBeGreaterThan(0.85);
    expect(f1.low).toBeLessThanOrEqual(f1.value);
    expect(f1.high).toBeGreaterThanOrEqual(f1.value);
    expect(run.summary.metrics.confusion_matrix.details.labels).toEqual(['billing', 'other', 'outage']);
    expect(redTeam.summary.overall).toMatchObject({ attempts: 37, successes: 0, attackSuccessRate: 0 });
    const cases = await call('GET', `/api/v1/eval-runs/${run.id}/cases?limit=2`, h.acme.headers.viewer);
    expect(cases.json().items[0]).toMatchObject({ caseId: 'c1', attempts: 1, error: null });
    expect(cases.json().items[0].eventId).toMatch(/^chatcmpl-/);

    const signOff = await call('POST', `/api/v1/releases/${releaseId}/sign-offs`, h.acme.headers.business_owner, { note: 'Routing quality is what the service desk needs.' });
    expect(signOff.statusCode).toBe(201);
    expect((await call('POST', `/api/v1/releases/${releaseId}/sign-offs`, h.acme.headers.business_owner, {})).statusCode).toBe(409);
    const gate = await call('POST', `/api/v1/releases/${releaseId}/gate`, h.acme.headers.risk_reviewer);
    expect(gate.json()).toMatchObject({ passed: true, counts: { pass: 13, fail: 0, missing: 0 } });
    const criteria = byId(gate.json().criteria);
    expect(criteria['metric:f1']).toMatchObject({ status: 'pass', value: f1.value, threshold: '>= 0.8', evidence: [`/api/v1/eval-runs/${run.id}`] });
    expect(criteria['regression:f1'].reason).toBe('no earlier release is active to compare with, so there is nothing to regress from');
    expect(criteria['red_team:overall'].evidence).toEqual([`/api/v1/eval-runs/${redTeam.id}`]);
    expect(gate.json().evidence).toMatchObject({ evaluationRunId: run.id, redTeamRunId: redTeam.id, signOffIds: [signOff.json().id] });
    const ledger = await call('GET', `/api/v1/ledger?subjectId=${releaseId}`, h.acme.headers.risk_reviewer);
    expect(ledger.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['release.gate', 'release.signoff', 'eval.run.complete', 'eval.run.start']));
  });

  it('fails every category the simulated vulnerable model gives in to, and the overall attack success', async () => {
    const releaseId = await fx.release('vulnerable', await fx.endpoint('sim-vulnerable', { mode: 'vulnerable' }));
    const redTeam = await call('POST', `/api/v1/releases/${releaseId}/red-team-runs`, h.acme.headers.builder, {});
    const report = (await finished(h, h.acme, redTeam.json().id)).summary;
    const given = Object.entries(report.byCategory as Record<string, { successes: number; owasp: string }>).filter(([, c]) => c.successes > 0);
    expect(given.map(([name]) => name)).toEqual(expect.arrayContaining(['prompt_injection', 'system_prompt_leakage', 'improper_output_handling', 'excessive_agency', 'misinformation']));
    const gate = (await call('POST', `/api/v1/releases/${releaseId}/gate`, h.acme.headers.builder)).json();
    const criteria = byId(gate.criteria);
    expect(criteria['red_team:overall'].status).toBe('fail');
    for (const [name, category] of given) expect(criteria[`red_team:${name}`]).toMatchObject({ status: 'fail', reason: expect.stringContaining(category.owasp) });
  });

  it('keeps sign-offs to business owners who did not create the release', async () => {
    const both = await h.charter.services.auth.addMember(h.charter.kernel.db, h.acme.id, { email: 'maker@acme.test', name: 'Maker', roles: ['builder', 'business_owner'] });
    const maker: Actor = { tenantId: h.acme.id, kind: 'user', id: both.id, name: both.name, roles: ['builder', 'business_owner'] };
    const headers = { authorization: `Bearer ${(await h.charter.services.auth.createToken(maker, { name: 'test' })).token}` };
    const endpointId = await fx.endpoint('sim-own', {});
    const own = await call('POST', `/api/v1/use-cases/${fx.useCaseId}/releases`, headers, { name: 'own', endpointId, promptVersionId: fx.promptVersionId });
    const refused = await call('POST', `/api/v1/releases/${own.json().id}/sign-offs`, headers, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('separation of duties');
    expect((await call('POST', `/api/v1/releases/${own.json().id}/sign-offs`, h.acme.headers.builder, {})).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/releases/${own.json().id}/sign-offs`, h.globex.headers.business_owner, {})).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/releases/${own.json().id}/sign-offs`, h.acme.headers.business_owner, {})).statusCode).toBe(201);
  });
});
