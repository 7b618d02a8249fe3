/**
 * The audit ledger on SQLite (a temporary file database in WAL mode, as production runs it):
 *  - hashed appends through Ledger.appendMany in transactions of --batch (500), alternating in rounds with
 *  - plain inserts of the same rows without hashing or head locking, into a table of the same shape, through the
 *    same Kysely insert path and the same transaction size;
 *  - --single (10,000) appends committed one by one through Ledger.append;
 *  - Ledger.verify over the hashed chain (--total, 1,000,000 entries).
 * Rates are medians over the rounds (each round's rate is printed to stderr and kept in the result) so noise shows.
 *
 *   npm run bench -- ledger [--total 1000000] [--rounds 4] [--batch 500] [--single 10000] [--verify-runs 3]
 */
import { sql, type Kysely } from 'kysely';
import { join } from 'node:path';
import type { Actor } from '../src/kernel/actor.js';
import { systemClock } from '../src/kernel/clock.js';
import { connect } from '../src/kernel/db/connect.js';
import { migrateToLatest } from '../src/kernel/db/migrations.js';
import { digest } from '../src/kernel/ledger/canonical.js';
import { Ledger, type LedgerEvent } from '../src/kernel/ledger/service.js';
import { kernelMigrations, type LedgerEntryRow } from '../src/kernel/schema-migrations.js';
import { emit, intArg, machine, parseArgs, progress } from './lib/out.js';
import { between, median, pick, rng, round, secondsSince } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';

type Item = { actor: Pick<Actor, 'kind' | 'id' | 'name'>; event: LedgerEvent };

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const total = intArg(args, 'total', 1_000_000);
  const rounds = intArg(args, 'rounds', 4);
  const batch = intArg(args, 'batch', 500);
  const single = intArg(args, 'single', 10_000);
  const verifyRuns = intArg(args, 'verify-runs', 3);
  const perRound = Math.floor(total / rounds);
  if (perRound * rounds !== total || perRound % batch !== 0) throw new Error(`--total must split into ${rounds} rounds of whole batches of ${batch}`);

  const dir = tempDir('ledger');
  const handle = connect({ sqlitePath: join(dir.path, 'ledger.db') });
  const db = handle.db;
  try {
    await migrateToLatest(db, [kernelMigrations]);
    await createPlainTable(db);
    const plainDb = db.withTables<{ ledger_plain: LedgerEntryRow }>();
    const ledger = Ledger.of(handle, systemClock);
    const pool = eventPool(10_007);
    const bytes = pool.reduce((n, it) => n + jsonBytes(it.event), 0) / pool.length;
    progress(`sqlite file ${dir.path}; ${total.toLocaleString()} rows in ${rounds} rounds of ${perRound.toLocaleString()}, transactions of ${batch}; events average ${Math.round(bytes)} bytes of before/after JSON`);

    const tenant = 'tn_bench_chain';
    let plainSeq = 0;
    // Each writer walks the pool from its start, so hashed and plain insert literally the same rows in the same order.
    const feed = () => {
      let cursor = 0;
      return (): Item[] => {
        const items = new Array<Item>(batch);
        for (let i = 0; i < batch; i++) items[i] = pool[(cursor + i) % pool.length];
        cursor += batch;
        return items;
      };
    };

    const hashedBatch = (items: Item[], chain = tenant) => db.transaction().execute((tx) => ledger.appendMany(tx, chain, items));

    // The same rows, built the way Ledger.appendMany builds them, minus the chain: no head lock, no hash.
    const plainBatch = (items: Item[]) =>
      db.transaction().execute(async (tx) => {
        const now = systemClock.now().toISOString();
        const rows = new Array<LedgerEntryRow>(items.length);
        for (let i = 0; i < items.length; i++) {
          const { actor, event } = items[i];
          rows[i] = {
            tenant_id: tenant, seq: ++plainSeq, at: now,
            actor_kind: actor.kind, actor_id: actor.id, actor_name: actor.name,
            action: event.action, subject_type: event.subjectType, subject_id: event.subjectId,
            before: event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
            after: event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
            prev_hash: PLACEHOLDER_HASH, hash: PLACEHOLDER_HASH,
          };
        }
        const ptx = tx.withTables<{ ledger_plain: LedgerEntryRow }>();
        for (let i = 0; i < rows.length; i += 1000) await ptx.insertInto('ledger_plain').values(rows.slice(i, i + 1000)).execute();
      });

    const timedRound = async (write: (items: Item[]) => Promise<unknown>, next: () => Item[]): Promise<number> => {
      const start = process.hrtime.bigint();
      for (let done = 0; done < perRound; done += batch) await write(next());
      return perRound / secondsSince(start);
    };

    // Warm up the JIT and both statement paths, then empty what the warm-up wrote.
    const warm = feed();
    for (let i = 0; i < 20; i++) {
      await hashedBatch(warm(), 'tn_bench_warmup');
      await plainBatch(warm());
    }
    await db.deleteFrom('ledger_entries').where('tenant_id', '=', 'tn_bench_warmup').execute();
    await db.deleteFrom('ledger_heads').where('tenant_id', '=', 'tn_bench_warmup').execute();
    await plainDb.deleteFrom('ledger_plain').execute();
    plainSeq = 0;
    const hashedFeed = feed();
    const plainFeed = feed();

    const hashed: number[] = [];
    const plain: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // ABBA order, so that whichever runs second in a round (warmer caches, bigger WAL) alternates.
      const order = r % 2 === 0 ? (['hashed', 'plain'] as const) : (['plain', 'hashed'] as const);
      for (const which of order) {
        const rate = which === 'hashed' ? await timedRound(hashedBatch, hashedFeed) : await timedRound(plainBatch, plainFeed);
        (which === 'hashed' ? hashed : plain).push(rate);
        progress(`round ${r + 1}/${rounds} ${which.padEnd(6)} ${Math.round(rate).toLocaleString()} rows/s`);
      }
    }

    const singleTenant = 'tn_bench_single';
    const singleActor: Actor = { tenantId: singleTenant, kind: 'user', id: 'usr_bench', name: 'Bench User', roles: ['platform_admin'] };
    const singleStart = process.hrtime.bigint();
    for (let i = 0; i < single; i++) {
      const { event } = pool[i % pool.length];
      await db.transaction().execute((tx) => ledger.append(tx, singleActor, event));
    }
    const singleRate = single / secondsSince(singleStart);
    progress(`single-commit appends: ${Math.round(singleRate).toLocaleString()}/s over ${single.toLocaleString()}`);

    const verifyRates: number[] = [];
    for (let i = 0; i < verifyRuns; i++) {
      const start = process.hrtime.bigint();
      const result = await ledger.verify(db, tenant);
      const rate = result.entries / secondsSince(start);
      if (!result.ok || result.entries !== total) throw new Error(`verification failed: ${JSON.stringify(result)}`);
      verifyRates.push(rate);
      progress(`verify ${i + 1}/${verifyRuns}: ${result.entries.toLocaleString()} entries, ${Math.round(rate).toLocaleString()}/s`);
    }

    const hashedRate = median(hashed);
    const plainRate = median(plain);
    emit({
      bench: 'ledger',
      hashed_appends_per_s: round(hashedRate),
      plain_inserts_per_s: round(plainRate),
      overhead_ratio: round(plainRate / hashedRate, 3),
      single_commit_appends_per_s: round(singleRate),
      verify_per_s: round(median(verifyRates)),
      rows: total,
      batch,
      avg_payload_bytes: Math.round(bytes),
      hashed_rounds_per_s: hashed.map((x) => round(x)),
      plain_rounds_per_s: plain.map((x) => round(x)),
      verify_runs_per_s: verifyRates.map((x) => round(x)),
      ...machine(),
    });
  } finally {
    await handle.close();
    dir.remove();
  }
}

const PLACEHOLDER_HASH = 'f'.repeat(64);

/** A table with ledger_entries' exact DDL and indexes, named ledger_plain. */
async function createPlainTable(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string }>`select type, sql from sqlite_master where tbl_name = 'ledger_entries' and sql is not null order by type desc`.execute(db);
  if (!rows.some((r) => r.type === 'table')) throw new Error('ledger_entries is missing');
  for (const r of rows) {
    const ddl = r.sql.replace(/ledger_entries/g, 'ledger_plain').replace(/"ledger_(subject|action)"/g, '"ledger_plain_$1"').replace(/\bledger_(subject|action)\b/g, 'ledger_plain_$1');
    await sql.raw(ddl).execute(db);
  }
}

function jsonBytes(e: LedgerEvent): number {
  return (e.before == null ? 0 : JSON.stringify(e.before).length) + (e.after == null ? 0 : JSON.stringify(e.after).length);
}

/**
 * Events shaped like the ones Charter writes: gateway calls with digests (the batch writer), stage transitions,
 * and use-case updates carrying the ledger view before and after.
 */
function eventPool(n: number): Item[] {
  const r = rng(42);
  const users = Array.from({ length: 40 }, (_, i) => ({ kind: 'user' as const, id: `usr_01j${String(i).padStart(4, '0')}benchuser${i}`, name: `User ${i}` }));
  const tokens = Array.from({ length: 10 }, (_, i) => ({ kind: 'token' as const, id: `usr_01j${String(i).padStart(4, '0')}benchuser${i}`, name: `User ${i} (token ci-${i})` }));
  const stages = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'] as const;
  const models = ['gpt-4.1-mini', 'claude-sonnet-4', 'mistral-large', 'llama-3.3-70b'];
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    const ucId = `uc_01j${String(between(r, 0, 99_999)).padStart(5, '0')}bench${between(r, 100, 999)}`;
    const roll = r();
    if (roll < 0.6) {
      const prompt = `prompt ${i} ${'x'.repeat(between(r, 50, 2000))}`;
      const answer = `answer ${i} ${'y'.repeat(between(r, 20, 1500))}`;
      out.push({
        actor: pick(r, tokens),
        event: {
          action: 'gateway.call', subjectType: 'use_case', subjectId: ucId,
          after: {
            model: pick(r, models), requestId: `req_${i.toString(36)}_${between(r, 0, 1e9).toString(36)}`,
            prompt: digest(prompt), answer: digest(answer),
            tokens: { input: between(r, 20, 4000), output: between(r, 5, 1500) }, latencyMs: between(r, 80, 9000), status: 200,
            costEur: Math.round(r() * 10_000) / 100_000,
          },
        },
      });
    } else if (roll < 0.85) {
      const s = between(r, 0, stages.length - 2);
      out.push({
        actor: pick(r, users),
        event: { action: 'usecase.transition', subjectType: 'use_case', subjectId: ucId, before: { stage: stages[s] }, after: { stage: stages[s + 1], reason: r() < 0.5 ? null : 'Signed off at the portfolio review' } },
      });
    } else {
      const view = (version: number) => ({
        title: `Claims triage assistant ${i}`,
        outcome: {
          process: 'claims triage', metric: 'claims triage time', unit: 'min', baseline: between(r, 30, 90), target: between(r, 10, 29),
          direction: 'decrease', targetDate: '2026-12-31', control: 'human review for high-risk cases',
        },
        valueStreamId: `vs_01j${between(r, 0, 9)}claims`, ownerId: pick(r, users).id,
        dataClasses: { sensitivity: pick(r, ['internal', 'confidential', 'restricted']), categories: r() < 0.5 ? ['personal'] : ['personal', 'payment'] },
        stage: pick(r, stages), riskTier: pick(r, [null, 'limited', 'high']),
        priority: { impact: between(r, 1, 5), strategicFit: between(r, 1, 5), reach: between(r, 1, 5), dataReadiness: between(r, 1, 5), complexity: between(r, 1, 5), risk: between(r, 1, 5) },
        readiness: { dataSources: ['claims system', 'policy admin'], humanOversight: ['adjuster reviews every high-risk claim'], rollbackPlan: 'switch the router back to manual triage' },
        version,
      });
      const v = between(r, 1, 20);
      out.push({ actor: pick(r, users), event: { action: 'usecase.update', subjectType: 'use_case', subjectId: ucId, before: view(v), after: view(v + 1) } });
    }
  }
  return out;
}
