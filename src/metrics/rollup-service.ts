import type { GatewayEventRow } from '../gateway/migrations.js';
import { isEvaluationCall } from '../gateway/record.js';
import type { Kernel } from '../kernel/context.js';
import type { Tx } from '../kernel/db/connect.js';
import { COUNTER_COLUMNS, type DriftSampleRow, type RollupMonthRow, type RollupRow, SKETCH_COLUMNS } from './migrations.js';
import { decodeRollup, encodeRollup, type StoredRollup } from './rollup-codec.js';
import { addTotals, type FeedbackEvent, type GatewayEvent, RollupAccumulator, type RollupBucket, type RollupCounters } from './rollup.js';

/** Refusals by policy or containment count as blocks, not errors, so a throttle or suspension does not feed the error rate it answers. */
const POLICY_REFUSALS: ReadonlySet<string> = new Set([
  'data_class_blocked', 'policy_denied', 'use_case_suspended', 'use_case_stage', 'rate_limit_exceeded', 'data_class_not_allowed', 'model_not_allowed',
  'region_not_allowed', 'model_not_approved',
]);

/** A committed gateway record as the rollups see it; calls no use case can be charged with are left out. */
export function gatewayEventOf(row: GatewayEventRow): GatewayEvent | null {
  if (row.use_case_id === null || isEvaluationCall(row)) return null;
  return {
    at: Date.parse(row.at), useCaseId: row.use_case_id, releaseId: row.release_id,
    // A held answer waits for a reviewer: an escalation, not an error.
    status: row.outcome === 'held' ? 202 : row.http_status,
    latencyMs: row.latency_ms, ttftMs: row.ttft_ms, tokensIn: row.tokens_in, tokensOut: row.tokens_out, costUsd: row.cost_usd,
    reviewed: row.review_id !== null, overridden: false,
    blocked: row.outcome === 'blocked' || row.outcome === 'rate_limited' || (row.error_code !== null && POLICY_REFUSALS.has(row.error_code)),
    redacted: row.redactions > 0, ledgered: row.batch_id !== null,
    endUserId: row.end_user_id, endUserRole: row.end_user_role, endUserVerified: row.end_user_verified === 1, caseId: row.case_id,
  };
}

/** The data classes a call carried, as one category for categorical drift: its categories, or its sensitivity when it has none. */
export function dataClassOf(json: string): string {
  const found = JSON.parse(json) as { sensitivity: string; categories: string[] } | null;
  if (!found) return 'none';
  return found.categories.length ? [...found.categories].sort().join('+') : found.sensitivity;
}

const CAMEL: Record<(typeof COUNTER_COLUMNS)[number] | (typeof SKETCH_COLUMNS)[number], keyof RollupCounters | keyof StoredRollup> = {
  requests: 'requests', errors: 'errors', server_errors: 'serverErrors', blocked: 'blocked', redacted: 'redacted', reviewed: 'reviewed', overridden: 'overridden',
  ledgered: 'ledgered', tokens_in: 'tokensIn', tokens_out: 'tokensOut', cost_usd: 'costUsd', case_cost_usd: 'caseCostUsd', feedback_count: 'feedbackCount',
  feedback_score_sum: 'feedbackScoreSum', latency_sketch: 'latencySketch', ttft_sketch: 'ttftSketch', end_users: 'endUsers',
  verified_users_by_role: 'verifiedUsersByRole', unverified_users: 'unverifiedUsers', cases: 'cases',
};
const COLUMNS = [...COUNTER_COLUMNS, ...SKETCH_COLUMNS];

export function toRollupRow(tenantId: string, bucket: RollupBucket): RollupRow {
  const stored = encodeRollup(bucket) as unknown as Record<string, string | number>;
  const row: Record<string, string | number> = { tenant_id: tenantId, use_case_id: bucket.useCaseId, release_id: bucket.releaseId ?? '', resolution: bucket.resolution, start: stored.start };
  for (const column of COLUMNS) row[column] = stored[CAMEL[column]];
  return row as RollupRow;
}

export function fromRollupRow(row: RollupRow): RollupBucket {
  const stored: Record<string, unknown> = { resolution: row.resolution, start: row.start, useCaseId: row.use_case_id, releaseId: row.release_id || null };
  for (const column of COLUMNS) stored[CAMEL[column]] = row[column];
  return decodeRollup(stored as unknown as StoredRollup);
}

/** The counters of a row without decoding its sketches. */
export function countersOf(row: Pick<RollupRow, (typeof COUNTER_COLUMNS)[number]>): RollupCounters {
  const counters: Record<string, number> = {};
  for (const column of COUNTER_COLUMNS) counters[CAMEL[column]] = Number(row[column]);
  return counters as unknown as RollupCounters;
}

const keyOf = (r: Pick<RollupRow, 'tenant_id' | 'use_case_id' | 'release_id' | 'resolution' | 'start'>) => `${r.tenant_id}\u0001${r.use_case_id}\u0001${r.release_id}\u0001${r.resolution}\u0001${r.start}`;
const HOUR_MS = 3_600_000;

/** The first instant of the UTC month holding `ms`. */
export const monthStart = (ms: number): number => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/** What the day partials of a write add to the month counters of their use cases. */
function monthCounters(parts: readonly PartialRollup[]): RollupMonthRow[] {
  const months = new Map<string, RollupMonthRow>();
  for (const { tenantId, bucket } of parts) {
    if (bucket.resolution !== 'day') continue;
    const month = new Date(monthStart(bucket.start)).toISOString();
    const key = `${tenantId}\u0001${bucket.useCaseId}\u0001${month}`;
    let row = months.get(key);
    if (!row) months.set(key, (row = { tenant_id: tenantId, use_case_id: bucket.useCaseId, month, ...Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) } as RollupMonthRow));
    for (const column of COUNTER_COLUMNS) row[column] += bucket.counters[CAMEL[column] as keyof RollupCounters];
  }
  return [...months.values()];
}

/** A bucket on its way to its row, with the row's key. */
interface PartialRollup {
  key: string;
  tenantId: string;
  start: string;
  bucket: RollupBucket;
}

export interface RollupWriterOptions {
  /** How often what has accumulated is written. */
  flushMs: number;
  /** Open minute buckets at which a write starts early, bounding memory (an open minute holds two histograms). */
  maxOpenBuckets: number;
  /** Calls per use case and hour kept as drift samples (the first ones of the hour). */
  samplesPerHour: number;
}
export const DEFAULT_WRITER_OPTIONS: RollupWriterOptions = { flushMs: 1_000, maxOpenBuckets: 5_000, samplesPerHour: 30 };

/**
 * Builds the minute, hour and day rollups from the gateway's committed records: events accumulate in memory and
 * each write merges the partial buckets into their rows (`addTotals`). On PostgreSQL existing rows are locked
 * (FOR UPDATE) in the writing transaction and new rows are inserted with ON CONFLICT DO NOTHING, a lost race being
 * merged again, so several instances never overwrite each other's counts. Writes are serialised per instance.
 */
export class RollupWriter {
  private accumulator = new RollupAccumulator();
  private readonly tenantOf = new Map<string, string>();
  private readonly sampling = new Map<string, { hour: number; taken: number }>();
  private samples: DriftSampleRow[] = [];
  private retry: RollupBucket[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly k: Kernel, private readonly options: RollupWriterOptions = DEFAULT_WRITER_OPTIONS) {}

  /** The recorder's listener: each committed batch of call records. */
  readonly accept = (rows: readonly GatewayEventRow[]): void => {
    for (const row of rows) {
      const event = gatewayEventOf(row);
      if (!event) continue;
      this.tenantOf.set(event.useCaseId, row.tenant_id);
      this.accumulator.add(event);
      this.sample(row, event);
    }
    if (this.accumulator.openBuckets >= this.options.maxOpenBuckets) void this.flush();
  };

  addFeedback(tenantId: string, feedback: FeedbackEvent): void {
    this.tenantOf.set(feedback.useCaseId, tenantId);
    this.accumulator.addFeedback(feedback);
  }

  addReviewDecision(tenantId: string, decision: Parameters<RollupAccumulator['addReviewDecision']>[0]): void {
    this.tenantOf.set(decision.useCaseId, tenantId);
    this.accumulator.addReviewDecision(decision);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  /** Writes what has accumulated; resolves once it (and every earlier write) is committed. A failed write is retried with the next. */
  flush(): Promise<void> {
    const buckets = [...this.retry, ...this.accumulator.flush()];
    const samples = this.samples;
    this.retry = [];
    this.samples = [];
    if (buckets.length === 0 && samples.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.persist(buckets, samples)).catch((err: Error) => {
      this.k.log.error({ err, buckets: buckets.length }, 'rollups could not be written; retrying with the next write');
      this.retry.push(...buckets);
    });
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private sample(row: GatewayEventRow, event: GatewayEvent): void {
    const hour = Math.floor(event.at / HOUR_MS);
    let s = this.sampling.get(event.useCaseId);
    if (!s || s.hour !== hour) this.sampling.set(event.useCaseId, (s = { hour, taken: 0 }));
    if (s.taken >= this.options.samplesPerHour) return;
    s.taken++;
    this.samples.push({ tenant_id: row.tenant_id, use_case_id: event.useCaseId, at: row.at, latency_ms: row.latency_ms, tokens_in: row.tokens_in, data_class: dataClassOf(row.data_classes), outcome: row.outcome });
  }

  private async persist(buckets: RollupBucket[], samples: DriftSampleRow[]): Promise<void> {
    const merged = new Map<string, PartialRollup>();
    for (const bucket of buckets) {
      const tenantId = this.tenantOf.get(bucket.useCaseId)!;
      const start = new Date(bucket.start).toISOString();
      const key = keyOf({ tenant_id: tenantId, use_case_id: bucket.useCaseId, release_id: bucket.releaseId ?? '', resolution: bucket.resolution, start });
      const same = merged.get(key);
      if (same) addTotals(same.bucket, bucket);
      else merged.set(key, { key, tenantId, start, bucket });
    }
    const parts = [...merged.values()];
    const months = monthCounters(parts);
    await this.k.db.transaction().execute(async (tx) => {
      for (let i = 0; i < parts.length; i += 1_000) await this.upsert(tx, parts.slice(i, i + 1_000));
      for (let i = 0; i < months.length; i += 1_000) {
        await tx.insertInto('metric_rollup_months').values(months.slice(i, i + 1_000))
          .onConflict((oc) => oc.columns(['tenant_id', 'month', 'use_case_id']).doUpdateSet((eb) => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, eb(`metric_rollup_months.${c}`, '+', eb.ref(`excluded.${c}`))]))))
          .execute();
      }
      for (let i = 0; i < samples.length; i += 1_000) await tx.insertInto('drift_samples').values(samples.slice(i, i + 1_000)).execute();
    });
  }

  /** Merges partial buckets into the stored rows of the same key; inserts the rest. */
  private async upsert(tx: Tx, partials: PartialRollup[]): Promise<void> {
    let q = tx.selectFrom('metric_rollups').selectAll().where(({ eb, refTuple, tuple }) =>
      eb(refTuple('tenant_id', 'use_case_id', 'resolution', 'start', 'release_id'), 'in', partials.map((p) => tuple(p.tenantId, p.bucket.useCaseId, p.bucket.resolution, p.start, p.bucket.releaseId ?? ''))));
    if (this.k.dialect === 'postgres') q = q.forUpdate();
    const existing = new Map((await q.execute()).map((r) => [keyOf(r), r]));
    const updates: RollupRow[] = [];
    const inserts: PartialRollup[] = [];
    for (const partial of partials) {
      const stored = existing.get(partial.key);
      if (!stored) {
        inserts.push(partial);
        continue;
      }
      const total = fromRollupRow(stored);
      addTotals(total, partial.bucket);
      updates.push(toRollupRow(partial.tenantId, total));
    }
    if (updates.length) {
      await tx.insertInto('metric_rollups').values(updates)
        .onConflict((oc) => oc.columns(['tenant_id', 'use_case_id', 'resolution', 'start', 'release_id']).doUpdateSet((eb) => Object.fromEntries(COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
    }
    if (inserts.length === 0) return;
    const written = await tx.insertInto('metric_rollups').values(inserts.map((p) => toRollupRow(p.tenantId, p.bucket))).onConflict((oc) => oc.doNothing())
      .returning(['tenant_id', 'use_case_id', 'release_id', 'resolution', 'start']).execute();
    const done = new Set(written.map(keyOf));
    const raced = inserts.filter((p) => !done.has(p.key));
    if (raced.length) await this.upsert(tx, raced);
  }
}
