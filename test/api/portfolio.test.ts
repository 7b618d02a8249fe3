import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { screenedUseCase, walkGoverned } from '../support/governance.js';
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

  it('rejects a structured statement without metric, target or control, naming each missing field', async () => {
    const outcome = { process: 'claims triage', unit: 'min', baseline: 42, direction: 'decrease' };
    const res = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { outcome }), h.acme.headers.business_owner);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.outcome.control', 'body.outcome.metric', 'body.outcome.target']);
    const unknown = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { outcome: { ...outcome, metric: 'claims triage time', target: 29, control: 'human review', colour: 'blue' } }), h.acme.headers.business_owner);
    expect(unknown.json().errors).toEqual([{ path: 'body.outcome', message: 'unknown field(s): colour' }]);
    const neither = await post('/api/v1/use-cases', useCaseBody(h.acme.valueStreamId, { outcome: 42 }), h.acme.headers.business_owner);
    expect(neither.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.outcome']);
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

describeEachDb('portfolio lifecycle, priority, orphans and inventory', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const as = (role: keyof Harness['acme']['headers']) => h.acme.headers[role];
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: as('business_owner'), payload: useCaseBody(h.acme.valueStreamId, overrides) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const move = (id: string, to: string) => h.inject({ method: 'POST', url: `/api/v1/use-cases/${id}/transitions`, headers: as('builder'), payload: { to } });
  const get = async (id: string) => (await h.inject({ method: 'GET', url: `/api/v1/use-cases/${id}`, headers: as('viewer') })).json();

  it('explains the priority score factor by factor: value against feasibility, complexity and risk counting against', async () => {
    const uc = await create({ title: 'Explained priority', priority: { impact: 5, strategicFit: 4, reach: 4, dataReadiness: 3, complexity: 3, risk: 4 } });
    expect(uc.priorityScore).toMatchObject({ score: 69.5, value: 87.5, feasibility: 42.5 });
    const contributions = Object.fromEntries(uc.priorityScore.breakdown.map((b: { factor: string; side: string; contribution: number }) => [b.factor, [b.side, b.contribution]]));
    expect(contributions).toEqual({
      impact: ['value', 30], strategicFit: ['value', 13.5], reach: ['value', 9],
      dataReadiness: ['feasibility', 8], complexity: ['feasibility', 6], risk: ['feasibility', 3],
    });
    const riskier = await create({ title: 'Riskier priority', priority: { impact: 5, strategicFit: 4, reach: 4, dataReadiness: 3, complexity: 3, risk: 5 } });
    expect(riskier.priorityScore.score).toBe(66.5);
    const patched = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${riskier.id}`, headers: as('business_owner'), payload: { priority: { impact: 1, strategicFit: 1, reach: 1, dataReadiness: 1, complexity: 5, risk: 5 } } });
    expect(patched.json().priorityScore.score).toBe(0);
    const ranked = (await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=priority', headers: as('viewer') })).json().items.map((u: { title: string }) => u.title);
    expect(ranked).toEqual(['Explained priority', 'Riskier priority']);
  });

  it('lists each use case with its priority score but not the factor breakdown, which the use case itself carries; a change shows on the next listing', async () => {
    const uc = await create({ title: 'Listed priority', priority: { impact: 4, strategicFit: 4, reach: 3, dataReadiness: 3, complexity: 2, risk: 2 } });
    const listed = async () => (await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=listed%20priority', headers: as('viewer') })).json().items;
    const [item] = await listed();
    const detail = await get(uc.id);
    expect(item.priorityScore).toEqual({ score: detail.priorityScore.score, value: detail.priorityScore.value, feasibility: detail.priorityScore.feasibility });
    expect(detail.priorityScore.breakdown).toHaveLength(6);
    const { priorityScore: _a, allowedTransitions: _b, ...rest } = detail;
    expect(item).toMatchObject(rest);
    const patched = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, headers: as('business_owner'), payload: { title: 'Listed priority, renamed', priority: { impact: 1, strategicFit: 1, reach: 1, dataReadiness: 1, complexity: 5, risk: 5 } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const [after] = await listed();
    expect(after).toMatchObject({ title: 'Listed priority, renamed', version: uc.version + 1, priorityScore: { score: 0, value: 0, feasibility: 0 } });
  });

  it('keeps data classes to one vocabulary and refuses a team, owner or value stream of another tenant, naming the field', async () => {
    const badClass = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: as('business_owner'), payload: useCaseBody(h.acme.valueStreamId, { dataClasses: { sensitivity: 'secret', categories: ['biometric'] } }) });
    expect(badClass.statusCode).toBe(400);
    expect(badClass.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.dataClasses.sensitivity', 'body.dataClasses.categories.0']));

    const theirTeam = await h.charter.services.auth.createTeam(h.charter.kernel.db, h.globex.id, 'Globex claims');
    const ourTeam = await h.charter.services.auth.createTeam(h.charter.kernel.db, h.acme.id, 'Acme claims');
    const foreign = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: as('business_owner'), payload: useCaseBody(h.acme.valueStreamId, { title: 'Foreign team', teamId: theirTeam.id, ownerId: h.globex.actors.business_owner.id }) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.ownerId', 'body.teamId']);
    expect((await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=Foreign', headers: as('viewer') })).json().items).toEqual([]);

    const own = await create({ title: 'Own team', teamId: ourTeam.id, affectedUsers: [{ group: 'Claims handlers', headcount: 180 }], targetDate: '2027-03-31' });
    expect(own).toMatchObject({ teamId: ourTeam.id, affectedUsers: [{ group: 'Claims handlers', headcount: 180 }], targetDate: '2027-03-31', dataClasses: { sensitivity: 'confidential', categories: ['personal'] } });
    const moved = await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${own.id}`, headers: as('business_owner'), payload: { teamId: theirTeam.id } });
    expect(moved.statusCode).toBe(400);
    expect((await get(own.id)).teamId).toBe(ourTeam.id);
  });

  it('imports a JSON inventory: a dry run names every bad entry and reason, a real run takes all or nothing', async () => {
    const entries: unknown[] = [
      { title: 'Legacy OCR pilot', owner_email: 'business_owner@acme.test', value_stream: 'Claims', outcome: 'Reduce invoice matching time from 40 min to 25 min while keeping a person on exceptions', production_readiness: 'pilot' },
      { title: 'x', colour: 'blue', value_stream: 'Nowhere' },
      'not an object',
      { title: 'Legacy chatbot', owner_email: 'nobody@acme.test', data_categories: 'personal;payment' },
    ];
    const post = (body: unknown, dryRun: boolean) =>
      h.inject({ method: 'POST', url: `/api/v1/use-cases/import?dryRun=${dryRun}`, headers: { ...as('business_owner'), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const dry = await post(entries, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 4, valid: 1, imported: [] });
    expect(dry.json().errors).toEqual([
      { line: 2, reason: 'unknown column(s): colour' },
      { line: 2, field: 'title', reason: 'a title of at least 3 characters is required' },
      { line: 2, field: 'value_stream', reason: 'no value stream named "Nowhere"' },
      { line: 3, reason: 'each entry must be an object' },
      { line: 4, field: 'owner_email', reason: 'nobody@acme.test is not a member of this tenant' },
    ]);
    const refused = await post(entries, false);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().report.errors).toHaveLength(5);
    expect((await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=Legacy', headers: as('viewer') })).json().items).toEqual([]);

    const good = [entries[0], { title: 'Legacy chatbot', data_categories: 'personal;payment' }];
    const done = await post(good, false);
    expect(done.statusCode).toBe(200);
    expect(done.json().imported.map((i: { line: number; title: string }) => `${i.line}:${i.title}`)).toEqual(['1:Legacy OCR pilot', '2:Legacy chatbot']);
    const ocr = await get(done.json().imported[0].id);
    expect(ocr).toMatchObject({ stage: 'intake', source: 'import', owner: { id: h.acme.actors.business_owner.id }, valueStream: { name: 'Claims' }, tags: ['inventory:pilot'], outcome: { baseline: 40, target: 25, unit: 'min' } });
    const entry = (await h.inject({ method: 'GET', url: '/api/v1/ledger?action=usecase.import', headers: as('risk_reviewer') })).json().items[0];
    expect(entry.after).toMatchObject({ format: 'json', count: 2, ids: done.json().imported.map((i: { id: string }) => i.id) });

    const exported = (await h.inject({ method: 'GET', url: '/api/v1/use-cases/export?format=json', headers: as('viewer') })).json();
    expect(exported.find((u: { title: string }) => u.title === 'Legacy chatbot')).toMatchObject({ source: 'import', dataClasses: { sensitivity: 'internal', categories: ['personal', 'payment'] }, orphanReasons: ['no business owner', 'no outcome metric'] });
    const csv = (await h.inject({ method: 'GET', url: '/api/v1/use-cases/export?format=csv', headers: as('viewer') })).body.split('\n');
    expect(csv.find((line) => line.includes('Legacy chatbot'))).toContain('no business owner; no outcome metric');
  });

  it('flags orphaned experiments (no owner, no outcome metric, no activity in N days) and pages through only them', async () => {
    const csv = ['title,owner_email,outcome',
      'Orphan pager owned one,business_owner@acme.test,Reduce claims handling time by 10% while a handler signs off',
      'Orphan pager A,,',
      'Orphan pager owned two,business_owner@acme.test,Reduce claims handling time by 20% while a handler signs off',
      'Orphan pager B,,',
      'Orphan pager C,,'].join('\n');
    const imported = await h.inject({ method: 'POST', url: '/api/v1/use-cases/import?dryRun=false', payload: csv, headers: { ...as('business_owner'), 'content-type': 'text/csv' } });
    expect(imported.statusCode).toBe(200);
    const walk = async (query: string) => {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const res: { statusCode: number; json(): any } = await h.inject({ method: 'GET', url: `/api/v1/use-cases?q=Orphan+pager&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`, headers: as('viewer') });
        expect(res.statusCode).toBe(200);
        pages.push(res.json().items.map((u: { title: string }) => u.title.replace('Orphan pager ', '')));
        cursor = res.json().nextCursor;
      } while (cursor);
      return pages;
    };
    const orphans = await walk('orphaned=true');
    expect(orphans.map((p) => p.length)).toEqual([2, 1]);
    expect(orphans.flat().sort()).toEqual(['A', 'B', 'C']);
    expect((await walk('orphaned=false')).flat().sort()).toEqual(['owned one', 'owned two']);

    // Thirty-one days later nothing has happened to any of them.
    h.clock.advance(31 * 86_400_000);
    expect((await walk('orphaned=true')).flat().sort()).toEqual(['A', 'B', 'C', 'owned one', 'owned two']);
    const idle = (await h.inject({ method: 'GET', url: '/api/v1/use-cases?q=Orphan+pager+owned&orphaned=true', headers: as('viewer') })).json().items;
    expect(idle.map((u: { orphanReasons: string[] }) => u.orphanReasons)).toEqual([['no activity in 31 days'], ['no activity in 31 days']]);
    expect((await walk('orphaned=true&orphanDays=60')).flat().sort()).toEqual(['A', 'B', 'C']);
    expect((await h.inject({ method: 'GET', url: '/api/v1/use-cases?orphanDays=0', headers: as('viewer') })).statusCode).toBe(400);

    // Activity clears the idle flag; a rejected experiment is closed, not orphaned.
    const owned = idle[0];
    expect((await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${owned.id}`, headers: as('business_owner'), payload: { description: 'Picked up again' } })).statusCode).toBe(200);
    const a = imported.json().imported.find((i: { title: string }) => i.title === 'Orphan pager A');
    expect((await move(a.id, 'rejected')).statusCode).toBe(200);
    const left = (await walk('orphaned=true')).flat();
    expect(left).not.toContain(owned.title.replace('Orphan pager ', ''));
    expect(left).not.toContain('A');
    expect(left).toHaveLength(3);
    expect((await get(a.id)).orphanReasons).toEqual([]);
  });

  it('returns a suspended use case only to the stage it left, through the guards of that stage, ledgering each move', async () => {
    const uc = await screenedUseCase(h, h.acme, 'minimal', { title: 'Suspend and return' });
    // Only a live use case can be suspended.
    expect((await move(uc.id, 'suspended')).json().detail).toContain('intake → suspended is not a transition');
    await walkGoverned(h, h.acme, uc.id, 'approved');
    const suspended = await move(uc.id, 'suspended');
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ stage: 'suspended', suspendedFrom: 'approved' });
    expect((await get(uc.id)).allowedTransitions).toEqual(['approved', 'retired']);

    for (const elsewhere of ['build', 'pilot', 'intake']) {
      const res = await move(uc.id, elsewhere);
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain('returns only to the stage it left (approved)');
    }
    // Guards plug into every move; this one holds moves into approved while set, as a stage's own guards would.
    let hold = true;
    h.charter.services.portfolio.addGuard(async ({ useCase, from, to }) =>
      useCase.id === uc.id && hold ? [{ guard: 'test-hold', code: 'held', message: `${from} → ${to} is held for this test` }] : []);
    const held = await move(uc.id, 'approved');
    expect(held.statusCode).toBe(409);
    expect(held.json().problems).toEqual([expect.objectContaining({ guard: 'test-hold', message: 'suspended → approved is held for this test' })]);
    expect(await get(uc.id)).toMatchObject({ stage: 'suspended', suspendedFrom: 'approved' });

    hold = false;
    const back = await move(uc.id, 'approved');
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ stage: 'approved', suspendedFrom: null });
    const moves = (await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${uc.id}&action=usecase.transition`, headers: as('risk_reviewer') })).json().items
      .map((e: { before: { stage: string }; after: { stage: string } }) => `${e.before.stage}→${e.after.stage}`);
    expect(moves.slice(0, 2)).toEqual(['suspended→approved', 'approved→suspended']);
    expect(moves).toContain('intake→triage');
  });
});
