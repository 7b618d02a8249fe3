import { sql } from 'kysely';
import type { Conn, Dialect, Tx } from '../db/connect.js';
import type { LedgerEntryRow } from '../schema-migrations.js';
import { GENESIS_HASH } from './model.js';

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
