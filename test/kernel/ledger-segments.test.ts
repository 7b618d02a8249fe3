import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/kernel/actor.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { connect, type DbHandle } from '../../src/kernel/db/connect.js';
import { migrateToLatest } from '../../src/kernel/db/migrations.js';
import { chainHash } from '../../src/kernel/ledger/model.js';
import { Ledger, rowToRecord, splitRange } from '../../src/kernel/ledger/service.js';
import { kernelMigrations } from '../../src/kernel/schema-migrations.js';

/**
 * Ledger.verify on a SQLite file splits the chain into seq ranges verified in worker threads; the result must be the
 * one a walk in order gives, for every kind of tampering and wherever it falls against the ranges' edges.
 */
describe('ledger verification in worker threads (SQLite file)', () => {
  const N = 40;
  const tenant = 'tn_segments';
  const actor: Actor = { tenantId: tenant, kind: 'user', id: 'usr_1', name: 'Ada', roles: ['platform_admin'] };
  let dir: string;
  let handle: DbHandle;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  // Segments of 3 seqs on 2 workers: 14 ranges, so most breaks fall near a range's edge.
  const parallel = () => Ledger.of(handle, clock, { workers: 2, parallelFrom: 1, segmentSize: 3 });
  const inOrder = () => Ledger.of(handle, clock, { workers: 1 });
  const run = (q: ReturnType<typeof sql>) => q.execute(handle.db);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'charter-ledger-'));
    handle = connect({ sqlitePath: join(dir, 'ledger.db') });
    await migrateToLatest(handle.db, [kernelMigrations]);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await handle.db.deleteFrom('ledger_entries').execute();
    await handle.db.deleteFrom('ledger_heads').execute();
    const ledger = inOrder();
    for (let i = 1; i <= N; i++) {
      clock.advance(1000);
      const after = i % 5 === 0 ? { a: i, at: '2026-01-01', when: { at: 'x' } } : { version: i, title: `v${i}` };
      await handle.db.transaction().execute((tx) => ledger.append(tx, actor, { action: 'usecase.update', subjectType: 'use_case', subjectId: `uc_${i}`, before: { version: i - 1 }, after }));
    }
  });

  const both = async () => {
    const a = await parallel().verify(handle.db, tenant);
    const b = await inOrder().verify(handle.db, tenant);
    expect(a).toEqual(b);
    return a;
  };

  it('is used for a file database and agrees with the walk on an intact chain', async () => {
    expect(handle.sqlitePath).toBe(join(dir, 'ledger.db'));
    expect(await both()).toMatchObject({ ok: true, entries: N, headSeq: N });
  });

  const at = (seq: number) => sql`where tenant_id = ${tenant} and seq = ${seq}`;
  const cases: [string, () => Promise<unknown>, { kind: string; seq: number }][] = [];
  for (const seq of [1, 3, 4, 20, 21, 39, 40]) {
    cases.push([`entry ${seq}'s after is modified`, () => run(sql`update ledger_entries set "after" = '{"version":0}' ${at(seq)}`), { kind: 'modified', seq }]);
    cases.push([`entry ${seq}'s prev_hash is modified`, () => run(sql`update ledger_entries set prev_hash = ${'e'.repeat(64)} ${at(seq)}`), { kind: 'reordered', seq }]);
  }
  for (const seq of [1, 3, 4, 22, 40]) cases.push([`entry ${seq} is deleted`, () => run(sql`delete from ledger_entries ${at(seq)}`), seq === 40 ? { kind: 'truncated', seq } : { kind: 'deleted', seq }]);
  cases.push(['a whole range (seq 4..6) is deleted', () => run(sql`delete from ledger_entries where tenant_id = ${tenant} and seq between 4 and 6`), { kind: 'deleted', seq: 4 }]);
  cases.push(['seqs 7..12 are deleted across ranges', () => run(sql`delete from ledger_entries where tenant_id = ${tenant} and seq between 7 and 12`), { kind: 'deleted', seq: 7 }]);
  cases.push([
    'entries 3 and 4 swap their seq (across a range edge)',
    async () => {
      await run(sql`update ledger_entries set seq = -1 ${at(3)}`);
      await run(sql`update ledger_entries set seq = 3 ${at(4)}`);
      await run(sql`update ledger_entries set seq = 4 where tenant_id = ${tenant} and seq = -1`);
    },
    { kind: 'reordered', seq: 3 },
  ]);
  cases.push(['entry 9 moves to seq 0', () => run(sql`update ledger_entries set seq = 0 ${at(9)}`), { kind: 'reordered', seq: 0 }]);
  cases.push(['entry 9 moves past the end', () => run(sql`update ledger_entries set seq = 41 ${at(9)}`), { kind: 'deleted', seq: 9 }]);
  cases.push(['text with an "at" key is shifted into before', () => run(sql`update ledger_entries set "after" = '{"at":"2026-01-01"', "before" = '"v":15,"when":{"at":"x"}}' ${at(15)}`), { kind: 'modified', seq: 15 }]);
  cases.push(['the head is moved back', () => run(sql`update ledger_heads set seq = 30 where tenant_id = ${tenant}`), { kind: 'modified', seq: 30 }]);
  cases.push(['the head is moved forward', () => run(sql`update ledger_heads set seq = 45 where tenant_id = ${tenant}`), { kind: 'truncated', seq: 41 }]);
  cases.push([
    'entry 21 is modified with its own hash recomputed',
    async () => {
      const row = await handle.db.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', tenant).where('seq', '=', 21).executeTakeFirstOrThrow();
      const forged = { ...rowToRecord(row), after: { version: 21, title: 'forged' } };
      await run(sql`update ledger_entries set "after" = ${JSON.stringify(forged.after)}, hash = ${chainHash(row.prev_hash, forged)} ${at(21)}`);
    },
    { kind: 'reordered', seq: 22 },
  ]);
  cases.push([
    'two entries are modified (the first is reported)',
    async () => {
      await run(sql`update ledger_entries set action = 'x' ${at(33)}`);
      await run(sql`update ledger_entries set action = 'x' ${at(8)}`);
    },
    { kind: 'modified', seq: 8 },
  ]);

  it.each(cases)('reports the same first break as the walk in order when %s', async (_name, tamper, expected) => {
    await tamper();
    const result = await both();
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject(expected);
  });

  it('verifies text reformatted by hand, as the walk does', async () => {
    await run(sql`update ledger_entries set "after" = '{ "title": "v7", "version": 7 }' ${at(7)}`);
    expect(await both()).toMatchObject({ ok: true, entries: N });
  });

  it('checks only the entries present when it starts, against the head read with them', async () => {
    const ledger = parallel();
    const pending = ledger.verify(handle.db, tenant);
    await handle.db.transaction().execute((tx) => inOrder().append(tx, actor, { action: 'late', subjectType: 'probe', subjectId: 'p' }));
    const result = await pending;
    expect(result.ok).toBe(true);
    expect([N, N + 1]).toContain(result.entries);
    expect(await ledger.verify(handle.db, tenant)).toMatchObject({ ok: true, entries: N + 1 });
  });
});

describe('splitRange', () => {
  it('cuts [lo, hi] into consecutive ranges covering it', () => {
    expect(splitRange(1, 10, 3)).toEqual([[1, 4], [5, 7], [8, 10]]);
    expect(splitRange(-2, 1, 8)).toEqual([[-2, -2], [-1, -1], [0, 0], [1, 1]]);
    expect(splitRange(5, 5, 2)).toEqual([[5, 5]]);
  });
});
