import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { DEMO_PEOPLE, DEMO_TENANT } from '../../src/seed/cast.js';
import { seedDemo } from '../../src/seed/demo.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

type Json = Record<string, any>;

/** The Northwind demo as `npm start` seeds it: every figure below was earned through the services, not written. */
describeEachDb('the demo tenant tells a true story', (db) => {
  let h: Harness;
  let as: Record<string, string>;
  const get = async (url: string) => {
    const res = await h.inject({ method: 'GET', url, headers: { authorization: as.authorization } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as Json;
  };

  beforeAll(async () => {
    h = await startHarness(db);
    await seedDemo(h.charter, h.charter.http);
    const tenantId = (await h.charter.kernel.db.selectFrom('tenants').select('id').where('slug', '=', DEMO_TENANT).executeTakeFirstOrThrow()).id;
    const eve = DEMO_PEOPLE.find((p) => p.email.startsWith('eve.exec'))!;
    const user = await h.charter.kernel.db.selectFrom('users').select(['id', 'name']).where('email', '=', eve.email).executeTakeFirstOrThrow();
    const token = await h.charter.services.auth.createToken({ tenantId, kind: 'user', id: user.id, name: user.name, roles: eve.roles as Role[] }, { name: 'test' });
    as = { authorization: `Bearer ${token.token}` };
    // The test clock stands still, so the seeded calls sit at the very end of every window; a minute later the monitors read them.
    h.clock.advance(60_000);
    await h.charter.kernel.scheduler.tick();
  }, 120_000);
  afterAll(async () => h?.close());

  it('puts three use cases in production, each through a release gate that passed', async () => {
    const production = (await get('/api/v1/use-cases?stage=production&limit=50')).items as Json[];
    expect(production.map((u) => u.title).sort()).toEqual(['Claims triage assistant', 'Code review assistant', 'Support reply drafting']);
    for (const uc of production) {
      const { slots } = await get(`/api/v1/use-cases/${uc.id}/releases`);
      const active = slots.find((s: Json) => s.environment === 'production').activeReleaseId;
      const decisions = (await get(`/api/v1/releases/${active}/gate-decisions`)).items as Json[];
      expect(decisions[0], uc.title).toMatchObject({ passed: true, tier: uc.riskTier });
    }
  });

  it("shows scorecards from the gateway's traffic, the evaluations and the owners' readings", async () => {
    const cards = (await get('/api/v1/scorecards')).useCases as Json[];
    const claims = cards.find((c) => c.title === 'Claims triage assistant')!;
    expect(claims.status).toMatchObject({ outcome: 'on_track', modelQuality: 'on_track', operationalHealth: 'on_track' });
    expect(claims.outcome).toMatchObject({ baseline: 42, target: 29.4, current: 34.6 });
    expect(claims.figures.requests).toBe(24);
    const costs = (await get('/api/v1/costs?groupBy=valueStream')).items as Json[];
    expect(costs.find((c) => c.name === 'Claims')).toMatchObject({ requests: 24, costUsd: expect.any(Number) });
  });

  it('keeps the incident on the support assistant with its timeline and post-incident review', async () => {
    const [incident] = (await get('/api/v1/incidents')).items as Json[];
    expect(incident).toMatchObject({ title: 'Drafts quoted the withdrawn 2025 refund policy', status: 'reviewed', review: { rootCause: expect.stringContaining('re-indexed by hand') } });
    expect(incident.timeline.map((e: Json) => e.kind)).toEqual(['opened', 'note', 'status', 'status', 'status', 'review']);
  });

  it("attributes the claims handlers' calls to their audience through verified end-user tokens, and names why adoption is low", async () => {
    const claims = ((await get('/api/v1/use-cases?q=claims%20triage')).items as Json[])[0];
    const { audiences } = await get(`/api/v1/use-cases/${claims.id}/adoption?days=30`);
    const leeds = (audiences as Json[]).find((a) => a.group === 'Claims handlers — Leeds')!;
    expect(leeds).toMatchObject({ gatewayRole: 'claims_handler', headcount: 12, activeUsers: 3, calls: 24, adoptionRate: 0.25, diagnosis: { low: true, cause: 'training' } });
  });

  it('holds the people who approve and ask for keys to the skill paths their packs name', async () => {
    const coverage = await get('/api/v1/skilling/coverage');
    expect(coverage.overall.people).toBeGreaterThan(20);
    expect(coverage.overall.covered).toBeGreaterThan(0);
  });
});
