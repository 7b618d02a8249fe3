import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Conn, Dialect, Tx } from '../db/connect.js';
import { fromJson } from '../db/json.js';
import type { LedgerEntryRow } from '../schema-migrations.js';
import { canonicalJson } from './canonical.js';
import { ChainVerifier, chainHashOfJson, type StoredRecord, type VerifyResult } from './model.js';
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
  constructor(private readonly dialect: Dialect, private readonly clock: Clock) {}

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

  async verify(conn: Conn, tenantId: string): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    pages: for await (const page of store.walkPages(conn, tenantId, VERIFY_PAGE_SIZE)) {
      for (const row of page) if (!verifier.pushStored(toStored(row))) break pages;
    }
    return verifier.finish(await store.readHead(conn, tenantId));
  }

  walk(conn: Conn, tenantId: string) {
    return store.walkEntries(conn, tenantId);
  }
}

/** Rows per query when verifying: bigger pages save seeks but keep more rows alive for the garbage collector. */
const VERIFY_PAGE_SIZE = 5000;

/** The hashed fields of a row, under their record names. */
function storedFields(row: LedgerEntryRow) {
  return {
    tenantId: row.tenant_id, seq: Number(row.seq), at: row.at, actorKind: row.actor_kind, actorId: row.actor_id, actorName: row.actor_name,
    action: row.action, subjectType: row.subject_type, subjectId: row.subject_id,
  };
}

/** A row for the verifier with before/after still as stored text (see ChainVerifier.pushStored). */
function toStored(row: LedgerEntryRow): StoredRecord {
  return {
    tenantId: row.tenant_id, seq: Number(row.seq), at: row.at, actorKind: row.actor_kind, actorId: row.actor_id, actorName: row.actor_name,
    action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, beforeJson: row.before, afterJson: row.after,
    prevHash: row.prev_hash, hash: row.hash,
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
