/**
 * Measurement on SQLite (a temporary file database in WAL mode, as production runs it):
 *  - ingest: --events (10,000,000) synthetic gateway records over --days (90) for --use-cases (200) through the path
 *    the gateway's records take — the recorder's onFlushed listener (RollupWriter.accept: conversion, RollupAccumulator,
 *    drift sampling) and the rollup writes (merge-upserts of minute, hour and day rows, month counters). Writes happen
 *    every --flush-every (100,000) records, what the one-second flush timer does at 100,000 records/s. Each use case
 *    sends a day's calls in a --burst-minutes (5) burst (batch-style traffic, about 110 calls a minute while it lasts):
 *    an open minute costs two HDR histograms, so evenly spread traffic of one call per minute would cost far more per
 *    call. Generating the records is not counted; the CPU time of the ingest is printed beside its wall time.
 *  - scorecard: p95 over --runs (30) of the 90-day portfolio scorecard (ScorecardService.overview: registry, monitor
 *    states, outcome observations, counters from month counters and rollup rows), after one monitor pass has
 *    persisted the monitors' states as the minute job keeps them. The range ends on the 10th, so a third of it is
 *    read from day rows.
 *  - raw: the same scorecard computed from raw events over --raw-runs (5): the records (or the first --raw-events)
 *    in a plain table indexed by time, counters by SQL GROUP BY over the 90 days, and the monitored metrics' windows
 *    (error rate and p95 latency over 15 minutes, override rate and adoption over 7 days) computed in process,
 *    percentiles by sorting, their states by the same thresholds.
 *
 *   npm run bench -- metrics [--events 10000000] [--use-cases 200] [--days 90] [--runs 30] [--raw-runs 5] [--raw-events N]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { allMigrations, createServices } from '../src/app.js';
import type { GatewayEventRow } from '../src/gateway/migrations.js';
import { systemActor } from '../src/kernel/actor.js';
import { bootKernel } from '../src/kernel/boot.js';
import { ManualClock } from '../src/kernel/clock.js';
import { loadConfig } from '../src/kernel/config.js';
import { migrateToLatest } from '../src/kernel/db/migrations.js';
import { measurementMigrationSets, wireMeasurement } from '../src/metrics/index.js';
import { stateOfWindow } from '../src/metrics/monitor.js';
import { latestObservations } from '../src/metrics/store.js';
import { portfolioRollup, rollupByValueStream, useCaseScorecard } from '../src/metrics/scorecard.js';
import { defaultPacks } from '../src/policy/packs.js';
import { emit, intArg, parseArgs, progress } from './lib/out.js';
import { rng, round, secondsSince } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';

const DAY = 86_400_000;
const MIN = 60_000;
type Row = GatewayEventRow;

/** Deterministic records, in time order: day by day, each use case's burst at its own minute of the day. */
function* records(o: { events: number; useCases: string[]; days: number; burstMinutes: number; tenantId: string; start: number }): Generator<Row> {
  const r = rng(42);
  const perDay = o.events / (o.useCases.length * o.days);
  const order = o.useCases.map((id, u) => ({ id, u, minute: (u * 7) % 1440 })).sort((a, b) => a.minute - b.minute);
  let made = 0;
  for (let d = 0; d < o.days; d++) {
    for (const { id, u, minute } of order) {
      const count = Math.round(perDay * (d * o.useCases.length + u + 1)) - Math.round(perDay * (d * o.useCases.length + u));
      const t0 = o.start + d * DAY + minute * MIN;
      for (let i = 0; i < count && made < o.events; i++, made++) {
        const failed = r() < 0.015;
        const reviewed = r() < 0.05;
        const user = Math.floor(r() * 60);
        yield {
          id: `ge_${made}`, tenant_id: o.tenantId, use_case_id: id, release_id: `rel_${u}`, endpoint_id: 'ep_1', key_id: `key_${u}`, environment: 'production',
          at: new Date(t0 + Math.floor((i * o.burstMinutes * MIN) / count)).toISOString(), kind: 'chat', outcome: failed ? 'upstream_error' : 'ok',
          http_status: failed ? 502 : 200, error_code: failed ? 'upstream_error' : null, latency_ms: Math.round(150 + 1_500 * r() * r() + (r() < 0.02 ? 6_000 : 0)),
          ttft_ms: Math.round(80 + 300 * r()), tokens_in: 200 + Math.floor(r() * 1_800), tokens_out: 50 + Math.floor(r() * 600), cost_usd: 0.0004 + r() * 0.004,
          end_user_id: `user_${u}_${user}`, end_user_role: ['adjuster', 'underwriter', 'agent'][user % 3], end_user_verified: user % 5 === 0 ? 0 : 1,
          case_id: r() < 0.3 ? `case_${u}_${Math.floor(r() * 5_000)}` : null, data_classes: r() < 0.1 ? '{"sensitivity":"confidential","categories":["personal"]}' : '{"sensitivity":"internal","categories":[]}',
          redactions: 0, decisions: '[]', review_id: reviewed ? `rv_${made}` : null, streamed: 0, prompt_sha256: null, answer_sha256: null, prompt_text: null,
          answer_text: null, purge_after: null, record_hash: 'h', batch_id: 'gb_1', batch_index: made,
        };
      }
    }
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

interface RawRow { use_case_id: string; status: number; latency_ms: number; reviewed: number; end_user_id: string; verified: number }
function byUseCase(rows: RawRow[]): Map<string, RawRow[]> {
  const groups = new Map<string, RawRow[]>();
  for (const row of rows) {
    const group = groups.get(row.use_case_id);
    if (group) group.push(row);
    else groups.set(row.use_case_id, [row]);
  }
  return groups;
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const o = {
    events: intArg(args, 'events', 10_000_000), useCaseCount: intArg(args, 'use-cases', 200), days: intArg(args, 'days', 90), burstMinutes: intArg(args, 'burst-minutes', 5),
    flushEvery: intArg(args, 'flush-every', 100_000), runs: intArg(args, 'runs', 30), rawRuns: intArg(args, 'raw-runs', 5),
  };
  const rawEvents = intArg(args, 'raw-events', o.events);
  const dir = tempDir('metrics');
  const start = Date.parse('2026-01-10T00:00:00Z');
  const clock = new ManualClock(new Date(start + o.days * DAY));
  const k = await bootKernel(loadConfig({}, { sqlitePath: join(dir.path, 'charter.db'), logLevel: 'warn' }), { clock });
  try {
    await migrateToLatest(k.db, [...allMigrations, ...measurementMigrationSets.filter((s) => !allMigrations.includes(s))]);
    const services = createServices(k);
    let listener: ((rows: Row[]) => void) | undefined;
    const m = wireMeasurement(k, { portfolio: services.portfolio, releases: services.releases, packs: async (_t, tier) => defaultPacks()[tier] }, { onFlushed: (l) => (listener = l) },
      { flushMs: 3_600_000, maxOpenBuckets: Number.MAX_SAFE_INTEGER, samplesPerHour: 30 });
    const tenant = await services.auth.createTenant(k.db, 'bench', 'Bench Insurance');
    const owner = await services.auth.addMember(k.db, tenant.id, { email: 'owner@bench.test', name: 'Bench Owner', roles: ['platform_admin'] });
    const actor = { ...systemActor(tenant.id, 'bench'), kind: 'user' as const, id: owner.id, name: owner.name };
    const streams = await Promise.all(Array.from({ length: 8 }, (_, i) => services.portfolio.createValueStream(actor, { name: `Stream ${i}`, description: '' })));
    const useCases: string[] = [];
    for (let u = 0; u < o.useCaseCount; u++) {
      const uc = await services.portfolio.create(actor, {
        title: `Use case ${u}`, description: '', valueStreamId: streams[u % streams.length].id, teamId: `team_${u % 20}`, affectedUsers: [{ group: 'adjuster', headcount: 80 }],
        outcome: 'Reduce claims triage time by 30% while preserving human review for high-risk cases', dataClasses: { sensitivity: 'confidential', categories: ['personal'] }, tags: [],
      });
      await k.db.transaction().execute((tx) => services.portfolio.setGovernance(tx, actor, uc.id, 'high', null));
      await k.db.updateTable('use_cases').set({ stage: 'production', target_date: '2026-12-31' }).where('id', '=', uc.id).execute();
      useCases.push(uc.id);
    }
    const layout = { events: o.events, useCases, days: o.days, burstMinutes: o.burstMinutes, tenantId: tenant.id, start };
    progress(`sqlite file ${dir.path}; ${o.events.toLocaleString()} records over ${o.days} days for ${o.useCaseCount} use cases, ${o.burstMinutes}-minute daily bursts`);

    let ingestNs = 0n;
    let batch: Row[] = [];
    let sinceFlush = 0;
    let ingestCpuUs = 0;
    const timed = async (work: () => unknown) => {
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await work();
      const used = process.cpuUsage(cpu);
      ingestCpuUs += used.user + used.system;
      ingestNs += process.hrtime.bigint() - t;
    };
    for (const row of records(layout)) {
      batch.push(row);
      if (batch.length < 2_000) continue;
      const rows = batch;
      batch = [];
      await timed(() => listener!(rows));
      if ((sinceFlush += rows.length) >= o.flushEvery) {
        sinceFlush = 0;
        await timed(() => m.services.rollups.flush());
      }
    }
    await timed(() => listener!(batch));
    await timed(() => m.close());
    const ingestS = Number(ingestNs) / 1e9;
    const rows = await k.db.selectFrom('metric_rollups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    progress(`ingest: ${round(ingestS, 1)} s (${round(ingestCpuUs / 1e6, 1)} s of CPU), ${round(o.events / ingestS)} records/s, ${Number(rows.n).toLocaleString()} rollup rows`);

    clock.set(new Date(start + o.days * DAY));
    await m.services.ingest.ingest(actor, useCases.map((id, u) => ({ metric: `outcome.${id}`, useCaseId: id, at: new Date(clock.now().getTime() - DAY).toISOString(), value: 80 + (u % 15), unit: 'percent', idempotencyKey: `o-${u}` })));
    const monitorStart = process.hrtime.bigint();
    await m.services.monitors.evaluateTenant(tenant.id, clock.now());
    progress(`one monitor pass over ${o.useCaseCount} use cases: ${round(secondsSince(monitorStart) * 1000)} ms`);

    const to = clock.now().getTime() + 1;
    const from = to - o.days * DAY;
    const scorecard = () => m.services.scorecards.overview(actor, { portfolio: true }, from, to);
    for (let i = 0; i < 3; i++) await scorecard();
    const times: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const t = process.hrtime.bigint();
      const cards = await scorecard();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (cards.useCases.length !== o.useCaseCount) throw new Error('the scorecard lost use cases');
    }
    progress(`scorecard: p50 ${round(times.sort((a, b) => a - b)[times.length >> 1], 1)} ms, p95 ${round(p95(times), 1)} ms over ${o.runs} runs`);

    const raw = new Database(join(dir.path, 'charter.db'));
    raw.exec('CREATE TABLE raw_events (use_case_id TEXT NOT NULL, at TEXT NOT NULL, status INTEGER NOT NULL, latency_ms REAL NOT NULL, tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, reviewed INTEGER NOT NULL, end_user_id TEXT, end_user_role TEXT, verified INTEGER NOT NULL)');
    const insert = raw.prepare('INSERT INTO raw_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const fill = raw.transaction((rs: Row[]) => {
      for (const r of rs) insert.run(r.use_case_id, r.at, r.http_status, r.latency_ms, r.tokens_in + r.tokens_out, r.cost_usd, r.review_id ? 1 : 0, r.end_user_id, r.end_user_role, r.end_user_verified);
    });
    const fillStart = process.hrtime.bigint();
    let filled: Row[] = [];
    let count = 0;
    for (const r of records(layout)) {
      if (count++ >= rawEvents) break;
      filled.push(r);
      if (filled.length === 10_000) fill(filled.splice(0));
    }
    fill(filled);
    filled = [];
    raw.exec('CREATE INDEX raw_events_at ON raw_events (at)');
    progress(`raw table: ${Math.min(rawEvents, o.events).toLocaleString()} records written and indexed in ${round(secondsSince(fillStart), 1)} s`);

    const iso = (ms: number) => new Date(ms).toISOString();
    const rawScorecard = async () => {
      const all = await services.portfolio.all(actor);
      const tracked = await m.services.registry.tracked(actor, all);
      const outcomes = new Map((await latestObservations(k.db, tenant.id, all.map((uc) => `outcome.${uc.id}`), iso(to))).map((o) => [o.use_case_id, o.value]));
      const counters = raw.prepare('SELECT use_case_id, count(*) AS requests, sum(status >= 400) AS errors, sum(cost_usd) AS cost, sum(tokens) AS tokens, sum(reviewed) AS reviewed FROM raw_events WHERE at >= ? AND at < ? GROUP BY use_case_id').all(iso(from), iso(to));
      const windowRows = (ms: number) => raw.prepare('SELECT use_case_id, status, latency_ms, reviewed, end_user_id, verified FROM raw_events WHERE at >= ? AND at < ?').all(iso(to - ms), iso(to)) as RawRow[];
      const short = byUseCase(windowRows(15 * MIN));
      const week = byUseCase(windowRows(7 * DAY));
      const cards = all.map((uc) => {
        const s = short.get(uc.id) ?? [];
        const w = week.get(uc.id) ?? [];
        const latencies = s.map((x) => x.latency_ms).sort((a, b) => a - b);
        const readings: Record<string, { value: number | null; samples: number }> = {
          'gateway.error_rate': { value: s.length ? s.filter((x) => x.status >= 400).length / s.length : null, samples: s.length },
          'gateway.latency_p95': { value: latencies.length ? latencies[Math.ceil(latencies.length * 0.95) - 1] : null, samples: latencies.length },
          'gateway.override_rate': { value: null, samples: w.filter((x) => x.reviewed).length },
          'gateway.adoption_by_role': { value: new Set(w.filter((x) => x.verified).map((x) => x.end_user_id)).size / 80, samples: 80 },
        };
        const metrics = tracked.get(uc.id)!.filter((t) => t.rule).map((t) => ({
          key: t.definition.key, layer: t.definition.layer, adoption: t.definition.adoption, state: stateOfWindow(t.rule!, readings[t.definition.key] ?? { value: null, samples: 0 }, 'OK'),
        }));
        const o = uc.outcome!;
        const outcome = { baseline: o.baseline, target: o.target, direction: o.direction, current: outcomes.get(uc.id) ?? null, startAt: uc.createdAt, targetDate: uc.targetDate! };
        return useCaseScorecard({ useCaseId: uc.id, valueStreamId: uc.valueStream?.id ?? null, outcome, metrics }, clock.now());
      });
      return { counters, overall: portfolioRollup(cards), valueStreams: rollupByValueStream(cards) };
    };
    await rawScorecard();
    const rawTimes: number[] = [];
    for (let i = 0; i < o.rawRuns; i++) {
      const t = process.hrtime.bigint();
      await rawScorecard();
      rawTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    raw.close();
    progress(`raw scorecard: p95 ${round(p95(rawTimes))} ms over ${o.rawRuns} runs`);
    emit({ bench: 'metrics', events: o.events, ingest_per_s: round(o.events / ingestS), scorecard_p95_ms: round(p95(times), 1), raw_groupby_p95_ms: round(p95(rawTimes), 1) });
  } finally {
    await k.close();
    dir.remove();
  }
}
