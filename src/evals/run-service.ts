import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict, type FieldProblem, Invalid, NotFound } from '../kernel/errors.js';
import { decodeCursor, pageOf } from '../kernel/http/pagination.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Release } from '../releases/schema.js';
import type { ReleaseService } from '../releases/service.js';
import { type CandidateCaller, rowVariableNames, templateGaps } from './candidate-service.js';
import type { DatasetService } from './dataset-service.js';
import type { DatasetRow } from './datasets/rows.js';
import type { RunExecutor, RunSettings } from './execution-service.js';
import type { EvalCaseResultRow, EvalRunRow } from './migrations.js';
import { expandProbes } from './redteam/attacks.js';
import type { RedTeamService } from './red-team-service.js';
import type { EvalRun, EvalRunCreate, RedTeamRunCreate, RunKind, RunStatus } from './schema.js';
import * as store from './store.js';

/** A run whose instance has not reported for this long is taken to have stopped, and is resumed. */
const ABANDONED_AFTER_MS = 60_000;

const Prediction = z.strictObject({
  id: z.string().min(1),
  output: z.string().nullable(),
  scores: z.record(z.string().min(1), z.number().min(0).max(1)).optional(),
  latencyMs: z.number().min(0).optional(),
  costUsd: z.number().min(0).optional(),
  error: z.string().optional(),
});

function toRun(row: EvalRunRow): EvalRun {
  return {
    id: row.id, useCaseId: row.use_case_id, releaseId: row.release_id, kind: row.kind as RunKind, mode: row.mode as EvalRun['mode'],
    datasetVersionId: row.dataset_version_id, datasetHash: row.dataset_hash,
    progress: { status: row.status as RunStatus, total: row.total, done: row.done, succeeded: row.done - row.failed, failed: row.failed },
    summary: fromJson(row.summary, null), error: row.error, createdBy: row.created_by, createdAt: row.created_at, finishedAt: row.finished_at,
  };
}

/** Reads a predictions file (JSONL: id, output, optional scores, latencyMs, costUsd, error) against a dataset's rows. */
function readPredictions(text: string, rows: readonly DatasetRow[], runId: string, tenantId: string): EvalCaseResultRow[] {
  const known = new Set(rows.map((r) => r.id));
  const seen = new Set<string>();
  const results: EvalCaseResultRow[] = [];
  const problems: FieldProblem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: z.ZodSafeParseResult<z.infer<typeof Prediction>>;
    try {
      parsed = Prediction.safeParse(JSON.parse(line));
    } catch (err) {
      problems.push({ path: `line ${i + 1}`, message: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    if (!parsed.success) return void problems.push(...parsed.error.issues.map((issue) => ({ path: `line ${i + 1}${issue.path.length ? `: ${issue.path.join('.')}` : ''}`, message: issue.message })));
    const p = parsed.data;
    if (!known.has(p.id)) return void problems.push({ path: `line ${i + 1}: id`, message: `the dataset has no case "${p.id}"` });
    if (seen.has(p.id)) return void problems.push({ path: `line ${i + 1}: id`, message: `a second prediction for case "${p.id}"` });
    seen.add(p.id);
    results.push({
      run_id: runId, case_id: p.id, tenant_id: tenantId, output: p.output, scores: p.scores ? toJson(p.scores) : null, error: p.error ?? (p.output === null ? 'no answer' : null),
      latency_ms: p.latencyMs ?? 0, cost_usd: p.costUsd ?? null, attempts: 1, event_id: null,
    });
  });
  const missing = rows.filter((r) => !seen.has(r.id)).map((r) => r.id);
  if (missing.length) problems.push({ path: 'cases', message: `${missing.length} case(s) have no prediction: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}` });
  if (problems.length) throw new Invalid(`${problems.length} problem(s) in the predictions; nothing was stored`, problems.slice(0, 1000));
  return results;
}

/**
 * Evaluation and red-team runs of release candidates: started over HTTP, executed in the background with a bound on
 * calls in flight, stored case by case, and resumed by any instance when the one running them stops.
 */
export class EvalRunService {
  private readonly active = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly k: Kernel,
    private readonly deps: { datasets: DatasetService; releases: ReleaseService; portfolio: PortfolioService; redTeam: RedTeamService; caller: CandidateCaller; executor: RunExecutor },
  ) {}

  private async release(actor: Actor, releaseId: string, useCaseId?: string): Promise<Release> {
    const release = await this.deps.releases.get(actor, releaseId);
    if (useCaseId !== undefined && useCaseId !== release.useCaseId) throw new Conflict(`release ${releaseId} belongs to use case ${release.useCaseId}, not ${useCaseId}`);
    return release;
  }

  private newRun(actor: Actor, release: Release, fields: Pick<EvalRunRow, 'kind' | 'mode' | 'total'> & Partial<EvalRunRow>): EvalRunRow {
    const now = this.k.clock.now().toISOString();
    return {
      id: newId('er'), tenant_id: actor.tenantId, use_case_id: release.useCaseId, release_id: release.id, dataset_version_id: null, dataset_hash: null,
      status: 'queued', settings: toJson({}), done: 0, failed: 0, summary: null, error: null, created_by: actor.id, created_at: now, finished_at: null,
      heartbeat_at: now, version: 1, ...fields,
    };
  }

  private async insert(actor: Actor, run: EvalRunRow, results: EvalCaseResultRow[] = []): Promise<void> {
    await this.k.db.transaction().execute(async (tx) => {
      await store.insertRun(tx, run);
      await store.insertCaseResults(tx, results);
      await this.k.ledger.append(tx, actor, {
        action: run.status === 'completed' ? 'eval.run.complete' : 'eval.run.start', subjectType: 'release', subjectId: run.release_id,
        after: { runId: run.id, kind: run.kind, mode: run.mode, cases: run.total, datasetVersionId: run.dataset_version_id, datasetHash: run.dataset_hash },
      });
      await this.deps.portfolio.touch(tx, actor.tenantId, run.use_case_id);
    });
  }

  async startEvaluation(actor: Actor, releaseId: string, input: EvalRunCreate): Promise<EvalRun> {
    const release = await this.release(actor, releaseId, input.useCaseId);
    const version = await this.deps.datasets.versionRow(actor, input.datasetId, input.version);
    const rows = await this.deps.datasets.rows(this.k.db, version);
    const gaps = templateGaps(await this.deps.caller.target(actor, release), rowVariableNames(rows));
    if (gaps.length) throw new Conflict(`the release's prompt template needs ${gaps.map((g) => `{{${g}}}`).join(', ')}, which rows of this dataset do not provide`);
    const settings: RunSettings = { concurrency: input.concurrency, maxAttempts: input.maxAttempts };
    const run = this.newRun(actor, release, { kind: 'evaluation', mode: 'live', total: rows.length, dataset_version_id: version.id, dataset_hash: version.content_hash, settings: toJson(settings) });
    await this.insert(actor, run);
    this.launch(run);
    return toRun(run);
  }

  async startRedTeam(actor: Actor, releaseId: string, input: RedTeamRunCreate): Promise<EvalRun> {
    const release = await this.release(actor, releaseId);
    const gaps = templateGaps(await this.deps.caller.target(actor, release), [['input']]);
    if (gaps.length) throw new Conflict(`the release's prompt template needs ${gaps.map((g) => `{{${g}}}`).join(', ')}, which a red-team attack cannot fill`);
    const probes = await this.deps.redTeam.suite(actor, input);
    const id = newId('er');
    const settings: RunSettings = { concurrency: input.concurrency, maxAttempts: input.maxAttempts, seed: input.seed ?? id, categories: input.categories, probes };
    const total = expandProbes(probes, { seed: settings.seed!, categories: input.categories }).length;
    const run = this.newRun(actor, release, { id, kind: 'red_team', mode: 'live', total, settings: toJson(settings) });
    await this.insert(actor, run);
    this.launch(run);
    return toRun(run);
  }

  /** Scores a file of predictions made elsewhere against a dataset version, at once, as evidence for the release. */
  async scoreOffline(actor: Actor, releaseId: string, query: { datasetId: string; version?: number }, text: string): Promise<EvalRun> {
    const release = await this.release(actor, releaseId);
    const version = await this.deps.datasets.versionRow(actor, query.datasetId, query.version);
    const rows = await this.deps.datasets.rows(this.k.db, version);
    const dataset = await this.deps.datasets.get(actor, query.datasetId);
    const run = this.newRun(actor, release, { kind: 'evaluation', mode: 'offline', total: rows.length, dataset_version_id: version.id, dataset_hash: version.content_hash });
    const results = readPredictions(text, rows, run.id, actor.tenantId);
    const summary = await this.deps.executor.evaluationSummary(run, dataset.kind, rows, results);
    const failed = results.filter((r) => r.error !== null).length;
    const finished = { ...run, status: 'completed', done: results.length, failed, summary: toJson(summary), finished_at: run.created_at };
    await this.insert(actor, finished, results);
    await this.deps.executor.announce(finished, summary);
    return toRun(finished);
  }

  private launch(run: EvalRunRow): void {
    const abort = new AbortController();
    // Every call in flight (up to 64) listens on the run's signal, through each of its retries and fallbacks.
    setMaxListeners(1024, abort.signal);
    const done = this.deps.executor.execute(run, abort.signal)
      .catch((err: unknown) => this.k.log.error({ err, run: run.id }, 'evaluation run stopped; it will be resumed'))
      .finally(() => this.active.delete(run.id));
    this.active.set(run.id, { abort, done });
  }

  /** Picks up runs whose instance stopped (a crash, a restart), skipping the cases they already stored. */
  async resumeAbandoned(now: Date): Promise<number> {
    const before = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
    const abandoned = (await store.abandonedRuns(this.k.db, before)).filter((r) => !this.active.has(r.id));
    for (const run of abandoned) this.launch(run);
    return abandoned.length;
  }

  async get(actor: Actor, id: string): Promise<EvalRun> {
    const row = await store.getRun(this.k.db, actor.tenantId, id);
    if (!row) throw new NotFound('evaluation run', id);
    return toRun(row);
  }

  async list(actor: Actor, releaseId: string, filter: { kind?: RunKind; limit: number; cursor?: string }) {
    await this.release(actor, releaseId);
    const after = decodeCursor(filter.cursor, 2, ['string', 'string']) as [string, string] | undefined;
    const rows = await store.listRuns(this.k.db, actor.tenantId, releaseId, { kind: filter.kind, limit: filter.limit, after });
    return pageOf(rows, filter.limit, (r) => [r.created_at, r.id], toRun);
  }

  async cases(actor: Actor, id: string, page: { limit: number; cursor?: string }) {
    await this.get(actor, id);
    const after = decodeCursor(page.cursor, 1, ['string'])?.[0] as string | undefined;
    const rows = await store.caseResultsPage(this.k.db, actor.tenantId, id, page.limit, after);
    return pageOf(rows, page.limit, (r) => [r.case_id], (r) => ({
      caseId: r.case_id, output: r.output, error: r.error, latencyMs: r.latency_ms, costUsd: r.cost_usd, attempts: r.attempts, eventId: r.event_id,
    }));
  }

  /** Stops starting new calls; runs in progress stay `running` and are resumed by the next instance. */
  /** Resolves once a run this instance is executing has ended (at once for any other run). */
  async settled(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  async close(): Promise<void> {
    for (const { abort } of this.active.values()) abort.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }
}
