/**
 * Evaluation throughput: a classification suite (--classification, 10,000 cases) and a generation suite
 * (--generation, 2,000 cases, one deterministic assertion each: equals, contains, regex, is-json) evaluated against an
 * OpenAI-compatible mock upstream on 127.0.0.1 (--latency 5 ms, deterministic answers), at --concurrency 16:
 *
 *   Charter   a real listening Charter (SQLite in WAL mode): the dataset is uploaded, then the timed part is
 *             POST /api/v1/releases/:id/eval-runs through the gateway, the per-case results stored as they
 *             complete, and the metrics with their bootstrap intervals, until the progress endpoint says completed;
 *   promptfoo the same cases, mock and assertions with `promptfoo eval -j 16` (debug log off), timed as a process.
 *
 * One JSON line per suite with both wall times, their ratio and whether both counted the same passes and failures.
 * Without promptfoo (not installable here, or --no-promptfoo) its side is null, with the reason.
 *
 *   npm run bench -- evals [--classification 10000] [--generation 2000] [--concurrency 16] [--latency 5] [--no-promptfoo]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createCharter } from '../src/app.js';
import type { Actor } from '../src/kernel/actor.js';
import type { Role } from '../src/kernel/auth/permissions.js';
import { loadConfig } from '../src/kernel/config.js';
import { classificationSuite, generationSuite, type Suite } from './lib/eval-suites.js';
import { emit, intArg, machine, parseArgs, progress } from './lib/out.js';
import { type Anchor, promptfooAnchor, runPromptfoo } from './lib/promptfoo.js';
import { tempDir } from './lib/tmp.js';

const here = dirname(fileURLToPath(import.meta.url));
const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const concurrency = intArg(args, 'concurrency', 16);
  const latencyMs = intArg(args, 'latency', 5);
  const suites = [classificationSuite(intArg(args, 'classification', 10_000)), generationSuite(intArg(args, 'generation', 2_000))];
  const dir = tempDir('evals');
  const anchor = args.has('no-promptfoo') ? { unavailable: 'skipped with --no-promptfoo' } : await promptfooAnchor();
  if ('unavailable' in anchor) progress(`promptfoo side skipped: ${anchor.unavailable}`);
  const charter = await startCharter(dir.path, suites, latencyMs);
  try {
    for (const suite of suites) {
      progress(`${suite.name}: ${suite.promptfooTests.length} cases on Charter`);
      const mine = await charter.evaluate(suite, concurrency);
      let theirs: Awaited<ReturnType<typeof runPromptfoo>> | null = null;
      if (!('unavailable' in anchor)) {
        progress(`${suite.name}: the same cases on promptfoo ${anchor.version} (${anchor.isolation})`);
        const work = join(dir.path, `promptfoo-${suite.name}`);
        mkdirSync(work, { recursive: true });
        theirs = await runPromptfoo(anchor as Anchor, work, suite, concurrency, latencyMs);
      }
      emit({
        bench: 'evals', suite: suite.name, cases: suite.promptfooTests.length,
        charter_s: round(mine.seconds), promptfoo_s: theirs ? round(theirs.seconds) : null, speedup: theirs ? round(theirs.seconds / mine.seconds, 1) : null,
        same_counts: theirs ? theirs.passes === mine.passes && theirs.failures + theirs.errors === mine.failures : null,
        charter_cases_per_s: Math.round(suite.promptfooTests.length / mine.seconds), promptfoo_cases_per_s: theirs ? Math.round(suite.promptfooTests.length / theirs.seconds) : null,
        metrics_ms: mine.metricsMs, charter_passes: mine.passes, charter_failures: mine.failures, expected_passes: suite.expectedPasses,
        promptfoo_passes: theirs?.passes ?? null, promptfoo_failures: theirs ? theirs.failures + theirs.errors : null,
        ...('unavailable' in anchor ? { promptfoo_unavailable: anchor.unavailable } : { promptfoo_version: anchor.version, promptfoo_isolation: anchor.isolation }),
        concurrency, mock_latency_ms: latencyMs, ...machine(),
      });
    }
  } finally {
    await charter.close();
    dir.remove();
  }
}

type Headers = Record<string, string>;

/** A Charter listening on 127.0.0.1 with a tenant, a minimal-tier use case and a release calling the mock upstream. */
async function startCharter(dir: string, suites: Suite[], latencyMs: number) {
  const answers = Object.assign({}, ...suites.map((s) => s.answers)) as Record<string, string>;
  const mock = await startMock(dir, answers, latencyMs);
  const charter = await createCharter(loadConfig({}, { logLevel: 'silent', host: '127.0.0.1', port: 0, masterKey: randomBytes(32).toString('base64'), sqlitePath: join(dir, 'charter.db') }));
  await charter.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(charter.http.server.address() as AddressInfo).port}`;
  const api = async (method: string, path: string, headers: Headers, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': type }) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const data = (await res.json()) as Record<string, any>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data).slice(0, 300)}`);
    return data;
  };
  const { auth, portfolio } = charter.services;
  const db = charter.kernel.db;
  const tenant = await auth.createTenant(db, 'bench', 'Bench');
  const member = async (role: Role): Promise<{ actor: Actor; headers: Headers }> => {
    const user = await auth.addMember(db, tenant.id, { email: `${role}@bench.test`, name: role, roles: [role] });
    const actor: Actor = { tenantId: tenant.id, kind: 'user', id: user.id, name: user.name, roles: [role] };
    return { actor, headers: { authorization: `Bearer ${(await auth.createToken(actor, { name: 'bench' })).token}` } };
  };
  const [admin, owner, builder] = [await member('platform_admin'), await member('business_owner'), await member('builder')];
  const stream = await portfolio.createValueStream(admin.actor, { name: 'Support', description: 'Tickets to resolution' });
  const useCase = await api('POST', '/api/v1/use-cases', owner.headers, {
    title: 'Support ticket routing', outcome: 'Reduce ticket routing time by 30% while keeping agents in control', valueStreamId: stream.id, dataClasses: { sensitivity: 'internal', categories: [] },
  });
  await db.transaction().execute((tx) => portfolio.setGovernance(tx, admin.actor, useCase.id, 'minimal', null));
  const endpoint = await api('POST', '/api/v1/model-endpoints', admin.headers, {
    name: 'bench-model', provider: 'openai', baseUrl: `${mock.url}/v1`, model: 'bench-model', region: 'local', approvedTiers: ['minimal'],
    allowedDataClasses: { maxSensitivity: 'confidential', categories: [] }, pricePer1kInput: 0.1, pricePer1kOutput: 0.2, credential: 'bench',
  });
  const release = await api('POST', `/api/v1/use-cases/${useCase.id}/releases`, builder.headers, { name: 'bench release', endpointId: endpoint.id });

  return {
    /** Uploads the suite as a dataset, then times one evaluation run from its start to its completed summary. */
    async evaluate(suite: Suite, concurrency: number) {
      const dataset = await api('POST', '/api/v1/datasets', builder.headers, { name: `bench ${suite.name}`, kind: suite.kind });
      await api('POST', `/api/v1/datasets/${dataset.id}/versions`, builder.headers, suite.jsonl, 'application/x-ndjson');
      const started = performance.now();
      const created = await api('POST', `/api/v1/releases/${release.id}/eval-runs`, builder.headers, { datasetId: dataset.id, concurrency });
      while (!['completed', 'failed'].includes((await api('GET', `/api/v1/eval-runs/${created.id}/progress`, builder.headers)).status)) await sleep(20);
      const seconds = (performance.now() - started) / 1000;
      const run = await api('GET', `/api/v1/eval-runs/${created.id}`, builder.headers);
      if (run.progress.status !== 'completed') throw new Error(`the ${suite.name} run failed: ${run.error}`);
      const metric = run.summary.metrics[suite.kind === 'classification' ? 'accuracy' : 'assertion_pass_rate'];
      const passes = Math.round(metric.value * metric.support);
      return { seconds, passes, failures: suite.promptfooTests.length - passes, metricsMs: run.summary.computeMs as number };
    },
    async close() {
      await charter.close();
      mock.stop();
    },
  };
}

/** The mock upstream in its own process (Node through tsx), as promptfoo's side runs it. */
async function startMock(dir: string, answers: Record<string, string>, latencyMs: number) {
  const book = join(dir, 'answers.json');
  const ready = join(dir, 'mock-ready');
  writeFileSync(book, JSON.stringify({ latencyMs, answers }));
  const tsx = join(here, '..', 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
  const child = spawn(process.execPath, ['--import', tsx, join(here, 'lib', 'openai-mock.ts'), book, '0', ready], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; !existsSync(ready) || !readFileSync(ready, 'utf8'); i++) {
    if (i > 500 || child.exitCode !== null) throw new Error('the mock upstream did not start');
    await sleep(20);
  }
  return { url: `http://127.0.0.1:${readFileSync(ready, 'utf8')}`, stop: () => child.kill() };
}
