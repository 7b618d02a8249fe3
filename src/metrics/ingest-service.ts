import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { digest } from '../kernel/ledger/canonical.js';
import type { PortfolioService } from '../portfolio/service.js';
import {
  type AcceptedObservation, type CsvRowProblem, idempotencyKeysOf, type IngestContext, observationFingerprint, type ObservationProblem, readObservationCsv,
  validateCsvObservations, validateObservations,
} from './ingest.js';
import type { MetricRegistry } from './registry-service.js';
import type { MetricDefinition } from './schema.js';
import * as store from './store.js';
import type { Unit } from './units.js';

export interface IngestReport {
  accepted: number;
  replayed: string[];
  rejected: ObservationProblem[];
}

export interface CsvReport {
  accepted: number;
  replayed: string[];
  errors: CsvRowProblem[];
}

/** One result of an evaluation run, as the evaluation capability reports it for a use case. */
export interface EvaluationResult {
  useCaseId: string;
  runId: string;
  metric: string;
  value: number;
  unit: Unit;
  at: string;
}

const useCaseOf = (item: unknown): unknown => (item as { useCaseId?: unknown } | null)?.useCaseId;

/**
 * Observations pushed through the API or uploaded as CSV: validated item by item (idempotency keys, late data,
 * units), stored, and ledgered as one entry per batch holding the digest of what was accepted.
 */
export class ObservationIngest {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly registry: MetricRegistry) {}

  async ingest(actor: Actor, items: readonly unknown[]): Promise<IngestReport> {
    const { ctx, foreign, kept } = await this.prepare(actor, items);
    const result = validateObservations(kept.map((k) => items[k]), ctx);
    const rejected = [...foreign.map((index) => ({ index, field: 'useCaseId', reason: `no use case ${String(useCaseOf(items[index]))} in this tenant` })),
      ...result.rejected.map((p) => ({ ...p, index: kept[p.index] }))].sort((a, b) => a.index - b.index);
    await this.store(actor, result.accepted, result.replayed.length, rejected.length);
    return { accepted: result.accepted.length, replayed: result.replayed, rejected };
  }

  /** A CSV upload; a file whose header is wrong is refused whole, otherwise each bad row is reported by line. */
  async ingestCsv(actor: Actor, text: string): Promise<CsvReport> {
    const read = readObservationCsv(text);
    const header = read.errors.filter((e) => e.line === 1);
    if (header.length) throw new Invalid('the CSV header must name the columns metric, use_case, at, value, unit and optionally idempotency_key', header.map((e) => ({ path: `csv.${e.field}`, message: e.reason })));
    const { ctx, foreign, kept } = await this.prepare(actor, read.items);
    const result = validateCsvObservations({ items: kept.map((k) => read.items[k]), lines: kept.map((k) => read.lines[k]), errors: read.errors }, ctx);
    const errors = [...result.errors, ...foreign.map((k) => ({ line: read.lines[k], field: 'use_case', reason: `no use case ${String(useCaseOf(read.items[k]))} in this tenant` }))]
      .sort((a, b) => a.line - b.line);
    await this.store(actor, result.accepted, result.replayed.length, errors.length);
    return { accepted: result.accepted.length, replayed: result.replayed, errors };
  }

  /** Evaluation-derived metrics (`eval.<metric>`) are recorded by Charter itself, never pushed: one value per run. */
  async recordEvaluation(actor: Actor, results: readonly EvaluationResult[]): Promise<void> {
    for (const useCaseId of new Set(results.map((r) => r.useCaseId))) await this.portfolio.get(actor, useCaseId);
    const observations = results.map((r): AcceptedObservation => {
      const key = `eval.${r.metric}`;
      const at = new Date(r.at).toISOString();
      return {
        metric: key, useCaseId: r.useCaseId, at, value: r.value, unit: r.unit, idempotencyKey: `eval:${r.runId}:${r.metric}`,
        fingerprint: observationFingerprint({ metric: key, useCaseId: r.useCaseId, at, value: r.value, unit: r.unit }),
      };
    });
    await this.store(actor, observations, 0, 0);
  }

  /** The validation context, and which items name a use case outside the tenant (refused before anything else). */
  private async prepare(actor: Actor, items: readonly unknown[]) {
    const useCases = await this.portfolio.all(actor);
    const known = new Set(useCases.map((uc) => uc.id));
    const foreign: number[] = [];
    const kept: number[] = [];
    items.forEach((item, index) => {
      const id = useCaseOf(item);
      (typeof id === 'string' && !known.has(id) ? foreign : kept).push(index);
    });
    const metrics = new Map<string, MetricDefinition>((await this.registry.views(actor, useCases)).map((m) => [m.key, m]));
    const ctx: IngestContext = {
      metrics, now: this.k.clock.now(),
      storedFingerprints: await store.storedFingerprints(this.k.db, actor.tenantId, idempotencyKeysOf(kept.map((k) => items[k]))),
    };
    return { ctx, foreign, kept };
  }

  private async store(actor: Actor, accepted: AcceptedObservation[], replayed: number, rejected: number): Promise<void> {
    if (accepted.length === 0) return;
    await this.k.db.transaction().execute(async (tx) => {
      await store.insertObservations(tx, actor.tenantId, accepted, this.k.clock.now().toISOString());
      await this.k.ledger.append(tx, actor, {
        action: 'metric.ingest', subjectType: 'observation_batch', subjectId: newId('obs'),
        after: { accepted: accepted.length, replayed, rejected, metrics: [...new Set(accepted.map((o) => o.metric))].sort(), observations: digest(accepted.map((o) => o.fingerprint).join('\n')) },
      });
    });
  }
}
