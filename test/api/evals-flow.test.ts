import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { walkGoverned } from '../support/governance.js';
import { type Harness, startHarness } from '../support/harness.js';
import { client, createDataset, type EvalFixture, evalFixture, finished, ticketsJsonl } from './evals-fixtures.js';

describeEachDb('from dataset to production traffic, through the release gate', (db) => {
  let h: Harness;
  let call: ReturnType<typeof client>;
  let fx: EvalFixture;
  let datasetId: string;
  let productionKey: string;

  beforeAll(async () => {
    h = await startHarness(db);
    call = client(h);
    fx = await evalFixture(h, h.acme, 'limited', 'Ticket routing in production');
    datasetId = await createDataset(h, h.acme, 'routing-regression-set', ticketsJsonl(120), fx.useCaseId);
    await walkGoverned(h, h.acme, fx.useCaseId, 'pilot');
    productionKey = (await call('POST', `/api/v1/use-cases/${fx.useCaseId}/keys`, h.acme.headers.builder, { environment: 'production', name: 'service desk' })).json().key;
  });
  afterAll(async () => h?.close());

  const activate = (releaseId: string) => call('POST', `/api/v1/releases/${releaseId}/activate`, h.acme.headers.builder, { environment: 'production' });
  const answeringRelease = async (model: string) => {
    const res = await call('POST', '/v1/chat/completions', { authorization: `Bearer ${productionKey}` }, { model, messages: [{ role: 'user', content: 'Ticket: I was charged twice' }] });
    expect(res.statusCode).toBe(200);
    return res.headers['x-charter-release'];
  };

  /** Evaluates on the dataset, red-teams, and has the business owner sign off; returns the gate decision. */
  async function gate(releaseId: string) {
    const run = await call('POST', `/api/v1/releases/${releaseId}/eval-runs`, h.acme.headers.builder, { datasetId, useCaseId: fx.useCaseId });
    const redTeam = await call('POST', `/api/v1/releases/${releaseId}/red-team-runs`, h.acme.headers.builder, {});
    expect((await finished(h, h.acme, run.json().id)).progress.status).toBe('completed');
    expect((await finished(h, h.acme, redTeam.json().id)).progress.status).toBe('completed');
    expect((await call('POST', `/api/v1/releases/${releaseId}/sign-offs`, h.acme.headers.business_owner, { note: 'ok for production' })).statusCode).toBe(201);
    return { run: (await call('GET', `/api/v1/eval-runs/${run.json().id}`, h.acme.headers.viewer)).json(), decision: (await call('POST', `/api/v1/releases/${releaseId}/gate`, h.acme.headers.risk_reviewer)).json() };
  }

  it('refuses production traffic and the production stage to a release without a passed gate, and allows them after', async () => {
    const first = await fx.release('v1: sim-a, prompt v1', await fx.endpoint('sim-a', { accuracy: 0.95 }));
    const refused = await activate(first);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('no release gate has been decided');
    expect((await call('POST', `/api/v1/releases/${first}/activate`, h.acme.headers.builder, { environment: 'pilot' })).statusCode).toBe(200);
    const early = await call('POST', `/api/v1/use-cases/${fx.useCaseId}/transitions`, h.acme.headers.builder, { to: 'production' });
    expect(early.statusCode).toBe(409);
    expect(early.json().problems).toEqual(expect.arrayContaining([expect.objectContaining({ guard: 'release_gate', code: 'no-production-release' })]));

    const { decision } = await gate(first);
    expect(decision.passed).toBe(true);
    expect((await activate(first)).json()).toMatchObject({ activeReleaseId: first });
    await walkGoverned(h, h.acme, fx.useCaseId, 'production');
    expect((await call('GET', `/api/v1/use-cases/${fx.useCaseId}`, h.acme.headers.viewer)).json().stage).toBe('production');
    expect(await answeringRelease('sim-a')).toBe(first);
  });

  it('keeps a regressing release out of production, even as a canary', async () => {
    const worse = await fx.release('v2: sim-weak', await fx.endpoint('sim-weak', { accuracy: 0.4 }));
    const { run, decision } = await gate(worse);
    expect(run.summary.comparison).toMatchObject({ baselineReleaseId: expect.any(String), metrics: { f1: { significantRegression: true } } });
    expect(decision.passed).toBe(false);
    expect(decision.criteria.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id)).toEqual(['metric:f1', 'regression:f1']);
    const canary = await call('POST', `/api/v1/use-cases/${fx.useCaseId}/canary`, h.acme.headers.builder, { environment: 'production', releaseId: worse, weight: 10 });
    expect(canary.statusCode).toBe(409);
    expect(canary.json().detail).toContain('did not pass');
    expect((await activate(worse)).statusCode).toBe(409);
  });

  it('promotes a better release that passed its gate, sends traffic to it, and rolls back in one action', async () => {
    const better = await fx.release('v3: sim-b', await fx.endpoint('sim-b', { accuracy: 1 }));
    const { decision } = await gate(better);
    expect(decision.passed).toBe(true);
    expect(decision.criteria.find((c: { id: string }) => c.id === 'regression:f1')).toMatchObject({ status: 'pass', reason: expect.stringContaining('no regression') });
    const canary = await call('POST', `/api/v1/use-cases/${fx.useCaseId}/canary`, h.acme.headers.builder, { environment: 'production', releaseId: better, weight: 10 });
    expect(canary.statusCode).toBe(200);
    const promoted = (await activate(better)).json();
    expect(promoted).toMatchObject({ activeReleaseId: better, canaryReleaseId: null });
    expect(await answeringRelease('sim-b')).toBe(better);

    const back = await call('POST', `/api/v1/use-cases/${fx.useCaseId}/rollback`, h.acme.headers.builder, { environment: 'production', reason: 'complaints from the service desk' });
    expect(back.json()).toMatchObject({ activeReleaseId: promoted.previousReleaseId });
    expect(await answeringRelease('sim-a')).toBe(promoted.previousReleaseId);
  });
});
