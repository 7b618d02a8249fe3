import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { describeEachDb } from '../support/databases.js';
import { screenedUseCase } from '../support/governance.js';
import { type Harness, startHarness } from '../support/harness.js';

type Json = Record<string, any>;

describeEachDb('policy packs over HTTP', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: unknown, headers: Record<string, string> = {}) =>
    h.inject({ method, url, headers: { ...h.acme.headers[role], ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const fork = async (body: object) => (await call('POST', '/api/v1/policy-packs', 'risk_reviewer', body)).json();
  const move = (id: string, to: string) => call('POST', `/api/v1/use-cases/${id}/transitions`, 'business_owner', { to });

  it('forks a draft from the shipped default, refuses invalid CEL with its position, publishes it immutable, and diffs it', async () => {
    const defaults = (await call('GET', '/api/v1/policy-packs/defaults', 'viewer')).json().items as Json[];
    expect(defaults.map((d) => d.ref)).toEqual(['prohibited@default', 'critical@default', 'high@default', 'limited@default', 'minimal@default']);
    expect((await call('POST', '/api/v1/policy-packs', 'builder', { tier: 'high' })).statusCode).toBe(403);
    const forked = await call('POST', '/api/v1/policy-packs', 'risk_reviewer', { tier: 'high' });
    expect(forked.statusCode).toBe(201);
    const draft = forked.json();
    expect(draft).toMatchObject({ tier: 'high', status: 'draft', packVersion: null, ref: null, basedOn: 'high@default', contentHash: defaults[2].contentHash });

    const pack = structuredClone(draft.pack);
    pack.runtime.rules[0].expression = 'useCase.tier == 3';
    pack.controls.nist.push('GOVERN 9.9');
    const invalid = await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', pack);
    expect(invalid.statusCode).toBe(400);
    const errors = invalid.json().errors as Json[];
    expect(errors.map((e) => e.path)).toContain('body.controls.nist[55]');
    const fresh = structuredClone(draft.pack);
    fresh.runtime.rules[0].expression = 'useCase.tier == 3';
    const cel = (await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', fresh)).json();
    expect(cel.errors).toEqual([expect.objectContaining({ path: 'body.runtime.rules[0].expression', line: 1, column: expect.any(Number), message: expect.stringMatching(/\(line 1, column \d+\)/) })]);
    expect((await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', { ...draft.pack, tier: 'limited' })).json().errors[0].path).toBe('body.tier');

    const edited = structuredClone(draft.pack);
    edited.approvals[0] = { from: 'triage', to: 'assessed', roles: ['risk_reviewer', 'executive'], dueDays: 3 };
    edited.runtime.rules.push({ id: 'no-night-batch', expression: 'request.metadata["batch"] == "night"', effect: 'deny', message: 'No night batches.' });
    expect((await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', edited, { 'if-match': '"v9"' })).statusCode).toBe(412);
    const saved = await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', edited, { 'if-match': '"v1"' });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"v2"');

    const published = await call('POST', `/api/v1/policy-packs/${draft.id}/publish`, 'risk_reviewer', undefined, { 'if-match': '"v2"' });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', packVersion: 1, ref: 'high@1', publishedBy: h.acme.actors.risk_reviewer.id });
    const changed = await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', draft.pack);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toContain('never changes');
    expect((await call('POST', `/api/v1/policy-packs/${draft.id}/publish`, 'risk_reviewer')).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/policy-packs/${draft.id}/discard`, 'risk_reviewer')).statusCode).toBe(409);

    const diff = (await call('GET', `/api/v1/policy-packs/${draft.id}/diff`, 'viewer')).json();
    expect(diff.from).toBe('high@default');
    expect(diff.to).toBe('high@1');
    expect(diff.changes).toEqual(expect.arrayContaining([
      { path: 'approvals[triage->assessed].roles', kind: 'added', after: 'executive' },
      { path: 'approvals[triage->assessed].dueDays', kind: 'changed', before: 5, after: 3 },
      expect.objectContaining({ path: 'runtime.rules[no-night-batch]', kind: 'added' }),
    ]));
    expect((await call('GET', `/api/v1/policy-packs/${draft.id}/diff?against=high@1`, 'viewer')).json().changes).toEqual([]);
    expect((await call('GET', `/api/v1/policy-packs/${draft.id}/diff?against=high@7`, 'viewer')).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/policy-packs/current', 'viewer')).json().items).toContainEqual({ tier: 'high', ref: 'high@1' });
    const ledger = (await call('GET', `/api/v1/ledger?subjectId=${draft.id}`, 'risk_reviewer')).json().items.map((e: Json) => e.action);
    expect(ledger).toEqual(['policy.publish', 'policy.edit', 'policy.fork']);
  });

  it('refuses a draft that would let use cases into pilot without stating their readiness, naming the fields', async () => {
    const draft = await fork({ tier: 'minimal' });
    const pack = structuredClone(draft.pack);
    pack.readiness = [{ item: 'dataSources', before: 'production', minimum: 1 }];
    const refused = await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', pack);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors.map((e: Json) => e.path)).toEqual(['body.readiness[0].before', 'body.readiness', 'body.readiness']);
    expect(refused.json().errors[1].message).toContain('humanOversight is missing');
    const imported = await h.inject({ method: 'POST', url: '/api/v1/policy-packs/import', headers: { ...h.acme.headers.risk_reviewer, 'content-type': 'application/json' }, payload: { ...pack, readiness: [] } });
    expect(imported.json().errors.map((e: Json) => e.path)).toEqual(['body.readiness', 'body.readiness', 'body.readiness']);
  });

  it('governs each use case by its recorded pack version until it is re-screened or re-bound', async () => {
    const before = await screenedUseCase(h, h.acme, 'limited');
    const draft = await fork({ tier: 'limited' });
    const pack = structuredClone(draft.pack);
    pack.approvals.unshift({ from: 'triage', to: 'assessed', roles: ['risk_reviewer'], dueDays: 4 });
    await call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', pack);
    await call('POST', `/api/v1/policy-packs/${draft.id}/publish`, 'risk_reviewer');
    const after = await screenedUseCase(h, h.acme, 'limited');
    expect([before.policyPackVersion, after.policyPackVersion]).toEqual(['limited@default', 'limited@1']);

    for (const uc of [before, after]) await move(uc.id, 'triage');
    expect((await move(before.id, 'assessed')).statusCode).toBe(200);
    const held = await move(after.id, 'assessed');
    expect(held.statusCode).toBe(409);
    expect(held.json().problems[0]).toMatchObject({ guard: 'approvals', code: 'approval-requested', message: expect.stringContaining('due 2026-03-06') });

    expect((await call('POST', `/api/v1/use-cases/${before.id}/policy-binding`, 'builder')).statusCode).toBe(403);
    const rebound = await call('POST', `/api/v1/use-cases/${before.id}/policy-binding`, 'risk_reviewer');
    expect(rebound.json()).toMatchObject({ policyPackVersion: 'limited@1', riskTier: 'limited' });
    const [entry] = (await call('GET', `/api/v1/ledger?subjectId=${before.id}&action=policy.bind`, 'risk_reviewer')).json().items;
    expect(entry).toMatchObject({ before: { policyPackVersion: 'limited@default' }, after: { policyPackVersion: 'limited@1' } });
  });

  it('exports a version as a file and imports it back as a draft, reporting a broken file by line', async () => {
    const draft = await fork({ tier: 'minimal' });
    const yaml = await call('GET', `/api/v1/policy-packs/${draft.id}/file`, 'viewer');
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(yaml.headers['content-disposition']).toContain(`minimal@draft-${draft.id}.yaml`);
    expect(yaml.body).toContain('schemaVersion: 1');
    for (const type of ['text/plain', 'application/yaml']) {
      const imported = await h.inject({ method: 'POST', url: '/api/v1/policy-packs/import', headers: { ...h.acme.headers.risk_reviewer, 'content-type': type }, payload: yaml.body });
      expect(imported.statusCode).toBe(201);
      expect(imported.json()).toMatchObject({ tier: 'minimal', status: 'draft', contentHash: draft.contentHash, basedOn: 'minimal@default' });
    }
    const json = await call('GET', `/api/v1/policy-packs/${draft.id}/file?format=json`, 'viewer');
    expect((await call('POST', '/api/v1/policy-packs/import', 'risk_reviewer', JSON.parse(json.body))).json().contentHash).toBe(draft.contentHash);
    const broken = await h.inject({ method: 'POST', url: '/api/v1/policy-packs/import', headers: { ...h.acme.headers.risk_reviewer, 'content-type': 'text/plain' }, payload: `${yaml.body}\n  bad: [unclosed\n` });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].message).toMatch(/line \d+, column \d+/);
  });

  it('refuses to publish a draft started before another version of its tier was published', async () => {
    const first = await fork({ tier: 'critical' });
    const second = await fork({ tier: 'critical' });
    expect((await call('POST', `/api/v1/policy-packs/${first.id}/publish`, 'risk_reviewer')).json().ref).toBe('critical@1');
    const stale = await call('POST', `/api/v1/policy-packs/${second.id}/publish`, 'risk_reviewer');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toBe('critical@1');
    const refork = await fork({ sourceId: first.id });
    expect(refork).toMatchObject({ basedOn: 'critical@1', supersedes: 'critical@1' });
    expect((await call('POST', `/api/v1/policy-packs/${refork.id}/publish`, 'risk_reviewer')).json().ref).toBe('critical@2');
    expect((await call('POST', `/api/v1/policy-packs/${second.id}/discard`, 'risk_reviewer')).json().status).toBe('discarded');
    const listed = (await call('GET', '/api/v1/policy-packs?tier=critical', 'viewer')).json().items.map((p: Json) => p.ref ?? p.status);
    expect(listed).toEqual(['critical@2', 'critical@1', 'discarded']);
    expect((await call('POST', '/api/v1/policy-packs', 'risk_reviewer', { sourceId: second.id })).json().errors[0].path).toBe('body.sourceId');
  });
});
