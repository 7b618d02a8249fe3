import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict } from '../kernel/errors.js';
import type { ReleaseService } from '../releases/service.js';
import type { BaselineService } from './baseline-service.js';
import { attackRequest, type CandidateCaller, type CandidateTarget, caseRequest, type CaseRequest } from './candidate-service.js';
import type { DatasetService } from './dataset-service.js';
import type { TaskKind } from './datasets/rows.js';
import type { EvalCaseResultRow, EvalRunRow } from './migrations.js';
import { expandProbes } from './redteam/attacks.js';
import type { RedTeamCategory } from './redteam/categories.js';
import type { Probe } from './redteam/probe.js';
import { judgeAttacks } from './redteam/score.js';
import { type CaseResult, runCases } from './runner.js';
import { outcomeOf } from './baseline-service.js';
import { qualityMetrics, scoredCases, summariseMetrics } from './summary.js';
import * as store from './store.js';

/** How a run was asked to go; red-team runs also keep the probes and seed, so a resumed run sends the same attacks. */
export interface RunSettings {
  concurrency: number;
  maxAttempts: number;
  seed?: string;
  categories?: RedTeamCategory[];
  probes?: Probe[];
}

/** The cases a run calls, and how their stored outcomes are summed up once all are in. */
interface Plan {
  target: CandidateTarget;
  cases: { id: string; request: CaseRequest }[];
  summarise(results: EvalCaseResultRow[]): Promise<unknown>;
}

/** Significance of the comparison a finished run reports; a gate recomputes it at its pack's own level. */
const REPORT_ALPHA = 0.05;
const FLUSH_EVERY = 100;
const FLUSH_AFTER_MS = 250;
const HEARTBEAT_MS = 20_000;

/** One figure of a completed run, for measurement's model-quality layer. */
export interface RunFigure {
  metric: string;
  value: number;
  unit: 'ratio' | 'ms' | 'usd';
}

/** Told of every run that completed, after it is recorded. */
export type RunListener = (run: { tenantId: string; useCaseId: string; runId: string; at: string }, figures: RunFigure[]) => Promise<void>;

const unitOf = (metric: string): RunFigure['unit'] => (metric.startsWith('latency_') ? 'ms' : metric === 'cost_per_case' ? 'usd' : 'ratio');

/** The figures a completed run reports: every metric with a value, or the attack success rate of a red-team run. */
export function runFigures(kind: string, summary: unknown): RunFigure[] {
  if (kind === 'red_team') {
    const rate = (summary as { overall?: { attackSuccessRate?: number | null } }).overall?.attackSuccessRate;
    return typeof rate === 'number' ? [{ metric: 'attack_success_rate', value: rate, unit: 'ratio' }] : [];
  }
  const metrics = (summary as { metrics?: Record<string, { value: number | null }> }).metrics ?? {};
  return Object.entries(metrics).flatMap(([metric, m]) => (typeof m.value === 'number' && Number.isFinite(m.value) ? [{ metric, value: m.value, unit: unitOf(metric) }] : []));
}

/** Executes stored runs: calls every case not yet answered, stores each result as it completes, then the summary. */
export class RunExecutor {
  private readonly listeners: RunListener[] = [];

  onCompleted(listener: RunListener): void {
    this.listeners.push(listener);
  }

  constructor(
    private readonly k: Kernel,
    private readonly deps: { datasets: DatasetService; releases: ReleaseService; caller: CandidateCaller; baselines: BaselineService },
  ) {}

  /** Runs (or resumes) one run to its end; when `signal` aborts, the run stays `running` for a later resume. */
  async execute(run: EvalRunRow, signal: AbortSignal): Promise<void> {
    if (!(await store.claimRun(this.k.db, run, this.k.clock.now().toISOString()))) return;
    const actor = systemActor(run.tenant_id, 'evaluations');
    const heartbeat = setInterval(() => void store.updateRun(this.k.db, run.id, { heartbeat_at: this.k.clock.now().toISOString() }).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const plan = await this.plan(actor, run);
      await this.callAll(run, plan, signal);
      if (signal.aborted) return;
      const summary = await plan.summarise(await store.caseResults(this.k.db, run.id));
      await this.finish(actor, run, { status: 'completed', summary: toJson(summary) });
      await this.announce(run, summary);
    } catch (err) {
      this.k.log.warn({ err, run: run.id }, 'evaluation run failed');
      await this.finish(actor, run, { status: 'failed', error: (err as Error).message }).catch((e: unknown) => this.k.log.error({ err: e, run: run.id }, 'could not record the failed run'));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Tells the listeners of a completed run; a listener's failure does not fail the run, which is recorded: it is logged. */
  async announce(run: EvalRunRow, summary: unknown): Promise<void> {
    const figures = runFigures(run.kind, summary);
    const at = this.k.clock.now().toISOString();
    for (const listener of this.listeners) {
      await listener({ tenantId: run.tenant_id, useCaseId: run.use_case_id, runId: run.id, at }, figures).catch((err: Error) => this.k.log.warn({ run: run.id, err: err.message }, 'run listener failed'));
    }
  }

  private async callAll(run: EvalRunRow, plan: Plan, signal: AbortSignal) {
    const settings = fromJson<RunSettings>(run.settings, { concurrency: 8, maxAttempts: 3 });
    const completed = await store.storedCaseIds(this.k.db, run.id);
    const progress = await store.countResults(this.k.db, run.id);
    const eventIds = new Map<string, string>();
    let buffer: EvalCaseResultRow[] = [];
    let flushedAt = performance.now();
    const flush = async () => {
      const rows = buffer;
      buffer = [];
      flushedAt = performance.now();
      if (!rows.length) return;
      await store.insertCaseResults(this.k.db, rows);
      progress.done += rows.length;
      progress.failed += rows.filter((r) => r.error !== null).length;
      await store.updateRun(this.k.db, run.id, { done: progress.done, failed: progress.failed, heartbeat_at: this.k.clock.now().toISOString() });
    };
    const toRow = (r: CaseResult): EvalCaseResultRow => ({
      run_id: run.id, case_id: r.id, tenant_id: run.tenant_id, output: r.output, scores: null, error: r.error ?? null,
      latency_ms: r.latencyMs, cost_usd: r.costUsd ?? null, attempts: r.attempts, event_id: eventIds.get(r.id) ?? null,
    });
    const results = runCases({
      cases: plan.cases, completed, concurrency: settings.concurrency, retry: { maxAttempts: settings.maxAttempts }, signal,
      call: async (c) => {
        const answer = await this.deps.caller.call(plan.target, c.request, signal);
        if (answer.eventId) eventIds.set(c.id, answer.eventId);
        return answer;
      },
    });
    for await (const result of results) {
      // A call cut short by shutdown is not an answer; the resumed run calls it again.
      if (signal.aborted) break;
      buffer.push(toRow(result));
      if (buffer.length >= FLUSH_EVERY || performance.now() - flushedAt > FLUSH_AFTER_MS) await flush();
    }
    await flush();
  }

  private async plan(actor: Actor, run: EvalRunRow): Promise<Plan> {
    const release = await this.deps.releases.get(actor, run.release_id);
    const target = await this.deps.caller.target(actor, release);
    if (run.kind === 'red_team') {
      const settings = fromJson<RunSettings>(run.settings, { concurrency: 8, maxAttempts: 3 });
      const attacks = expandProbes(settings.probes ?? [], { seed: settings.seed ?? run.id, categories: settings.categories });
      return {
        target,
        cases: attacks.map((a) => ({ id: a.id, request: attackRequest(a, target) })),
        summarise: async (results) => judgeAttacks(attacks, results.map((r) => ({ id: r.case_id, output: r.output, ...(r.error === null ? {} : { error: r.error }) }))),
      };
    }
    const version = await store.getVersionById(this.k.db, run.tenant_id, run.dataset_version_id ?? '');
    if (!version) throw new Conflict(`the run's dataset version ${run.dataset_version_id} no longer exists`);
    const rows = await this.deps.datasets.rows(this.k.db, version);
    if (version.content_hash !== run.dataset_hash) throw new Conflict(`version ${version.number} of the dataset was replaced after the run started; start a new run`);
    const dataset = await this.deps.datasets.get(actor, version.dataset_id);
    return {
      target,
      cases: rows.map((row) => ({ id: row.id, request: caseRequest(row, target) })),
      summarise: (results) => this.evaluationSummary(run, dataset.kind, rows, results),
    };
  }

  /** Metrics with their intervals, and the comparison with the release active in production on the same rows. */
  async evaluationSummary(run: EvalRunRow, kind: TaskKind, rows: Parameters<typeof scoredCases>[0], results: EvalCaseResultRow[]) {
    const started = performance.now();
    const cases = scoredCases(rows, results.map(outcomeOf));
    const metrics = summariseMetrics(kind, cases);
    const baseline = await this.deps.baselines.compare(this.k.db, run, rows, cases, qualityMetrics(kind), REPORT_ALPHA);
    const comparison = baseline.releaseId && baseline.runId ? { baselineReleaseId: baseline.releaseId, baselineRunId: baseline.runId, alpha: REPORT_ALPHA, metrics: baseline.metrics } : null;
    return { cases: cases.length, metrics, comparison, computeMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  private async finish(actor: Actor, run: EvalRunRow, outcome: { status: 'completed' | 'failed'; summary?: string; error?: string }) {
    const now = this.k.clock.now().toISOString();
    const counts = await store.countResults(this.k.db, run.id);
    await this.k.db.transaction().execute(async (tx) => {
      await store.updateRun(tx, run.id, { status: outcome.status, summary: outcome.summary ?? null, error: outcome.error ?? null, done: counts.done, failed: counts.failed, finished_at: now, heartbeat_at: now });
      await this.k.ledger.append(tx, actor, {
        action: outcome.status === 'completed' ? 'eval.run.complete' : 'eval.run.fail', subjectType: 'release', subjectId: run.release_id,
        after: { runId: run.id, kind: run.kind, cases: counts.done, failedCalls: counts.failed, ...(outcome.error ? { error: outcome.error } : {}) },
      });
    });
  }
}
