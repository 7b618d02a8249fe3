import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import { availableParallelism } from 'node:os';
import type { Conn, DbHandle, Dialect, Tx } from '../db/connect.js';
import { fromJson } from '../db/json.js';
import type { LedgerEntryRow } from '../schema-migrations.js';
import { canonicalJson } from './canonical.js';
import { ChainVerifier, chainHashOfJson, type VerifyResult } from './model.js';
import { verifySegmentsInWorkers } from './segments.js';
import * as store from './store.js';

export interface LedgerEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export interface LedgerEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string; name: string };
  action: string;
  subject: { type: string; id: string };
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export function toEntry(row: LedgerEntryRow): LedgerEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    before: fromJson(row.before, null),
    after: fromJson(row.after, null),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The tenant's append-only, hash-chained audit ledger. Appends run inside the caller's transaction, so an entry
 * exists exactly when the change it records does; they serialise on the tenant's chain head, so the chain never forks.
 * Payloads such as prompts and answers must be passed as digests (see canonical.ts `digest`), never as text.
 */
export class Ledger {
  private readonly verifyOptions: Required<Omit<VerifyOptions, 'sqlitePath'>> & Pick<VerifyOptions, 'sqlitePath'>;

  constructor(private readonly dialect: Dialect, private readonly clock: Clock, verify: VerifyOptions = {}) {
    this.verifyOptions = {
      sqlitePath: verify.sqlitePath, workers: verify.workers ?? defaultWorkers(), parallelFrom: verify.parallelFrom ?? PARALLEL_FROM, segmentSize: verify.segmentSize ?? SEGMENT_SIZE,
    };
  }

  /** The ledger of a database connection, verifying in worker threads when the database is a SQLite file. */
  static of(handle: Pick<DbHandle, 'dialect' | 'sqlitePath'>, clock: Clock, verify: Omit<VerifyOptions, 'sqlitePath'> = {}): Ledger {
    return new Ledger(handle.dialect, clock, { ...verify, sqlitePath: handle.sqlitePath });
  }

  async append(tx: Tx, actor: Actor, event: LedgerEvent): Promise<LedgerEntry> {
    const [row] = await this.appendMany(tx, actor.tenantId, [{ actor, event }]);
    return toEntry(row);
  }

  /** Appends several entries for one tenant under one head lock (used by batch writers such as the gateway). */
  async appendMany(tx: Tx, tenantId: string, items: { actor: Pick<Actor, 'kind' | 'id' | 'name'>; event: LedgerEvent; at?: string }[]): Promise<LedgerEntryRow[]> {
    if (items.length === 0) return [];
    const head = await store.lockHead(tx, this.dialect, tenantId);
    const now = this.clock.now().toISOString();
    let { seq, hash } = head;
    const rows: LedgerEntryRow[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const { actor, event, at } = items[i];
      seq++;
      // before/after are stored as the canonical text that is hashed: serialised once, and verify can hash it as stored.
      const before = event.before === undefined || event.before === null ? null : canonicalJson(event.before);
      const after = event.after === undefined || event.after === null ? null : canonicalJson(event.after);
      const row: LedgerEntryRow = {
        tenant_id: tenantId,
        seq,
        at: at ?? now,
        actor_kind: actor.kind,
        actor_id: actor.id,
        actor_name: actor.name,
        action: event.action,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        before,
        after,
        prev_hash: hash,
        hash: '',
      };
      hash = row.hash = chainHashOfJson(hash, storedFields(row), before ?? 'null', after ?? 'null');
      rows[i] = row;
    }
    await store.insertEntries(tx, rows);
    await store.setHead(tx, tenantId, seq, hash);
    return rows;
  }

  async list(conn: Conn, tenantId: string, filter: store.LedgerFilter, limit: number): Promise<LedgerEntry[]> {
    return (await store.listEntries(conn, tenantId, filter, limit)).map(toEntry);
  }

  /**
   * Recomputes the tenant's chain and reports its first break. It checks the entries up to the highest seq present
   * when it starts, against the head read in the same statement, so appends made meanwhile neither count nor break it.
   * On a SQLite file, outside a transaction, a chain of at least `parallelFrom` entries is split into seq ranges
   * verified in worker threads on connections of their own (each entry is checked against its stored prev_hash, and
   * each range's first entry against the end of the range before it when they are joined), which also keeps the event
   * loop free; the result is the one a walk in order gives. Otherwise the entries are walked in order, page by page.
   */
  async verify(conn: Conn, tenantId: string): Promise<VerifyResult> {
    const { head, lo, hi } = await store.chainBounds(conn, tenantId);
    const verifier = new ChainVerifier();
    if (lo === null || hi === null) return verifier.finish(head);
    const { sqlitePath, workers, parallelFrom, segmentSize } = this.verifyOptions;
    if (sqlitePath && workers > 1 && !conn.isTransaction && hi - lo + 1 >= parallelFrom) {
      // Several ranges a worker, taken in turn, so a worker slowed by other load does not hold up the rest.
      const ranges = splitRange(lo, hi, Math.max(workers, Math.ceil((hi - lo + 1) / segmentSize)));
      const tasks = ranges.map(([from, to]) => ({ path: sqlitePath, tenantId, from, to }));
      for (const segment of await verifySegmentsInWorkers(tasks, workers)) {
        if (!verifier.pushSegment(segment)) break;
      }
      return verifier.finish(head);
    }
    pages: for await (const page of store.walkStored(conn, tenantId, lo, hi, VERIFY_PAGE_SIZE)) {
      for (const entry of page) if (!verifier.pushStored(entry)) break pages;
    }
    return verifier.finish(head);
  }

  walk(conn: Conn, tenantId: string) {
    return store.walkEntries(conn, tenantId);
  }
}

/** Rows per query when verifying: bigger pages save seeks but keep more rows alive for the garbage collector. */
const VERIFY_PAGE_SIZE = 5000;

export interface VerifyOptions {
  /** The SQLite file the ledger lives in (none for PostgreSQL or an in-memory database): worker threads open it. */
  sqlitePath?: string;
  /** Worker threads for one verification (default: the machine's parallelism, at most 8); 1 walks in this thread. */
  workers?: number;
  /** The smallest chain worth the threads' start-up (default 100,000 entries; starting the threads takes a few hundred milliseconds the first time). */
  parallelFrom?: number;
  /** Seqs a worker verifies in one task (default 50,000): several a worker, taken in turn, balance the threads. */
  segmentSize?: number;
}

const PARALLEL_FROM = 100_000;
const SEGMENT_SIZE = 50_000;
const defaultWorkers = () => Math.min(availableParallelism(), 8);

/** [lo, hi] cut into n ranges of consecutive seqs, as even as can be (fewer when there are fewer seqs). */
export function splitRange(lo: number, hi: number, n: number): [number, number][] {
  const size = hi - lo + 1;
  const parts = Math.max(1, Math.min(n, size));
  const out: [number, number][] = [];
  for (let i = 0, from = lo; i < parts; i++) {
    const to = i === parts - 1 ? hi : from + Math.floor(size / parts) + (i < size % parts ? 1 : 0) - 1;
    out.push([from, to]);
    from = to + 1;
  }
  return out;
}

/** The hashed fields of a row, under their record names. */
function storedFields(row: LedgerEntryRow) {
  return {
    tenantId: row.tenant_id, seq: Number(row.seq), at: row.at, actorKind: row.actor_kind, actorId: row.actor_id, actorName: row.actor_name,
    action: row.action, subjectType: row.subject_type, subjectId: row.subject_id,
  };
}

/** JSON columns are parsed back so the hash is recomputed over the same values that were hashed. */
export function rowToRecord(row: LedgerEntryRow) {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: fromJson(row.before, null),
    after: fromJson(row.after, null),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
