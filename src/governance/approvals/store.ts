import type { Conn } from '../../kernel/db/connect.js';
import type { ApprovalRequestRow, ApprovalRow } from '../migrations.js';

export type ApprovalStatus = 'open' | 'granted' | 'rejected' | 'invalidated' | 'completed';
export type RequestStatus = 'pending' | 'granted' | 'rejected' | 'withdrawn';

export interface RequestFilter {
  status?: RequestStatus;
  role?: string;
  useCaseId?: string;
  /** Pending requests whose due date has passed at this time. */
  overdueAt?: string;
  after?: [string, string];
  limit: number;
}

export async function insertApproval(conn: Conn, approval: ApprovalRow, requests: ApprovalRequestRow[]): Promise<void> {
  await conn.insertInto('approvals').values(approval).execute();
  await conn.insertInto('approval_requests').values(requests).execute();
}

export async function getApproval(conn: Conn, tenantId: string, id: string): Promise<ApprovalRow | undefined> {
  return conn.selectFrom('approvals').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function getRequest(conn: Conn, tenantId: string, id: string): Promise<ApprovalRequestRow | undefined> {
  return conn.selectFrom('approval_requests').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function approvalsOf(conn: Conn, tenantId: string, useCaseId: string, statuses?: ApprovalStatus[]): Promise<ApprovalRow[]> {
  let q = conn.selectFrom('approvals').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId);
  if (statuses) q = q.where('status', 'in', statuses);
  return q.orderBy('requested_at', 'desc').orderBy('id').execute();
}

export async function requestsOf(conn: Conn, tenantId: string, approvalIds: string[]): Promise<ApprovalRequestRow[]> {
  if (!approvalIds.length) return [];
  return conn.selectFrom('approval_requests').selectAll().where('tenant_id', '=', tenantId).where('approval_id', 'in', approvalIds).orderBy('role').execute();
}

/** The roles granted so far for each transition, over approvals that were granted in full (used or not). */
export async function grantedRoles(conn: Conn, tenantId: string, useCaseId: string): Promise<{ from_stage: string; to_stage: string; role: string }[]> {
  return conn
    .selectFrom('approval_requests as r')
    .innerJoin('approvals as a', 'a.id', 'r.approval_id')
    .select(['a.from_stage', 'a.to_stage', 'r.role'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.use_case_id', '=', useCaseId)
    .where('a.status', 'in', ['granted', 'completed'])
    .where('r.status', '=', 'granted')
    .execute();
}

export async function updateRequest(conn: Conn, tenantId: string, id: string, version: number, set: Partial<ApprovalRequestRow>): Promise<boolean> {
  const res = await conn
    .updateTable('approval_requests')
    .set({ ...set, version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function closeApprovals(conn: Conn, tenantId: string, ids: string[], status: ApprovalStatus, at: string, reason: string | null): Promise<void> {
  if (!ids.length) return;
  await conn.updateTable('approvals').set({ status, closed_at: at, close_reason: reason }).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

export async function setApprovalStatus(conn: Conn, tenantId: string, id: string, status: ApprovalStatus): Promise<void> {
  await conn.updateTable('approvals').set({ status }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Pending requests of closed approvals are withdrawn: nobody needs to decide them any more. */
export async function withdrawPending(conn: Conn, tenantId: string, approvalIds: string[], at: string, reason: string): Promise<void> {
  if (!approvalIds.length) return;
  await conn
    .updateTable('approval_requests')
    .set((eb) => ({ status: 'withdrawn', decided_at: at, reason, version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('approval_id', 'in', approvalIds)
    .where('status', '=', 'pending')
    .execute();
}

/** Requests with their approval's transition and requester, ordered by due date. */
export async function listRequests(conn: Conn, tenantId: string, f: RequestFilter) {
  let q = conn
    .selectFrom('approval_requests as r')
    .innerJoin('approvals as a', 'a.id', 'r.approval_id')
    .selectAll('r')
    .select(['a.from_stage', 'a.to_stage', 'a.kind', 'a.requested_by', 'a.requested_by_name', 'a.requested_at', 'a.status as approval_status'])
    .where('r.tenant_id', '=', tenantId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.role) q = q.where('r.role', '=', f.role);
  if (f.useCaseId) q = q.where('r.use_case_id', '=', f.useCaseId);
  if (f.overdueAt) q = q.where('r.status', '=', 'pending').where('r.due_at', '<', f.overdueAt);
  if (f.after) {
    const [dueAt, id] = f.after;
    q = q.where((eb) => eb.or([eb('r.due_at', '>', dueAt), eb.and([eb('r.due_at', '=', dueAt), eb('r.id', '>', id)])]));
  }
  return q.orderBy('r.due_at').orderBy('r.id').limit(f.limit + 1).execute();
}

/** Pending requests past their due date that have not been marked overdue yet, in every tenant. */
export async function newlyOverdue(conn: Conn, now: string): Promise<ApprovalRequestRow[]> {
  return conn.selectFrom('approval_requests').selectAll().where('status', '=', 'pending').where('overdue_at', 'is', null).where('due_at', '<', now).orderBy('tenant_id').execute();
}

export async function markOverdue(conn: Conn, tenantId: string, ids: string[], at: string): Promise<void> {
  await conn.updateTable('approval_requests').set({ overdue_at: at }).where('tenant_id', '=', tenantId).where('id', 'in', ids).where('overdue_at', 'is', null).execute();
}
