import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

describeEachDb('teams over HTTP', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const addTeam = (headers: Record<string, string>, payload: unknown) => h.inject({ method: 'POST', url: '/api/v1/teams', headers, payload: payload as object });
  const teams = async (headers: Record<string, string>) => (await h.inject({ method: 'GET', url: '/api/v1/teams', headers })).json().items;

  it('lets a platform admin add a team, ledgered, and refuses a name the tenant has in any case', async () => {
    const added = await addTeam(h.acme.headers.platform_admin, { name: 'Claims operations' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Claims operations', members: 0, useCases: 0 });
    const again = await addTeam(h.acme.headers.platform_admin, { name: 'claims OPERATIONS' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().errors).toEqual([{ path: 'body.name', message: 'a team with this name exists' }]);
    const entries = (await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${added.json().id}`, headers: h.acme.headers.risk_reviewer })).json().items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['team.create']);
  });

  it('refuses a bad name and people who may not add teams, adding nothing', async () => {
    expect((await addTeam(h.acme.headers.platform_admin, { name: 'x' })).statusCode).toBe(400);
    expect((await addTeam(h.acme.headers.platform_admin, { name: 'Finance', colour: 'blue' })).statusCode).toBe(400);
    expect((await addTeam(h.acme.headers.executive, { name: 'Finance' })).statusCode).toBe(403);
    expect((await teams(h.acme.headers.viewer)).map((t: { name: string }) => t.name)).toEqual(['Claims operations']);
  });

  it('counts each team’s use cases, and keeps teams to their tenant', async () => {
    const [team] = await teams(h.acme.headers.viewer);
    const created = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: h.acme.headers.business_owner, payload: useCaseBody(h.acme.valueStreamId, { teamId: team.id }) });
    expect(created.statusCode).toBe(201);
    expect((await teams(h.acme.headers.viewer))[0]).toMatchObject({ name: 'Claims operations', useCases: 1 });
    expect(await teams(h.globex.headers.viewer)).toEqual([]);
    const foreign = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: h.globex.headers.business_owner, payload: useCaseBody(h.globex.valueStreamId, { teamId: team.id }) });
    expect(foreign.statusCode).toBe(400);
  });
});
