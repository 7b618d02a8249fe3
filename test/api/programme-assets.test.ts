import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type PeopleHarness, startPeople } from './people-harness.js';

describeEachDb('reusable assets: a versioned library with owners, reuse per use case, and recognition', (db) => {
  let h: PeopleHarness;
  beforeAll(async () => {
    h = await startPeople(db);
  });
  afterAll(async () => h?.close());

  const asset = (name: string, kind = 'prompt_template', headers = h.acme.headers.builder) =>
    h.api('POST', '/api/v1/assets', headers, { kind, name, description: `${name}, ready to reuse`, firstVersion: { location: `https://git.example/patterns/${encodeURIComponent(name)}`, changeNote: 'first version' } });

  it('versions an asset by its owner, and accepts it into the library by a programme manager', async () => {
    const created = await asset('Claims triage system prompt');
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ status: 'proposed', latestVersion: 1, owner: { id: h.acme.actors.builder.id }, reuseCount: 0, versions: [{ number: 1 }] });
    expect((await asset('Claims triage system prompt')).statusCode).toBe(409);
    expect((await h.api('POST', '/api/v1/assets', h.acme.headers.builder, { kind: 'training_kit', name: 'Kit', description: 'x', ownerId: h.globex.actors.builder.id, firstVersion: { location: 'x', changeNote: 'y' } })).json().errors[0].path).toBe('body.ownerId');

    const version = (headers: Record<string, string>) => h.api('POST', `/api/v1/assets/${a.id}/versions`, headers, { location: 'https://git.example/patterns/claims-v2', changeNote: 'adds the low-confidence rule' });
    expect((await version(h.acme.headers.business_owner)).statusCode).toBe(403);
    const v2 = await version(h.acme.headers.builder);
    expect(v2.json()).toMatchObject({ latestVersion: 2, versions: [{ number: 2 }, { number: 1 }] });
    expect((await h.api('POST', `/api/v1/assets/${a.id}/decision`, h.acme.headers.builder, { decision: 'accept', note: 'ok' })).statusCode).toBe(403);
    const accepted = await h.api('POST', `/api/v1/assets/${a.id}/decision`, { ...h.acme.headers.executive, 'if-match': v2.headers.etag as string }, { decision: 'accept', note: 'approved pattern' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedAt: h.clock.now().toISOString() });
  });

  it('records reuse once per use case, counts it per asset and as a portfolio metric', async () => {
    const prompt = (await h.ok('GET', '/api/v1/assets?kind=prompt_template', h.acme.headers.viewer)).items[0];
    const kit = (await asset('AI literacy training kit', 'training_kit', h.acme.headers.change_lead)).json();
    const pilot = await h.useCase('limited', 'pilot');
    const production = await h.useCase('limited', 'production', { title: 'Support reply drafting' });
    await h.useCase('limited', 'build', { title: 'Reconciliation explainer' });
    await h.useCase(null, 'intake', { title: 'Accrual estimates' });
    const reuse = (useCaseId: string, body: Record<string, unknown>) => h.api('POST', `/api/v1/use-cases/${useCaseId}/asset-reuses`, h.acme.headers.builder, body);
    expect((await reuse(pilot, { assetId: prompt.id })).json()).toMatchObject({ assetId: prompt.id, versionNumber: 2, useCaseId: pilot });
    expect((await reuse(pilot, { assetId: prompt.id })).statusCode).toBe(409);
    expect((await reuse(production, { assetId: prompt.id, versionNumber: 1 })).json().versionNumber).toBe(1);
    expect((await reuse(production, { assetId: kit.id, versionNumber: 3 })).json().errors[0].path).toBe('body.versionNumber');
    expect((await reuse(production, { assetId: kit.id })).statusCode).toBe(201);
    expect((await reuse(production, { assetId: 'ast_missing' })).json().errors[0].path).toBe('body.assetId');

    expect((await h.ok('GET', `/api/v1/assets/${prompt.id}`, h.acme.headers.viewer)).reuseCount).toBe(2);
    expect((await h.ok('GET', `/api/v1/use-cases/${production}/asset-reuses`, h.acme.headers.viewer)).items).toHaveLength(2);
    const summary = await h.ok('GET', '/api/v1/programme/reuse', h.acme.headers.viewer);
    expect(summary).toMatchObject({ assets: 2, accepted: 1, reuses: 3, liveUseCases: 3, liveUseCasesReusing: 2 });
    expect(summary.reuseRate).toBeCloseTo(2 / 3);
    expect(summary.mostReused[0]).toMatchObject({ id: prompt.id, reuseCount: 2 });
    expect(summary.byKind.find((k: { kind: string }) => k.kind === 'training_kit')).toEqual({ kind: 'training_kit', assets: 1, reuses: 1 });

    await h.ok('POST', `/api/v1/assets/${kit.id}/decision`, h.acme.headers.executive, { decision: 'retire', note: 'replaced' });
    expect((await reuse(pilot, { assetId: kit.id })).statusCode).toBe(409);
  });

  it('counts contributions per person and team: labs signed off, reuses of their assets, their accepted patterns', async () => {
    const team = await h.charter.services.auth.createTeam(h.charter.kernel.db, h.acme.id, 'AI Platform');
    const builder = await h.ok('POST', '/api/v1/people', h.acme.headers.change_lead, { userId: h.acme.actors.builder.id, skillRole: 'builder', teamId: team.id });
    const items = await h.itemIds(h.acme.headers.viewer);
    const useCaseId = await h.useCase('limited', 'build', { title: 'Code review assistant' });
    const lab = await h.ok('POST', `/api/v1/people/${builder.id}/lab-attempts`, h.acme.headers.builder, { labId: items['lab-build-a-prototype'], useCaseId, evidence: { summary: 'Prototype on two repositories.' } });
    await h.ok('POST', `/api/v1/lab-attempts/${lab.id}/sign-off`, h.acme.headers.business_owner, { decision: 'sign_off', note: 'Seen working.' });

    const recognition = await h.ok('GET', '/api/v1/recognition', h.acme.headers.viewer);
    expect(recognition.people[0]).toMatchObject({ personId: builder.id, userId: h.acme.actors.builder.id, team: 'AI Platform', labsCompleted: 1, assetReuses: 2, acceptedPatterns: 1, total: 4 });
    expect(recognition.people.find((p: { userId: string }) => p.userId === h.acme.actors.change_lead.id)).toMatchObject({ personId: null, assetReuses: 1, acceptedPatterns: 0 });
    expect(recognition.teams[0]).toMatchObject({ team: 'AI Platform', contributors: 1, total: 4 });
    expect((await h.ok('GET', '/api/v1/recognition?days=1', h.acme.headers.viewer)).since).not.toBeNull();
  });
});
