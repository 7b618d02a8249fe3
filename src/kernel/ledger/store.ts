import { sql } from 'kysely';
import type { Conn, Dialect, Tx } from '../db/connect.js';
import type { LedgerEntryRow } from '../schema-migrations.js';
import { GENESIS_HASH, type StoredRecord } from './model.js';

/** Locks the tenant's chain head for the rest of the transaction, creating it on first use. */
export async function lockHead(tx: Tx, dialect: Dialect, tenantId: string): Promise<{ seq: number; hash: string }> {
  await tx
    .insertInto('ledger_heads')
    .values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  let q = tx.selectFrom('ledger_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

export async function insertEntries(tx: Tx, rows: LedgerEntryRow[]): Promise<void> {
  // 13 columns a row; keep each statement well under SQLite's 32,766 bound variables.
  for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('ledger_entries').values(rows.slice(i, i + 1000)).execute();
}

export async function setHead(tx: Tx, tenantId: string, seq: number, hash: string): Promise<void> {
  await tx.updateTable('ledger_heads').set({ seq, hash }).where('tenant_id', '=', tenantId).execute();
}

export async function readHead(conn: Conn, tenantId: string) {
  return conn.selectFrom('ledger_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
}

export interface LedgerFilter {
  action?: string;
  actionPrefix?: string;
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  /** Entries with seq below this one (newest first paging). */
  beforeSeq?: number;
}

export async function listEntries(conn: Conn, tenantId: string, f: LedgerFilter, limit: number): Promise<LedgerEntryRow[]> {
  let q = conn.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', tenantId);
  if (f.action) q = q.where('action', '=', f.action);
  // Not LIKE: it is case-insensitive on SQLite and treats _ and % as wildcards; a prefix should match literally everywhere.
  if (f.actionPrefix) q = q.where(sql<string>`substr(action, 1, ${[...f.actionPrefix].length})`, '=', f.actionPrefix);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

/** Reads a tenant's chain in seq order, page by page, without holding it all in memory. */
export async function* walkEntries(conn: Conn, tenantId: string, pageSize = 5000): AsyncGenerator<LedgerEntryRow> {
  for await (const page of walkPages(conn, tenantId, pageSize)) yield* page;
}

/** The chain in seq order, a page of rows at a time (one await per page, not per row). */
export async function* walkPages(conn: Conn, tenantId: string, pageSize = 5000): AsyncGenerator<LedgerEntryRow[]> {
  let after = 0;
  for (;;) {
    const rows = await conn
      .selectFrom('ledger_entries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].seq;
  }
}

/**
 * The tenant's chain head and the lowest and highest seq it holds, read in one statement, so the three agree even
 * while entries are appended: verification reads entries up to `hi` and compares the end with this head.
 */
export async function chainBounds(conn: Conn, tenantId: string): Promise<{ head?: { seq: number; hash: string }; lo: number | null; hi: number | null }> {
  const { rows } = await sql<{ head_seq: number | null; head_hash: string | null; lo: number | null; hi: number | null }>`
    select (select seq from ledger_heads where tenant_id = ${tenantId}) as head_seq,
           (select hash from ledger_heads where tenant_id = ${tenantId}) as head_hash,
           (select min(seq) from ledger_entries where tenant_id = ${tenantId}) as lo,
           (select max(seq) from ledger_entries where tenant_id = ${tenantId}) as hi`.execute(conn);
  const r = rows[0];
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const headSeq = num(r.head_seq);
  return { head: headSeq === null ? undefined : { seq: headSeq, hash: r.head_hash! }, lo: num(r.lo), hi: num(r.hi) };
}

/** The entries with seq in [from, to], in seq order, a page at a time, as StoredRecords (see ChainVerifier.pushStored). */
export async function* walkStored(conn: Conn, tenantId: string, from: number, to: number, pageSize: number): AsyncGenerator<StoredRecord[]> {
  let after = from - 1;
  for (;;) {
    const rows = await conn
      .selectFrom('ledger_entries')
      .select([
        'tenant_id as tenantId', 'seq', 'at', 'actor_kind as actorKind', 'actor_id as actorId', 'actor_name as actorName', 'action',
        'subject_type as subjectType', 'subject_id as subjectId', 'before as beforeJson', 'after as afterJson', 'prev_hash as prevHash', 'hash',
      ])
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', after)
      .where('seq', '<=', to)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const r of rows) r.seq = Number(r.seq);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].seq;
  }
}
