import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

describeEachDb('portfolio over HTTP', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string>) => h.inject({ method: 'POST', url, payload: payload as object, headers });

  it('admits a use case with a one-sentence outcome and renders it back', async () => {
    const res = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId), h.acme.headers.business_owner);
    expect(res.statusCode).toBe(201);
    const uc = res.json();
    expect(uc.stage).toBe('intake');
    expect(uc.outcome).toMatchObject({ metric: 'claims triage time', direction: 'decrease', baseline: 100, target: 70 });
    expect(uc.outcomeSentence).toBe('Reduce claims triage time by 30%, while preserving human review for high-risk cases.');
    expect(res.headers.etag).toBe('"v1"');
  });

  it('rejects "use AI to help claims teams" naming the metric, target and control it lacks', async () => {
    const res = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { outcome: 'use AI to help claims teams' }), h.acme.headers.business_owner);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.outcome.metric', 'body.outcome.target', 'body.outcome.control']));
  });

  it('rejects unknown fields and wrong types with the offending paths', async () => {
    const res = await post('/api/v1/use-cases', { ...useCaseBody(h.acme.valueStreamId), colour: 'blue', priority: { impact: 'high' } }, h.acme.headers.business_owner);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toMatch(/validation-error$/);
    expect(JSON.stringify(body.errors)).toContain('colour');
  });

  it('rejects malformed JSON and oversized bodies with problem+json', async () => {
    const bad = await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: '{"title":', headers: { ...h.acme.headers.business_owner, 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toMatch(/malformed-json$/);
    const big = await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: JSON.stringify({ title: 'x'.repeat(2_000_000) }), headers: { ...h.acme.headers.business_owner, 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
  });

  it('moves through stages with guards, ledgers each move, and refuses invalid ones', async () => {
    const uc = (await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { title: 'Stage walker' }), h.acme.headers.business_owner)).json();
    const skip = await post(`/api/v1/use-cases/${uc.id}/transitions`, { to: 'production' }, h.acme.headers.business_owner);
    expect(skip.statusCode).toBe(409);
    expect(skip.json().detail).toContain('intake → production is not a transition');
    const ok = await post(`/api/v1/use-cases/${uc.id}/transitions`, { to: 'triage' }, h.acme.headers.business_owner);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('triage');
    const ledger = await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${uc.id}`, headers: h.acme.headers.risk_reviewer });
    expect(ledger.json().items.map((e: { action: string }) => e.action)).toEqual(['usecase.transition', 'usecase.create']);
  });

  it('returns 412 on a stale write and keeps the newer data', async () => {
    const uc = (await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { title: 'Concurrency' }), h.acme.headers.business_owner)).json();
    const first = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, payload: { title: 'First writer' }, headers: { ...h.acme.headers.business_owner, 'if-match': '"v1"' } });
    expect(first.statusCode).toBe(200);
    const stale = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, payload: { title: 'Second writer' }, headers: { ...h.acme.headers.business_owner, 'if-match': '"v1"' } });
    expect(stale.statusCode).toBe(412);
    const now = await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}`, headers: h.acme.headers.viewer });
    expect(now.json().title).toBe('First writer');
  });

  it('ranks by priority score with cursor pagination over every row exactly once', async () => {
    for (let i = 0; i < 7; i++) {
      await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { title: `Ranked ${i}`, priority: { impact: 1 + (i % 5), strategicFit: 3, reach: 3, dataReadiness: 3, complexity: 3, risk: 3 } }), h.acme.headers.business_owner);
    }
    const seen: { id: string; score: number }[] = [];
    let cursor: string | null = null;
    do {
      const res: { json(): any } = await h.inject({ method: "GET", url: `/api/v1/use-cases?q=Ranked&limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers: h.acme.headers.viewer });
      const body: { items: { id: string; priorityScore: { score: number } }[]; nextCursor: string | null } = res.json();
      seen.push(...body.items.map((u: { id: string; priorityScore: { score: number } }) => ({ id: u.id, score: u.priorityScore.score })));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((s) => s.id)).size).toBe(7);
    expect(seen.map((s) => s.score)).toEqual([...seen.map((s) => s.score)].sort((a, b) => b - a));
  });

  it('enforces the permission matrix', async () => {
    const res = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId), h.acme.headers.viewer);
    expect(res.statusCode).toBe(403);
    expect(res.json().permission).toBe('usecase:create');
    const anon = await h.inject({ method: 'GET', url: '/api/v1/use-cases' });
    expect(anon.statusCode).toBe(401);
  });

  describe('inventory import', () => {
    const csv = [
      'title,sponsor,owner_email,value_stream,outcome,data_sensitivity,data_categories,production_readiness',
      'Invoice matching bot,Finance ops,business_owner@acme.test,Claims,Reduce invoice matching time by 40% while keeping a person on exceptions,internal,,pilot',
      'x,Nobody,,Claims,,secret,personal;biometric,launched',
      'Orphan summariser,,,,,internal,,prototype',
    ].join('\n');

    it('dry-runs with every bad row and reason, then imports all or nothing', async () => {
      const dry = await h.inject({ method: 'POST', url: '/api/v1/use-cases/import?dryRun=true', payload: csv, headers: { ...h.acme.headers.business_owner, 'content-type': 'text/csv' } });
      expect(dry.statusCode).toBe(200);
      const report = dry.json();
      expect(report).toMatchObject({ dryRun: true, total: 3, valid: 2 });
      expect(report.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(['3:title', '3:data_sensitivity', '3:data_categories', '3:production_readiness']);
      const real = await h.inject({ method: 'POST', url: '/api/v1/use-cases/import?dryRun=false', payload: csv, headers: { ...h.acme.headers.business_owner, 'content-type': 'text/csv' } });
      expect(real.statusCode).toBe(422);
      const list = await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=Invoice', headers: h.acme.headers.viewer });
      expect(list.json().items).toHaveLength(0);
      const good = csv.split('\n').filter((_, i) => i !== 2).join('\n');
      const ok = await h.inject({ method: 'POST', url: '/api/v1/use-cases/import?dryRun=false', payload: good, headers: { ...h.acme.headers.business_owner, 'content-type': 'text/csv' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().imported).toHaveLength(2);
      const orphans = await h.inject({ method: 'GET', url: '/api/v1/use-cases?orphaned=true&q=Orphan', headers: h.acme.headers.viewer });
      expect(orphans.json().items[0].orphanReasons).toEqual(['no business owner', 'no outcome metric']);
    });

    it('rejects a file that is not UTF-8', async () => {
      const latin1 = Buffer.from('title,sponsor\nR\xe9sum\xe9 screener,HR\n', 'latin1');
      const res = await h.inject({ method: 'POST', url: '/api/v1/use-cases/import?dryRun=true', payload: latin1, headers: { ...h.acme.headers.business_owner, 'content-type': 'text/csv' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain('not valid UTF-8');
    });

    it('exports CSV and JSON', async () => {
      const res = await h.inject({ method: 'GET', url: '/api/v1/use-cases/export?format=csv', headers: h.acme.headers.viewer });
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.split('\n')[0]).toContain('id,title,stage');
      const json = await h.inject({ method: 'GET', url: '/api/v1/use-cases/export?format=json', headers: h.acme.headers.viewer });
      expect(Array.isArray(json.json())).toBe(true);
    });
  });
});

describeEachDb('portfolio updates', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  it('leaves every field a PATCH does not name as it was', async () => {
    const created = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: h.acme.headers.business_owner, payload: useCaseBody(h.acme.valueStreamId, { description: 'Keeps its description', tags: ['claims'], affectedUsers: [{ group: 'Handlers', headcount: 12 }] }) });
    const id = created.json().id;
    const patched = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${id}`, headers: h.acme.headers.business_owner, payload: { title: 'Renamed' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Renamed', description: 'Keeps its description', tags: ['claims'], affectedUsers: [{ group: 'Handlers', headcount: 12 }] });
  });
});
