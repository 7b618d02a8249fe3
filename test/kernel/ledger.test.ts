import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/kernel/actor.js';
import { digest } from '../../src/kernel/ledger/canonical.js';
import { chainHash, GENESIS_HASH } from '../../src/kernel/ledger/model.js';
import { rowToRecord } from '../../src/kernel/ledger/service.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { append, expectUnforkedChain, type FreshTenant, freshTenant, secondInstance } from './helpers.js';

const HOUR = 3_600_000;

describeEachDb('audit ledger', (dbKind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dbKind);
  });
  afterAll(async () => h?.close());

  const db = () => h.charter.kernel.db;
  const rows = (tenantId: string) => db().selectFrom('ledger_entries').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').execute();
  const verifyHttp = async (t: FreshTenant) => {
    const res = await h.inject({ method: 'POST', url: '/api/v1/ledger/verify', headers: t.headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  /** A tenant whose chain holds `n` entries: the token creation plus n - 1 use-case updates. */
  async function tenantWithChain(label: string, n = 8): Promise<FreshTenant> {
    const t = await freshTenant(h, label);
    for (let i = 2; i <= n; i++) {
      h.clock.advance(1000);
      await append(h.charter, t.actor, { action: 'usecase.update', subjectType: 'use_case', subjectId: `uc_${label}`, before: { version: i - 1 }, after: { version: i, title: `v${i}` } });
    }
    return t;
  }

  describe('appends', () => {
    it('chain each entry to the previous one by hash, from the genesis hash', async () => {
      const t = await tenantWithChain('chain', 5);
      const entries = await rows(t.id);
      expect(entries.map((e) => Number(e.seq))).toEqual([1, 2, 3, 4, 5]);
      expect(entries[0].prev_hash).toBe(GENESIS_HASH);
      let prev = GENESIS_HASH;
      for (const e of entries) {
        expect(e.prev_hash).toBe(prev);
        expect(e.hash).toBe(chainHash(prev, rowToRecord(e)));
        prev = e.hash;
      }
      const head = await db().selectFrom('ledger_heads').selectAll().where('tenant_id', '=', t.id).executeTakeFirstOrThrow();
      expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 5, hash: prev });
    });

    it('keep one independent chain per tenant', async () => {
      const a = await tenantWithChain('indep-a', 3);
      const b = await freshTenant(h, 'indep-b');
      const aHead = (await rows(a.id)).at(-1)!;
      await append(h.charter, b.actor, { action: 'probe', subjectType: 'probe', subjectId: 'p1' });
      const bRows = await rows(b.id);
      expect(bRows.map((e) => Number(e.seq))).toEqual([1, 2]);
      expect(bRows[0].prev_hash).toBe(GENESIS_HASH);
      expect((await rows(a.id)).at(-1)).toEqual(aHead);
      expect((await h.charter.kernel.ledger.verify(db(), a.id)).ok).toBe(true);
      expect((await h.charter.kernel.ledger.verify(db(), b.id)).ok).toBe(true);
    });

    it('are written in the same transaction as the change: a rolled-back change leaves no entry and no head move', async () => {
      const t = await tenantWithChain('rollback', 2);
      const before = await rows(t.id);
      await expect(
        db().transaction().execute(async (tx) => {
          await h.charter.kernel.ledger.append(tx, t.actor, { action: 'usecase.update', subjectType: 'use_case', subjectId: 'uc_x' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await rows(t.id)).toEqual(before);
      await expectUnforkedChain(h.charter, t.id, 2);
    });

    it('hash Dates and other toJSON values the way they are stored, so honest entries verify', async () => {
      const t = await freshTenant(h, 'dates');
      await append(h.charter, t.actor, { action: 'probe', subjectType: 'probe', subjectId: 'p', after: { due: new Date('2026-04-01T00:00:00Z'), list: [new Date(0)] } });
      expect(await verifyHttp(t)).toMatchObject({ ok: true, entries: 2 });
    });

    it('verify ok on an intact chain, over HTTP and in the service', async () => {
      const t = await tenantWithChain('intact');
      const service = await h.charter.kernel.ledger.verify(db(), t.id);
      expect(service).toMatchObject({ ok: true, entries: 8, headSeq: 8 });
      expect(service.firstBreak).toBeUndefined();
      expect(await verifyHttp(t)).toEqual(JSON.parse(JSON.stringify(service)));
    });
  });

  describe('tampering with the database directly', () => {
    type Tamper = (tenantId: string) => Promise<unknown>;
    const run = (q: ReturnType<typeof sql>) => q.execute(db());
    const cases: [string, Tamper, { kind: string; seq: number }][] = [
      ['an entry’s after is modified', (t) => run(sql`update ledger_entries set "after" = ${JSON.stringify({ version: 4, title: 'forged' })} where tenant_id = ${t} and seq = 4`), { kind: 'modified', seq: 4 }],
      ['an entry’s before is cleared', (t) => run(sql`update ledger_entries set "before" = null where tenant_id = ${t} and seq = 3`), { kind: 'modified', seq: 3 }],
      ['an entry’s before and after are swapped', (t) => run(sql`update ledger_entries set "before" = "after", "after" = "before" where tenant_id = ${t} and seq = 5`), { kind: 'modified', seq: 5 }],
      ['text is moved from after into before', (t) => run(sql`update ledger_entries set "before" = ${'{"version":3},"x":{"version":4'}, "after" = ${'{"title":"v4"}'} where tenant_id = ${t} and seq = 4`), { kind: 'modified', seq: 4 }],
      ['an entry’s action is modified', (t) => run(sql`update ledger_entries set action = 'usecase.read' where tenant_id = ${t} and seq = 2`), { kind: 'modified', seq: 2 }],
      ['an entry’s time is back-dated', (t) => run(sql`update ledger_entries set at = '2020-01-01T00:00:00.000Z' where tenant_id = ${t} and seq = 6`), { kind: 'modified', seq: 6 }],
      ['an entry’s actor name is rewritten', (t) => run(sql`update ledger_entries set actor_name = 'Somebody Else' where tenant_id = ${t} and seq = 5`), { kind: 'modified', seq: 5 }],
      ['an entry’s subject is rewritten', (t) => run(sql`update ledger_entries set subject_id = 'uc_other' where tenant_id = ${t} and seq = 7`), { kind: 'modified', seq: 7 }],
      ['an entry in the middle is deleted', (t) => run(sql`delete from ledger_entries where tenant_id = ${t} and seq = 4`), { kind: 'deleted', seq: 4 }],
      ['two entries in the middle are deleted', (t) => run(sql`delete from ledger_entries where tenant_id = ${t} and seq in (3, 4)`), { kind: 'deleted', seq: 3 }],
      ['the first entry is deleted', (t) => run(sql`delete from ledger_entries where tenant_id = ${t} and seq = 1`), { kind: 'deleted', seq: 1 }],
      [
        'two entries swap their seq',
        async (t) => {
          await run(sql`update ledger_entries set seq = -1 where tenant_id = ${t} and seq = 3`);
          await run(sql`update ledger_entries set seq = 3 where tenant_id = ${t} and seq = 4`);
          await run(sql`update ledger_entries set seq = 4 where tenant_id = ${t} and seq = -1`);
        },
        { kind: 'reordered', seq: 3 },
      ],
      [
        'two distant entries swap their seq',
        async (t) => {
          await run(sql`update ledger_entries set seq = -1 where tenant_id = ${t} and seq = 2`);
          await run(sql`update ledger_entries set seq = 2 where tenant_id = ${t} and seq = 7`);
          await run(sql`update ledger_entries set seq = 7 where tenant_id = ${t} and seq = -1`);
        },
        { kind: 'reordered', seq: 2 },
      ],
      ['the tail is truncated', (t) => run(sql`delete from ledger_entries where tenant_id = ${t} and seq >= 6`), { kind: 'truncated', seq: 6 }],
      ['the last entry is deleted', (t) => run(sql`delete from ledger_entries where tenant_id = ${t} and seq = 8`), { kind: 'truncated', seq: 8 }],
      ['every entry is deleted', (t) => run(sql`delete from ledger_entries where tenant_id = ${t}`), { kind: 'truncated', seq: 1 }],
      ['the head’s hash is edited', (t) => run(sql`update ledger_heads set hash = ${'f'.repeat(64)} where tenant_id = ${t}`), { kind: 'modified', seq: 8 }],
      ['the head is moved back', (t) => run(sql`update ledger_heads set seq = 6 where tenant_id = ${t}`), { kind: 'modified', seq: 6 }],
      ['the head is moved forward', (t) => run(sql`update ledger_heads set seq = 10 where tenant_id = ${t}`), { kind: 'truncated', seq: 9 }],
      [
        'an entry is modified and its own hash recomputed',
        async (t) => {
          const [row] = await db().selectFrom('ledger_entries').selectAll().where('tenant_id', '=', t).where('seq', '=', 4).execute();
          const forged = { ...rowToRecord(row), after: { version: 4, title: 'forged' } };
          await run(sql`update ledger_entries set "after" = ${JSON.stringify(forged.after)}, hash = ${chainHash(row.prev_hash, forged)} where tenant_id = ${t} and seq = 4`);
        },
        { kind: 'reordered', seq: 5 },
      ],
    ];

    it.each(cases)('reports the first break when %s', async (_name, tamper, expected) => {
      const t = await tenantWithChain('tamper');
      expect((await verifyHttp(t)).ok).toBe(true);
      await tamper(t.id);
      const service = await h.charter.kernel.ledger.verify(db(), t.id);
      expect(service.ok).toBe(false);
      expect(service.firstBreak).toMatchObject(expected);
      expect(service.firstBreak!.detail).toEqual(expect.any(String));
      expect(await verifyHttp(t)).toEqual(JSON.parse(JSON.stringify(service)));
    });

    it('still verifies when stored JSON is only reformatted (same data, other whitespace)', async () => {
      const t = await tenantWithChain('reformat', 4);
      const [row] = await db().selectFrom('ledger_entries').select(['after']).where('tenant_id', '=', t.id).where('seq', '=', 3).execute();
      await run(sql`update ledger_entries set "after" = ${JSON.stringify(JSON.parse(row.after!), null, 2)} where tenant_id = ${t.id} and seq = 3`);
      expect(await verifyHttp(t)).toMatchObject({ ok: true, entries: 4 });
    });

    it('a broken chain in one tenant does not affect another’s', async () => {
      const broken = await tenantWithChain('broken');
      const intact = await tenantWithChain('intact2');
      await run(sql`delete from ledger_entries where tenant_id = ${broken.id} and seq = 2`);
      expect((await verifyHttp(broken)).ok).toBe(false);
      expect((await verifyHttp(intact)).ok).toBe(true);
    });
  });

  describe('concurrent appends', () => {
    it('from many parallel transactions never fork the chain, even on a tenant’s first append', async () => {
      const tenantId = `tn_race_${Math.random().toString(36).slice(2, 8)}`;
      const actor: Actor = { tenantId, kind: 'user', id: 'usr_race', name: 'Racer', roles: ['platform_admin'] };
      const k = h.charter.kernel;
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => append(h.charter, actor, { action: 'race.one', subjectType: 'probe', subjectId: `p${i}` })),
        ...Array.from({ length: 5 }, (_, i) =>
          k.db.transaction().execute((tx) => k.ledger.appendMany(tx, tenantId, [0, 1, 2].map((j) => ({ actor, event: { action: 'race.batch', subjectType: 'probe', subjectId: `b${i}.${j}` } })))),
        ),
      ]);
      await expectUnforkedChain(h.charter, tenantId, 55);
      // A batch lands as one contiguous run.
      const all = await rows(tenantId);
      for (let i = 0; i < 5; i++) {
        const seqs = all.filter((r) => r.subject_id.startsWith(`b${i}.`)).map((r) => Number(r.seq));
        expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
      }
    });

    it('from concurrent HTTP writes keep the tenant chain verifiable', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: `Parallel ${i}` }), headers: h.acme.headers.business_owner }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      const res = await h.inject({ method: 'POST', url: '/api/v1/ledger/verify', headers: h.acme.headers.risk_reviewer });
      expect(res.json().ok).toBe(true);
    });

    // Only PostgreSQL serves several processes; SQLite is one process by design.
    if (dbKind === 'postgres') it('from two Charter instances (two connection pools) on one schema never fork the chain', async () => {
      const other = await secondInstance(h);
      try {
        const t = await freshTenant(h, 'two-pools');
        const jobs = Array.from({ length: 60 }, (_, i) =>
          append(i % 2 ? other : h.charter, t.actor, { action: 'race.pool', subjectType: 'probe', subjectId: `p${i}`, after: { pool: i % 2 ? 'B' : 'A' } }),
        );
        // Both instances also write through their own HTTP stacks at the same time.
        const vs = await h.charter.services.portfolio.createValueStream(t.actor, { name: 'Racing', description: '' });
        const http = Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other.http : h.charter.http).inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(vs.id, { title: `Pool race ${i}` }), headers: t.headers }),
        );
        const [, responses] = await Promise.all([Promise.all(jobs), Promise.all(http)]);
        expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
        // 1 token + 1 value stream + 60 appends + 10 use cases
        await expectUnforkedChain(h.charter, t.id, 72);
        expect(await other.kernel.ledger.verify(other.kernel.db, t.id)).toMatchObject({ ok: true, headSeq: 72 });
      } finally {
        await other.close();
      }
    });
  });

  describe('payloads', () => {
    it('holds only the digest of a payload passed as digest, never the payload', async () => {
      const t = await freshTenant(h, 'digest');
      const prompt = 'Patient Jane Roe (MRN 99812) asks whether her test result is positive';
      const answer = 'Dear Jane Roe, your result from 12 February is ...';
      await append(h.charter, t.actor, { action: 'gateway.call', subjectType: 'call', subjectId: 'call_1', after: { model: 'gpt-x', prompt: digest(prompt), answer: digest(answer) } });
      const stored = JSON.stringify(await rows(t.id));
      expect(stored).not.toContain('Jane Roe');
      expect(stored).not.toContain('MRN 99812');
      expect(stored).toContain(digest(prompt).sha256);
      const res = await h.inject({ method: 'GET', url: '/api/v1/ledger?subjectId=call_1', headers: t.headers });
      expect(res.json().items[0].after).toEqual({ model: 'gpt-x', prompt: digest(prompt), answer: digest(answer) });
      expect(res.body).not.toContain('Jane Roe');
      expect((await verifyHttp(t)).ok).toBe(true);
    });

    it('keeps a use case’s free-text description out of the ledger', async () => {
      const marker = 'Confidential: claimant John Q. Example, policy 55-1234';
      const res = await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: 'Free text', description: marker }), headers: h.acme.headers.business_owner });
      expect(res.statusCode).toBe(201);
      const all = await db().selectFrom('ledger_entries').selectAll().where('subject_id', '=', res.json().id).execute();
      expect(all.length).toBeGreaterThan(0);
      expect(JSON.stringify(all)).not.toContain('John Q. Example');
    });
  });

  describe('GET /api/v1/ledger', () => {
    let t: FreshTenant;
    let other: Actor;
    let t0: Date;
    const get = async (query: string) => {
      const res = await h.inject({ method: 'GET', url: `/api/v1/ledger${query}`, headers: t.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { seq: number; action: string; actor: { id: string }; subject: { type: string; id: string }; at: string }[]; nextCursor: string | null };
    };
    const seqs = async (query: string) => (await get(query)).items.map((e) => e.seq);

    beforeAll(async () => {
      t = await freshTenant(h, 'filters'); // seq 1: token.create by the admin
      const user = await h.charter.services.auth.addMember(db(), t.id, { email: `reviewer@${t.slug}.test`, name: 'Reviewer', roles: ['risk_reviewer'] });
      other = { tenantId: t.id, kind: 'user', id: user.id, name: user.name, roles: ['risk_reviewer'] };
      t0 = h.clock.now();
      const plan: [Actor, string, string, string][] = [
        [t.actor, 'usecase.create', 'use_case', 'uc_1'], // 2 at t0+1h
        [other, 'usecase.update', 'use_case', 'uc_1'], // 3 at t0+2h
        [t.actor, 'usecase.transition', 'use_case', 'uc_1'], // 4 at t0+3h
        [other, 'usecase.create', 'use_case', 'uc_2'], // 5 at t0+4h
        [t.actor, 'valuestream.create', 'value_stream', 'vs_1'], // 6 at t0+5h
        [other, 'usecases.bulk', 'import', 'imp_1'], // 7 at t0+6h
      ];
      for (const [actor, action, subjectType, subjectId] of plan) {
        h.clock.advance(HOUR);
        await append(h.charter, actor, { action, subjectType, subjectId });
      }
    });
    const at = (hours: number) => new Date(t0.getTime() + hours * HOUR).toISOString();

    it('lists newest first with actor, subject and hashes', async () => {
      const body = await get('');
      expect(body.items.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(body.items[0]).toMatchObject({ action: 'usecases.bulk', actor: { id: other.id, kind: 'user', name: 'Reviewer' }, subject: { type: 'import', id: 'imp_1' } });
      expect(body.nextCursor).toBeNull();
    });

    it('filters by exact action', async () => {
      expect(await seqs('?action=usecase.create')).toEqual([5, 2]);
    });

    it('filters by action prefix ending in *', async () => {
      expect(await seqs('?action=usecase.*')).toEqual([5, 4, 3, 2]);
      expect(await seqs('?action=usecase*')).toEqual([7, 5, 4, 3, 2]);
      expect(await seqs('?action=*')).toEqual([7, 6, 5, 4, 3, 2, 1]);
    });

    it('matches the prefix literally and case-sensitively on every database', async () => {
      expect(await seqs('?action=USECASE.*')).toEqual([]);
      expect(await seqs('?action=use_ase.*')).toEqual([]);
      expect(await seqs('?action=%25.create*')).toEqual([]);
    });

    it('filters by subject and by actor', async () => {
      expect(await seqs('?subjectType=use_case&subjectId=uc_1')).toEqual([4, 3, 2]);
      expect(await seqs('?subjectType=value_stream')).toEqual([6]);
      expect(await seqs(`?actorId=${other.id}`)).toEqual([7, 5, 3]);
      expect(await seqs(`?actorId=${other.id}&action=usecase.*`)).toEqual([5, 3]);
    });

    it('filters by time, from inclusive and to exclusive', async () => {
      expect(await seqs(`?from=${at(2)}&to=${at(4)}`)).toEqual([4, 3]);
      expect(await seqs(`?from=${at(5)}`)).toEqual([7, 6]);
      expect(await seqs(`?to=${at(1)}`)).toEqual([1]);
    });

    it('pages with a cursor over every entry exactly once', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body = await get(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...body.items.map((e) => e.seq));
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(pages).toBe(4);
    });

    it('keeps the filter across pages', async () => {
      const first = await get('?action=usecase.*&limit=3');
      expect(first.items.map((e) => e.seq)).toEqual([5, 4, 3]);
      const second = await get(`?action=usecase.*&limit=3&cursor=${first.nextCursor}`);
      expect(second.items.map((e) => e.seq)).toEqual([2]);
      expect(second.nextCursor).toBeNull();
    });

    it('rejects junk cursors, bad times and oversized pages with problem+json', async () => {
      for (const q of ['?cursor=junk', `?cursor=${Buffer.from('["a","b"]').toString('base64url')}`, `?cursor=${Buffer.from('["abc"]').toString('base64url')}`, `?cursor=${Buffer.from('[null]').toString('base64url')}`, `?cursor=${Buffer.from('[-1.5]').toString('base64url')}`, '?from=yesterday', '?to=2026-13-40', '?limit=501', '?limit=0']) {
        const res = await h.inject({ method: 'GET', url: `/api/v1/ledger${q}`, headers: t.headers });
        expect(res.statusCode, q).toBe(400);
        expect(res.headers['content-type'], q).toContain('application/problem+json');
      }
      const junk = await h.inject({ method: 'GET', url: '/api/v1/ledger?cursor=junk', headers: t.headers });
      expect(junk.json().errors).toEqual([{ path: 'querystring.cursor', message: 'invalid cursor' }]);
    });

    it('serves one entry by seq, and 404 for a seq beyond the head', async () => {
      const res = await h.inject({ method: 'GET', url: '/api/v1/ledger/4', headers: t.headers });
      expect(res.json()).toMatchObject({ seq: 4, action: 'usecase.transition' });
      const missing = await h.inject({ method: 'GET', url: '/api/v1/ledger/999', headers: t.headers });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    });

    it('needs ledger:read', async () => {
      for (const role of ['viewer', 'builder', 'business_owner', 'change_lead'] as const) {
        const res = await h.inject({ method: 'GET', url: '/api/v1/ledger', headers: h.acme.headers[role] });
        expect(res.statusCode, role).toBe(403);
        expect(res.json().permission).toBe('ledger:read');
      }
      const verify = await h.inject({ method: 'POST', url: '/api/v1/ledger/verify', headers: h.acme.headers.viewer });
      expect(verify.statusCode).toBe(403);
    });
  });
});
