/**
 * Req/s and p99 of the portfolio listing over a real listening server on 127.0.0.1, on SQLite (a temporary file in
 * WAL mode, as production runs it) and on PostgreSQL (a fresh schema, dropped afterwards):
 *   list      GET /api/v1/use-cases?limit=50&sort=priority
 *   filtered  ... &stage=pilot,production
 *   stream    ... &valueStreamId=<one of eight value streams>
 * over --count (10,000) use cases of one tenant (plus a second tenant's 2,000, so tenant scoping is exercised), read
 * with an API token. Load comes from autocannon (--connections 50, --duration 10 s per variant) in its own process,
 * so its CPU is reported apart from the server's. One JSON line per database.
 *
 *   npm run bench -- api [--db sqlite|postgres|both] [--count 10000] [--connections 50] [--duration 10]
 */
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCharter, type Charter } from '../src/app.js';
import type { Actor } from '../src/kernel/actor.js';
import { loadConfig } from '../src/kernel/config.js';
import { newId } from '../src/kernel/ids.js';
import type { UseCaseRow } from '../src/portfolio/migrations.js';
import { priorityScore } from '../src/portfolio/priority.js';
import type { PriorityInputs } from '../src/portfolio/schema.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { emit, intArg, machine, parseArgs, progress } from './lib/out.js';
import { createSchema, PG_URL, pgProblem } from './lib/pg.js';
import { between, pick, rng, round } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';

type DbKind = 'sqlite' | 'postgres';

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const which = args.get('db') ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error('--db must be sqlite, postgres or both');
  const opts = {
    count: intArg(args, 'count', 10_000),
    connections: intArg(args, 'connections', 50),
    durationS: intArg(args, 'duration', 10),
  };
  const dbs: DbKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DbKind];
  for (const db of dbs) {
    if (db === 'postgres') {
      const problem = await pgProblem();
      if (problem) {
        progress(`PostgreSQL at ${PG_URL} does not answer (${problem}); skipping the PostgreSQL run`);
        emit({ bench: 'api', db, skipped: `PostgreSQL at ${PG_URL} did not answer: ${problem}` });
        continue;
      }
    }
    emit(await benchOne(db, opts));
  }
}

async function benchOne(db: DbKind, opts: { count: number; connections: number; durationS: number }): Promise<Record<string, unknown>> {
  const dir = db === 'sqlite' ? tempDir('api') : undefined;
  const pgSchema = db === 'postgres' ? await createSchema() : undefined;
  let charter: Charter | undefined;
  try {
    const config = loadConfig({}, {
      logLevel: 'silent',
      host: '127.0.0.1',
      port: 0,
      masterKey: randomBytes(32).toString('base64'),
      ...(db === 'sqlite' ? { sqlitePath: join(dir!.path, 'charter.db') } : { databaseUrl: PG_URL }),
    });
    charter = await createCharter(config, { schema: pgSchema?.schema });
    const fx = await seed(charter, opts.count);
    await charter.http.listen({ host: '127.0.0.1', port: 0 });
    const { port } = charter.http.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/v1/use-cases?limit=50&sort=priority`;
    const variants = {
      list: base,
      filtered: `${base}&stage=pilot,production`,
      stream: `${base}&valueStreamId=${fx.valueStreamId}`,
    };
    for (const [name, url] of Object.entries(variants)) await check(name, url, fx.headers);

    progress(`${db}: warming up for 3 s`);
    await runLoad({ url: variants.list, headers: fx.headers, connections: opts.connections, durationS: 3 });

    const results: Record<string, LoadResult & { serverCpuPct: number }> = {};
    for (const [name, url] of Object.entries(variants)) {
      // The server's CPU over the load itself, not over the load generator's start-up.
      let cpu0 = process.cpuUsage();
      let t0 = process.hrtime.bigint();
      const r = await runLoad({ url, headers: fx.headers, connections: opts.connections, durationS: opts.durationS }, () => {
        cpu0 = process.cpuUsage();
        t0 = process.hrtime.bigint();
      });
      const cpu = process.cpuUsage(cpu0);
      const serverCpuPct = (100 * (cpu.user + cpu.system)) / (Number(process.hrtime.bigint() - t0) / 1e3);
      // A non-2xx answer means the bench measured failures; timeouts (10 s) and socket errors are reported instead.
      if (r.non2xx) throw new Error(`${db} ${name}: ${r.non2xx} non-2xx responses`);
      results[name] = { ...r, serverCpuPct };
      progress(
        `${db} ${name.padEnd(8)} ${Math.round(r.rps).toLocaleString()} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms; ` +
          `server CPU ${Math.round(serverCpuPct)} %, load generator CPU ${Math.round(r.cpuPct)} %${r.errors ? `; ${r.errors} errors (${r.timeouts} timeouts)` : ''}`,
      );
    }
    const { list, filtered, stream } = results;
    return {
      bench: 'api',
      db,
      rps: round(list.rps),
      p99_ms: list.p99Ms,
      filtered_rps: round(filtered.rps),
      filtered_p99_ms: filtered.p99Ms,
      stream_rps: round(stream.rps),
      stream_p99_ms: stream.p99Ms,
      p50_ms: list.p50Ms,
      errors: list.errors + filtered.errors + stream.errors,
      server_cpu_pct: round(list.serverCpuPct),
      loadgen_cpu_pct: round(list.cpuPct),
      use_cases: opts.count,
      connections: opts.connections,
      duration_s: opts.durationS,
      ...machine(),
    };
  } finally {
    await charter?.close();
    await pgSchema?.drop();
    dir?.remove();
  }
}

/** One request of each variant before the load: a 200 with a full page, so the bench never measures errors. */
async function check(name: string, url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
  if (res.status !== 200 || !Array.isArray(body.items) || body.items.length !== 50 || !body.nextCursor) {
    throw new Error(`${name}: expected a full page of 50, got ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

const STREAMS = [
  ['Claims', 'First notice of loss to settlement'],
  ['Customer support', 'Contact centre, chat and email'],
  ['Software delivery', 'From backlog to production'],
  ['Finance close', 'Month-end close and reporting'],
  ['Underwriting', 'Quote, bind and renew'],
  ['HR services', 'Hiring, onboarding and employee questions'],
  ['Procurement', 'Source to pay'],
  ['Legal', 'Contracts and regulatory change'],
] as const;

// Realistic shares: most of a portfolio is early, a few reach production, some are stopped.
const STAGE_WEIGHTS: [UseCaseRow['stage'], number][] = [
  ['intake', 22], ['triage', 14], ['assessed', 12], ['approved', 8], ['build', 10], ['pilot', 10], ['production', 9],
  ['retired', 5], ['rejected', 7], ['suspended', 3],
];
const PROCESSES = [
  ['claims triage', 'claims triage time', 'min', 'decrease'], ['first contact resolution', 'first contact resolution rate', '%', 'increase'],
  ['invoice matching', 'manual matching effort', 'h', 'decrease'], ['code review', 'review turnaround', 'h', 'decrease'],
  ['policy renewal', 'renewal retention', '%', 'increase'], ['fraud screening', 'false positive rate', '%', 'decrease'],
  ['contract review', 'review cycle time', 'd', 'decrease'], ['candidate screening', 'time to shortlist', 'd', 'decrease'],
] as const;
const VERBS = ['assistant', 'copilot', 'summariser', 'triage', 'classifier', 'drafting aid', 'search', 'extraction'];
const CONTROLS = ['human review for high-risk cases', 'four-eyes approval before sending', 'weekly sampling by the process owner', 'confidence threshold with manual fallback'];
const TAGS = ['genai', 'ml', 'rpa', 'customer-facing', 'internal', 'regulated', 'quick-win', 'strategic'];

function weighted<T>(r: () => number, table: [T, number][]): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
}

interface Fixture {
  headers: Record<string, string>;
  valueStreamId: string;
}

/** A tenant with eight value streams, 30 owners and `count` use cases (inserted directly, in transactions of 500). */
export async function seed(charter: Charter, count: number): Promise<Fixture> {
  const { auth } = charter.services;
  const db = charter.kernel.db;
  const started = Date.now();
  const main = await seedTenant(charter, 'bench-acme', 'Acme Insurance (bench)', count, 1);
  await seedTenant(charter, 'bench-globex', 'Globex Bank (bench)', Math.round(count / 5), 2);
  const reader = await auth.addMember(db, main.tenantId, { email: 'reader@bench-acme.test', name: 'Portfolio Reader', roles: ['viewer'] });
  const actor: Actor = { tenantId: main.tenantId, kind: 'user', id: reader.id, name: reader.name, roles: ['viewer'] };
  const token = await auth.createToken(actor, { name: 'bench' });
  progress(`${charter.kernel.dialect}: seeded ${count.toLocaleString()} + ${Math.round(count / 5).toLocaleString()} use cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { headers: { authorization: `Bearer ${token.token}` }, valueStreamId: main.streamIds[0] };
}

async function seedTenant(charter: Charter, slug: string, name: string, count: number, seed: number) {
  const { auth, portfolio } = charter.services;
  const db = charter.kernel.db;
  const r = rng(seed);
  const tenant = await auth.createTenant(db, slug, name);
  const admin = await auth.addMember(db, tenant.id, { email: `admin@${slug}.test`, name: 'Portfolio Admin', roles: ['platform_admin'] });
  const adminActor: Actor = { tenantId: tenant.id, kind: 'user', id: admin.id, name: admin.name, roles: ['platform_admin'] };
  const streamIds: string[] = [];
  for (const [n, d] of STREAMS) streamIds.push((await portfolio.createValueStream(adminActor, { name: n, description: d })).id);
  const owners: string[] = [];
  for (let i = 0; i < 30; i++) {
    owners.push((await auth.addMember(db, tenant.id, { email: `owner${i}@${slug}.test`, name: `Owner ${i}`, roles: ['business_owner'] })).id);
  }

  const now = Date.now();
  const day = 86_400_000;
  const rows: UseCaseRow[] = [];
  for (let i = 0; i < count; i++) {
    const [process, metric, unit, direction] = pick(r, PROCESSES);
    const stage = weighted(r, STAGE_WEIGHTS);
    const created = now - between(r, 1, 720) * day;
    const lastActivity = Math.min(now, created + between(r, 0, 400) * day);
    const baseline = between(r, 20, 90);
    const hasOutcome = r() > 0.08;
    const priority: PriorityInputs | null = r() > 0.1
      ? { impact: between(r, 1, 5), strategicFit: between(r, 1, 5), reach: between(r, 1, 5), dataReadiness: between(r, 1, 5), complexity: between(r, 1, 5), risk: between(r, 1, 5) }
      : null;
    const targetDate = new Date(now + between(r, 30, 540) * day).toISOString().slice(0, 10);
    const sensitivity = pick(r, ['public', 'internal', 'internal', 'confidential', 'confidential', 'restricted'] as const);
    const categories = sensitivity === 'public' ? [] : (['personal', 'health', 'payment', 'credentials'] as const).filter(() => r() < 0.3);
    const late = ['approved', 'build', 'pilot', 'production', 'retired', 'suspended'].includes(stage);
    rows.push({
      id: newId('uc', created),
      tenant_id: tenant.id,
      title: `${process[0].toUpperCase()}${process.slice(1)} ${pick(r, VERBS)} ${i + 1}`,
      description: `Helps the ${process} team with ${metric}; started as an experiment in ${pick(r, STREAMS)[0].toLowerCase()}.`,
      outcome: hasOutcome
        ? JSON.stringify({
            process, metric, unit, baseline, direction,
            target: direction === 'decrease' ? Math.round(baseline * 0.7) : Math.min(100, Math.round(baseline * 1.3)),
            targetDate, control: pick(r, CONTROLS),
          })
        : null,
      value_stream_id: r() < 0.97 ? pick(r, streamIds) : null,
      owner_id: r() < 0.95 ? pick(r, owners) : null,
      sponsor: r() < 0.6 ? `VP ${pick(r, STREAMS)[0]}` : null,
      team_id: null,
      affected_users: JSON.stringify([{ group: `${process} team`, headcount: between(r, 5, 400) }, ...(r() < 0.4 ? [{ group: 'customers', headcount: between(r, 1000, 200_000) }] : [])]),
      data_sensitivity: sensitivity,
      data_categories: JSON.stringify(categories),
      risk_tier: late ? pick(r, ['minimal', 'limited', 'limited', 'high', 'critical']) : null,
      policy_pack_version: late ? 'eu-ai-act@3' : null,
      stage,
      suspended_from: stage === 'suspended' ? pick(r, ['build', 'pilot', 'production']) : null,
      priority: priority ? JSON.stringify(priority) : null,
      priority_score: priority ? priorityScore(priority).score : 0,
      readiness: JSON.stringify({
        dataSources: ['core system', 'document store'].slice(0, between(r, 0, 2)),
        humanOversight: r() < 0.7 ? [pick(r, CONTROLS)] : [],
        rollbackPlan: late ? 'route work back to the manual queue' : '',
      }),
      target_date: targetDate,
      tags: JSON.stringify(TAGS.filter(() => r() < 0.2)),
      source: pick(r, ['api', 'api', 'intake', 'import'] as const),
      last_activity_at: new Date(lastActivity).toISOString(),
      created_at: new Date(created).toISOString(),
      updated_at: new Date(lastActivity).toISOString(),
      version: between(r, 1, 12),
    });
  }
  // 27 columns a row: batches of 500 stay under both databases' bind-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.transaction().execute((tx) => tx.insertInto('use_cases').values(chunk).execute());
  }
  // PostgreSQL's autovacuum would analyze a table this size within a minute; do it now so plans are steady-state ones.
  if (charter.kernel.dialect === 'postgres') await sql`analyze use_cases`.execute(db);
  return { tenantId: tenant.id, streamIds };
}
