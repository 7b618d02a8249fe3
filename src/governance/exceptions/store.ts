import type { Conn } from '../../kernel/db/connect.js';
import type { ControlExceptionRow } from '../migrations.js';

export type ExceptionStatus = 'requested' | 'approved' | 'rejected' | 'expired';
/** How a listing narrows exceptions: by status, or by where an approved one stands against its expiry. */
export type ExceptionState = ExceptionStatus | 'active' | 'expiring';

export interface ExceptionFilter {
  state?: ExceptionState;
  useCaseId?: string;
  now: string;
  /** Approved exceptions expiring before this time count as expiring. */
  soon: string;
  after?: [string, string];
  limit: number;
}

export async function insertException(conn: Conn, row: ControlExceptionRow): Promise<void> {
  await conn.insertInto('control_exceptions').values(row).execute();
}

export async function getException(conn: Conn, tenantId: string, id: string): Promise<ControlExceptionRow | undefined> {
  return conn.selectFrom('control_exceptions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function updateException(conn: Conn, tenantId: string, id: string, version: number, set: Partial<ControlExceptionRow>): Promise<boolean> {
  const res = await conn.updateTable('control_exceptions').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Approved exceptions still in force at `now`: the controls they waive count as met. */
export async function activeWaivers(conn: Conn, tenantId: string, now: string, useCaseId?: string): Promise<ControlExceptionRow[]> {
  let q = conn.selectFrom('control_exceptions').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'approved').where('expires_at', '>', now);
  if (useCaseId) q = q.where('use_case_id', '=', useCaseId);
  return q.execute();
}

/** A requested exception for the control, or one in force: a second one is not needed. */
export async function openFor(conn: Conn, tenantId: string, useCaseId: string, control: string, now: string): Promise<ControlExceptionRow | undefined> {
  return conn
    .selectFrom('control_exceptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('use_case_id', '=', useCaseId)
    .where('control', '=', control)
    .where((eb) => eb.or([eb('status', '=', 'requested'), eb.and([eb('status', '=', 'approved'), eb('expires_at', '>', now)])]))
    .executeTakeFirst();
}

/** Listed by expiry (a requested exception's is provisional: counted from the request), then id. */
export async function listExceptions(conn: Conn, tenantId: string, f: ExceptionFilter): Promise<ControlExceptionRow[]> {
  let q = conn.selectFrom('control_exceptions').selectAll().where('tenant_id', '=', tenantId);
  if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
  if (f.state === 'active') q = q.where('status', '=', 'approved').where('expires_at', '>', f.now);
  else if (f.state === 'expiring') q = q.where('status', '=', 'approved').where('expires_at', '>', f.now).where('expires_at', '<=', f.soon);
  else if (f.state === 'expired') q = q.where((eb) => eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'approved'), eb('expires_at', '<=', f.now)])]));
  else if (f.state) q = q.where('status', '=', f.state);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where((eb) => eb.or([eb('expires_at', '>', at), eb.and([eb('expires_at', '=', at), eb('id', '>', id)])]));
  }
  return q.orderBy('expires_at').orderBy('id').limit(f.limit + 1).execute();
}

/** Approved exceptions whose expiry has passed and that are not marked expired yet, in every tenant. */
export async function newlyExpired(conn: Conn, now: string): Promise<ControlExceptionRow[]> {
  return conn.selectFrom('control_exceptions').selectAll().where('status', '=', 'approved').where('expires_at', '<=', now).orderBy('tenant_id').execute();
}
