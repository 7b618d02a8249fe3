import { CompiledQuery, sql } from 'kysely';
import type { Conn } from '../kernel/db/connect.js';
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
 * A record waiting for its batch: `stored` once a durable write has committed it (it then awaits only its anchor);
 * `waiter` for a durable record the seal itself writes (see `record`).
 */
interface Pending {
  row: GatewayEventRow;
  stored: boolean;
  waiter?: Waiter;
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/** Another instance anchored some of the stored records this seal meant to anchor (see `seal`). */
class AnchoredElsewhere extends Error {}

/**
 * Writes per-call records off the hot path and anchors them in the ledger.
 *
 * Every `flushMs` (default 50 ms) a seal runs in one transaction: per tenant, one batch of the records that arrived
 * since the last seal, its rows (inserted, or for rows already stored, given their batch id and index), and one
 * ledger entry anchoring the Merkle root of the batch's record hashes, so any call can later be proven present and
 * unmodified. Without `durable` a crash can lose at most the last `flushMs` of records.
 *
 * A tier whose pack asks for durable records gets its record committed before its response completes. At low rates
 * the record is sealed at once: written and anchored before the response. Under load — more than `burst` durable
 * records within one `flushMs` window, now or in the window before — a durable record is inserted at once on its own
 * (one INSERT, group-committed with the durable records that arrive while a write is under way) and anchored by the
 * next seal, within `flushMs`. Until then its row has no batch (batch_id null), which is also how a
 * record stranded by a crash between the two is found: the first seal after a start anchors the stored rows of calls
 * that started before it and have no batch (an index lookup on batch_id). Anchoring only updates rows that still have no batch and
 * checks the count, so two instances can never anchor one record twice.
 *
 * (Performance, measured with `npm run bench -- gateway`: a whole seal — the insert, the ledger's head lock, entry
 * and head update, the batch row, begin and commit — costs about 0.4 to 0.9 ms of CPU, and sealing per durable call
 * under load spent a third of the gateway's CPU there and put a seal's wait in every call's latency; a lone INSERT is
 * about 0.13 ms, and the anchoring is shared by every call of the interval.)
 */
export class GatewayRecorder {
  /** Records of every tenant in arrival order, awaiting the next seal. */
  private pending: Pending[] = [];
  private durable: GatewayEventRow[] = [];
  private durableWaiters: Waiter[] = [];
  private writing: Promise<void> | undefined;
  /** Durable records handed to the writer, and those whose write has finished (committed, or failed and queued). */
  private durableQueued = 0;
  private durableWritten = 0;
  private afterWrite: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private recovered = false;
  private readonly listeners: FlushListener[] = [];
  /** Durable records in the current `flushMs` window, and whether the window before had more than `burst`. */
  private window = { start: 0, count: 0, busy: false };
  private readonly insertSql = new Map<string, string>();

  /** Records of calls that started before this recorder did and have no batch can only be another process's strays. */
  private readonly startedAt: string;

  constructor(
    private readonly k: Kernel,
    private readonly flushMs = 50,
    private readonly maxBatch = 2000,
    private readonly burst = 4,
  ) {
    this.startedAt = k.clock.now().toISOString();
  }

  /** Called with the rows of every sealed batch (committed and anchored), once, by the instance that anchored them. */
  onFlushed(listener: FlushListener): void {
    this.listeners.push(listener);
  }

  /** Queues a record; with `durable` the promise resolves once it is committed (its anchor follows within flushMs). */
  record(r: CallRecord, durable: boolean): Promise<void> | undefined {
    const row: GatewayEventRow = { ...r, record_hash: recordHash(r), batch_id: null, batch_index: null };
    if (durable) {
      if (!this.underLoad()) {
        // Seal this record now (with whatever else is queued), so it is anchored as well as committed before the response.
        const done = new Promise<void>((resolve, reject) => this.pending.push({ row, stored: false, waiter: { resolve, reject } }));
        void this.flush();
        return done;
      }
      const done = new Promise<void>((resolve, reject) => this.durableWaiters.push({ resolve, reject }));
      this.durable.push(row);
      this.durableQueued++;
      this.writing ??= this.writeDurable();
      return done;
    }
    this.pending.push({ row, stored: false });
    this.schedule();
    return undefined;
  }

  /** More than `burst` durable records in this flushMs window or the one just before (a heuristic, so real time). */
  private underLoad(): boolean {
    const now = performance.now();
    const w = this.window;
    if (now - w.start >= this.flushMs) {
      w.busy = w.count > this.burst && now - w.start < 2 * this.flushMs;
      w.start = now;
      w.count = 0;
    }
    return ++w.count > this.burst || w.busy;
  }

  private schedule(): void {
    if (this.pending.length >= this.maxBatch) void this.flush(false);
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(false), this.flushMs);
  }

  /**
   * Inserts durable records as they come, group-committed: the write starts after the I/O callbacks of the current
   * event-loop turn (setImmediate), so every call that finished in that turn shares one INSERT; what arrives during a
   * write goes in the next one. The busier the gateway, the more calls share a commit.
   */
  private async writeDurable(): Promise<void> {
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.durable.length > 0) {
        const rows = this.durable;
        const waiters = this.durableWaiters;
        this.durable = [];
        this.durableWaiters = [];
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          try {
            await this.insertRows(this.k.db, chunk);
          } catch (err) {
            this.k.log.error({ err, records: chunk.length }, 'durable gateway records could not be written; retrying with the next batch');
            // The calls fail (their records were not durable in time); the records are kept for the next seal.
            for (let j = i; j < i + chunk.length; j++) {
              this.pending.push({ row: rows[j], stored: false });
              waiters[j].reject(err as Error);
            }
            continue;
          }
          for (let j = i; j < i + chunk.length; j++) {
            this.pending.push({ row: rows[j], stored: true });
            waiters[j].resolve();
          }
        }
        this.durableWritten += rows.length;
        for (const notify of this.afterWrite.splice(0)) notify();
        this.schedule();
      }
    } finally {
      this.writing = undefined;
    }
  }

  /**
   * Resolves once every record queued before the call is committed and anchored. The interval's own seal passes
   * `waitForWrites` false: durable writes still under way then go with the next seal, so a writer kept busy by
   * steady traffic never holds anchoring back.
   */
  async flush(waitForWrites = true): Promise<void> {
    while (this.flushing) await this.flushing;
    if (waitForWrites) {
      const upTo = this.durableQueued;
      while (this.durableWritten < upTo) await new Promise<void>((resolve) => this.afterWrite.push(resolve));
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0 && this.recovered) return;
    let batch = this.pending;
    this.pending = [];
    this.flushing = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const stranded = this.recovered ? [] : await this.stranded(batch);
          const sealed = await this.seal([...stranded, ...batch]);
          // More than a batch of stranded rows (a crash under heavy load): the next seals take the rest.
          this.recovered = stranded.length < this.maxBatch;
          for (const p of batch) p.waiter?.resolve();
          for (const l of this.listeners) l(sealed);
          return;
        } catch (failure) {
          let err = failure;
          for (const p of batch) {
            p.row.batch_id = null;
            p.row.batch_index = null;
          }
          if (err instanceof AnchoredElsewhere && attempt < 3) {
            // Another instance anchored some stored rows first (recovering them as stranded): leave those to it.
            try {
              batch = await this.stillUnanchored(batch);
              continue;
            } catch (again) {
              err = again;
            }
          }
          this.k.log.error({ err, records: batch.length }, 'gateway records could not be written; retrying');
          // A durable call waiting on this seal fails; its record is kept like the others.
          for (const p of batch) {
            p.waiter?.reject(err as Error);
            p.waiter = undefined;
          }
          // Keep the records for the next attempt, so a database hiccup loses nothing.
          this.pending = batch.concat(this.pending);
          if (!this.timer) this.timer = setTimeout(() => void this.flush(false), this.flushMs * 10);
          return;
        }
      }
    })().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  /**
   * INSERTs rows with the statement text compiled once per row count and column order: building and compiling a
   * 34-column INSERT through Kysely's builder on every call was about a quarter of a durable record's cost. Rows of
   * another shape (or with undefined values, which Kysely would leave out) go through the builder.
   */
  private async insertRows(conn: Conn, rows: GatewayEventRow[]): Promise<void> {
    const cols = Object.keys(rows[0]) as (keyof GatewayEventRow)[];
    const params: unknown[] = new Array(rows.length * cols.length);
    let n = 0;
    for (const row of rows) {
      let at = 0;
      for (const col in row) {
        const v = row[col as keyof GatewayEventRow];
        if (cols[at++] !== col || v === undefined) return void (await conn.insertInto('gateway_events').values(rows).execute());
        params[n++] = v;
      }
      if (at !== cols.length) return void (await conn.insertInto('gateway_events').values(rows).execute());
    }
    const key = `${rows.length}:${cols.join(',')}`;
    let text = this.insertSql.get(key);
    if (text === undefined) {
      const compiled = conn.insertInto('gateway_events').values(rows).compile();
      // Cache only when the builder binds exactly these values in this order (it does: columns in key order, row by row).
      const same = compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i]);
      if (!same) return void (await conn.executeQuery(compiled));
      text = compiled.sql;
      if (this.insertSql.size < 64) this.insertSql.set(key, text);
    }
    await conn.executeQuery(CompiledQuery.raw(text, params));
  }

  /**
   * Stored rows without a batch, of calls that started before this recorder: left by a crash between write and seal
   * (or, rarely, about to be anchored by another running instance, in which case the count check in `seal` settles
   * who does it).
   */
  private async stranded(batch: Pending[]): Promise<Pending[]> {
    const mine = new Set(batch.map((p) => p.row.id));
    const rows = await this.k.db.selectFrom('gateway_events').selectAll().where('batch_id', 'is', null).where('at', '<', this.startedAt).limit(this.maxBatch).execute();
    if (rows.length) this.k.log.warn({ records: rows.length }, 'anchoring gateway records left without a batch (a crash between their write and their seal)');
    return rows.filter((r) => !mine.has(r.id)).map((row) => ({ row, stored: true }));
  }

  private async stillUnanchored(batch: Pending[]): Promise<Pending[]> {
    const ids = batch.filter((p) => p.stored).map((p) => p.row.id);
    const open = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.k.db.selectFrom('gateway_events').select('id').where('id', 'in', ids.slice(i, i + 500)).where('batch_id', 'is', null).execute();
      for (const r of rows) open.add(r.id);
    }
    return batch.filter((p) => !p.stored || open.has(p.row.id));
  }

  /** One transaction: per tenant a batch of the records, its rows written or given their batch, and its ledger anchor. */
  private async seal(batch: Pending[]): Promise<GatewayEventRow[]> {
    const byTenant = new Map<string, Pending[]>();
    for (const p of batch) {
      const list = byTenant.get(p.row.tenant_id);
      if (list) list.push(p);
      else byTenant.set(p.row.tenant_id, [p]);
    }
    const at = this.k.clock.now().toISOString();
    const sealed: GatewayEventRow[] = [];
    await this.k.db.transaction().execute(async (tx) => {
      for (const [tenantId, list] of byTenant) {
        const batchId = newId('gb');
        const fresh: GatewayEventRow[] = [];
        const stored: GatewayEventRow[] = [];
        list.forEach((p, i) => {
          p.row.batch_id = batchId;
          p.row.batch_index = i;
          (p.stored ? stored : fresh).push(p.row);
        });
        for (let i = 0; i < stored.length; i += 500) {
          const chunk = stored.slice(i, i + 500);
          const index = sql<number>`case ${sql.ref('id')} ${sql.join(chunk.map((r) => sql`when ${r.id} then cast(${r.batch_index} as integer)`), sql` `)} end`;
          const r = await tx.updateTable('gateway_events').set({ batch_id: batchId, batch_index: index })
            .where('id', 'in', chunk.map((row) => row.id)).where('batch_id', 'is', null).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== chunk.length) throw new AnchoredElsewhere(`${chunk.length - Number(r.numUpdatedRows)} records were anchored by another instance`);
        }
        for (let i = 0; i < fresh.length; i += 500) await this.insertRows(tx, fresh.slice(i, i + 500));
        const rows = list.map((p) => p.row);
        const root = merkleRoot(rows.map((r) => r.record_hash));
        const [entry] = await this.k.ledger.appendMany(tx, tenantId, [{
          actor: { kind: 'system', id: 'gateway', name: 'gateway' },
          event: { action: 'gateway.batch', subjectType: 'gateway_batch', subjectId: batchId, after: { count: rows.length, merkleRoot: root, first: rows[0].id, last: rows[rows.length - 1].id } },
        }]);
        await tx.insertInto('gateway_batches').values({ id: batchId, tenant_id: tenantId, at, count: rows.length, root_hash: root, ledger_seq: entry.seq }).execute();
        for (const r of rows) sealed.push(r);
      }
    });
    return sealed;
  }

  async close(): Promise<void> {
    await this.flush();
    while (this.flushing) await this.flushing;
  }
}
