import type { Kernel } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { canonicalJson, sha256Hex } from '../kernel/ledger/canonical.js';
import { merkleRoot } from './merkle.js';
import type { GatewayEventRow } from './migrations.js';

export type CallRecord = Omit<GatewayEventRow, 'record_hash' | 'batch_id' | 'batch_index'>;

/** What a record's hash covers: the decision metadata and the digests of prompt and answer, never their text. */
export function recordHash(r: CallRecord): string {
  const { prompt_text: _p, answer_text: _a, purge_after: _x, ...hashed } = r;
  return sha256Hex(canonicalJson(hashed));
}

type FlushListener = (rows: GatewayEventRow[]) => void;

/**
 * Writes per-call records off the hot path. Records queue in memory and are flushed every `flushMs` (default 50 ms)
 * in one transaction: the events, and per tenant one ledger entry anchoring the Merkle root of the batch's record
 * hashes, so any call can later be proven present and unmodified. A tier whose pack asks for durable records awaits
 * the flush before its response completes; otherwise a crash can lose at most the last `flushMs` of records.
 */
export class GatewayRecorder {
  private queue: GatewayEventRow[] = [];
  private waiters: (() => void)[] = [];
  private failures: ((err: Error) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly listeners: FlushListener[] = [];

  constructor(private readonly k: Kernel, private readonly flushMs = 50, private readonly maxBatch = 2000) {}

  onFlushed(listener: FlushListener): void {
    this.listeners.push(listener);
  }

  /** Queues a record; with `durable` the promise resolves once it is committed. */
  record(r: CallRecord, durable: boolean): Promise<void> | undefined {
    this.queue.push({ ...r, record_hash: recordHash(r), batch_id: null, batch_index: null });
    if (durable) {
      const done = new Promise<void>((resolve, reject) => {
        this.waiters.push(resolve);
        this.failures.push(reject);
      });
      void this.flush();
      return done;
    }
    if (this.queue.length >= this.maxBatch) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.flushMs);
    return undefined;
  }

  async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      if (this.queue.length === 0) return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) return;
    const rows = this.queue;
    const waiters = this.waiters;
    const failures = this.failures;
    this.queue = [];
    this.waiters = [];
    this.failures = [];
    this.flushing = this.write(rows)
      .then(() => {
        for (const w of waiters) w();
        for (const l of this.listeners) l(rows);
      })
      .catch((err: Error) => {
        this.k.log.error({ err, records: rows.length }, 'gateway records could not be written; retrying');
        for (const f of failures) f(err);
        // Keep non-durable records for the next attempt, so a database hiccup loses nothing.
        this.queue = rows.concat(this.queue);
        if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.flushMs * 10);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  private async write(rows: GatewayEventRow[]): Promise<void> {
    const byTenant = new Map<string, GatewayEventRow[]>();
    for (const r of rows) {
      const list = byTenant.get(r.tenant_id);
      if (list) list.push(r);
      else byTenant.set(r.tenant_id, [r]);
    }
    const at = this.k.clock.now().toISOString();
    await this.k.db.transaction().execute(async (tx) => {
      for (const [tenantId, list] of byTenant) {
        const batchId = newId('gb');
        list.forEach((r, i) => {
          r.batch_id = batchId;
          r.batch_index = i;
        });
        for (let i = 0; i < list.length; i += 500) await tx.insertInto('gateway_events').values(list.slice(i, i + 500)).execute();
        const root = merkleRoot(list.map((r) => r.record_hash));
        const [entry] = await this.k.ledger.appendMany(tx, tenantId, [{
          actor: { kind: 'system', id: 'gateway', name: 'gateway' },
          event: { action: 'gateway.batch', subjectType: 'gateway_batch', subjectId: batchId, after: { count: list.length, merkleRoot: root, first: list[0].id, last: list[list.length - 1].id } },
        }]);
        await tx.insertInto('gateway_batches').values({ id: batchId, tenant_id: tenantId, at, count: list.length, root_hash: root, ledger_seq: entry.seq }).execute();
      }
    });
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.flushing) await this.flushing;
  }
}
