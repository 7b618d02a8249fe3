import { sql } from 'kysely';
import type { Conn } from '../kernel/db/connect.js';
import { decodeCursor } from '../kernel/http/pagination.js';
import type { UseCaseRow, ValueStreamRow } from './migrations.js';
import type { Stage, Tier } from './schema.js';

export interface UseCaseFilter {
  stage?: Stage[];
  valueStreamId?: string;
  tier?: Tier[];
  ownerId?: string;
  q?: string;
  /** Only orphaned experiments (true) or only the others (false); see orphans.ts. */
  orphaned?: boolean;
  /** With `orphaned`: last activity at or before this time counts as idle. */
  idleSince?: string;
  sort: 'priority' | 'created' | 'title';
  cursor?: string;
  limit: number;
}

const joined = (conn: Conn, tenantId: string) =>
  conn
    .selectFrom('use_cases as uc')
    .leftJoin('value_streams as vs', 'vs.id', 'uc.value_stream_id')
    .leftJoin('users as u', 'u.id', 'uc.owner_id')
    .selectAll('uc')
    .select(['vs.name as value_stream_name', 'u.name as owner_name'])
    .where('uc.tenant_id', '=', tenantId);

export type UseCaseJoined = UseCaseRow & { value_stream_name: string | null; owner_name: string | null };

export async function getUseCase(conn: Conn, tenantId: string, id: string): Promise<UseCaseJoined | undefined> {
  return joined(conn, tenantId).where('uc.id', '=', id).executeTakeFirst();
}

/** Keyset pagination over the chosen order; the cursor holds the last row's sort key and id. */
export async function listUseCases(conn: Conn, tenantId: string, f: UseCaseFilter): Promise<UseCaseJoined[]> {
  let q = joined(conn, tenantId);
  if (f.stage?.length) q = q.where('uc.stage', 'in', f.stage);
  if (f.tier?.length) q = q.where('uc.risk_tier', 'in', f.tier);
  if (f.valueStreamId) q = q.where('uc.value_stream_id', '=', f.valueStreamId);
  if (f.ownerId) q = q.where('uc.owner_id', '=', f.ownerId);
  // lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL, and search should not depend on the database.
  if (f.q) q = q.where(sql<string>`lower(uc.title)`, 'like', `%${f.q.toLowerCase().replace(/[%_]/g, '')}%`);
  // The same test as orphanReasons, in SQL, so a page of orphans is a full page and the cursor walks only orphans.
  if (f.orphaned !== undefined) {
    if (!f.idleSince) throw new Error('listUseCases: orphaned needs idleSince');
    const idleSince = f.idleSince;
    q = q.where((eb) => {
      const closed = eb('uc.stage', 'in', ['retired', 'rejected']);
      const neglected = eb.or([eb('uc.owner_id', 'is', null), eb('uc.outcome', 'is', null), eb('uc.outcome', '=', 'null'), eb('uc.last_activity_at', '<=', idleSince)]);
      return f.orphaned ? eb.and([eb.not(closed), neglected]) : eb.or([closed, eb.not(neglected)]);
    });
  }
  const after = decodeCursor(f.cursor, 2, f.sort === 'priority' ? ['number', 'string'] : ['string', 'string']);
  if (f.sort === 'priority') {
    if (after) {
      const [score, id] = after as [number, string];
      q = q.where((eb) => eb.or([eb('uc.priority_score', '<', score), eb.and([eb('uc.priority_score', '=', score), eb('uc.id', '>', id)])]));
    }
    q = q.orderBy('uc.priority_score', 'desc').orderBy('uc.id', 'asc');
  } else {
    const col = f.sort === 'created' ? 'uc.created_at' : 'uc.title';
    if (after) {
      const [key, id] = after as [string, string];
      q = q.where((eb) => eb.or([eb(col, '>', key), eb.and([eb(col, '=', key), eb('uc.id', '>', id)])]));
    }
    q = q.orderBy(col, 'asc').orderBy('uc.id', 'asc');
  }
  return q.limit(f.limit + 1).execute();
}

export const sortKey = (sort: UseCaseFilter['sort']) => (row: UseCaseRow): (string | number)[] =>
  sort === 'priority' ? [row.priority_score, row.id] : sort === 'created' ? [row.created_at, row.id] : [row.title, row.id];

export async function insertUseCase(conn: Conn, row: UseCaseRow): Promise<void> {
  await conn.insertInto('use_cases').values(row).execute();
}

/** Writes the changed columns if the row is still at `version`; returns false when someone else wrote first. */
export async function updateUseCase(conn: Conn, tenantId: string, id: string, version: number, set: Partial<UseCaseRow>): Promise<boolean> {
  const res = await conn
    .updateTable('use_cases')
    .set({ ...set, version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function allUseCases(conn: Conn, tenantId: string): Promise<UseCaseJoined[]> {
  return joined(conn, tenantId).orderBy('uc.priority_score', 'desc').orderBy('uc.id').execute();
}

export async function listValueStreams(conn: Conn, tenantId: string) {
  return conn
    .selectFrom('value_streams as vs')
    .leftJoin('use_cases as uc', 'uc.value_stream_id', 'vs.id')
    .select(['vs.id', 'vs.name', 'vs.description', 'vs.owner_id'])
    .select((eb) => eb.fn.count<number>('uc.id').as('use_cases'))
    .where('vs.tenant_id', '=', tenantId)
    .groupBy(['vs.id', 'vs.name', 'vs.description', 'vs.owner_id'])
    .orderBy('vs.name')
    .execute();
}

export async function getValueStream(conn: Conn, tenantId: string, id: string): Promise<ValueStreamRow | undefined> {
  return conn.selectFrom('value_streams').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findValueStreamByName(conn: Conn, tenantId: string, name: string): Promise<ValueStreamRow | undefined> {
  return conn.selectFrom('value_streams').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
}

export async function insertValueStream(conn: Conn, row: ValueStreamRow): Promise<void> {
  await conn.insertInto('value_streams').values(row).execute();
}

export async function memberIdByEmail(conn: Conn, tenantId: string, email: string): Promise<string | undefined> {
  const row = await conn
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.tenant_id', '=', tenantId)
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

export async function isMember(conn: Conn, tenantId: string, userId: string): Promise<boolean> {
  const row = await conn.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

export async function isTeam(conn: Conn, tenantId: string, teamId: string): Promise<boolean> {
  const row = await conn.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where('id', '=', teamId).executeTakeFirst();
  return !!row;
}
