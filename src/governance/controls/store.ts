import { sql } from 'kysely';
import type { Conn } from '../../kernel/db/connect.js';
import type { ControlEvidenceRow, ControlStatusRow } from '../migrations.js';
import { mappedActions } from './evidence-map.js';

export async function statusesOf(conn: Conn, tenantId: string, useCaseId?: string): Promise<ControlStatusRow[]> {
  let q = conn.selectFrom('control_statuses').selectAll().where('tenant_id', '=', tenantId);
  if (useCaseId) q = q.where('use_case_id', '=', useCaseId);
  return q.execute();
}

export async function saveStatus(conn: Conn, row: ControlStatusRow): Promise<void> {
  await conn
    .insertInto('control_statuses')
    .values(row)
    .onConflict((oc) => oc.columns(['use_case_id', 'control']).doUpdateSet({ status: row.status, justification: row.justification, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export async function evidenceOf(conn: Conn, tenantId: string, useCaseId: string): Promise<ControlEvidenceRow[]> {
  return conn.selectFrom('control_evidence').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).orderBy('added_at').orderBy('id').execute();
}

export async function insertEvidence(conn: Conn, rows: ControlEvidenceRow[]): Promise<void> {
  if (rows.length) await conn.insertInto('control_evidence').values(rows).execute();
}

/**
 * The ledger entries about a use case that the evidence map links to controls, newest first: entries whose subject
 * is the use case, or whose `after` names it as useCaseId (approvals, reviews, incidents).
 */
export async function linkedEntries(conn: Conn, tenantId: string, useCaseId: string, limit = 1000) {
  const named = `%"useCaseId":"${useCaseId}"%`;
  const rows = await conn
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'actor_name', 'subject_type', 'subject_id', 'after'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([
      eb('action', 'in', mappedActions.exact),
      ...mappedActions.prefixes.map((p) => eb(sql<string>`substr(action, 1, ${p.length})`, '=', p)),
    ]))
    .where((eb) => eb.or([eb.and([eb('subject_type', '=', 'use_case'), eb('subject_id', '=', useCaseId)]), eb('after', 'like', named)]))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  // LIKE treats the _ of ids as a wildcard: keep only the entries that really name this use case.
  return rows
    .map((r) => ({ ...r, after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null }))
    .filter((r) => (r.subject_type === 'use_case' && r.subject_id === useCaseId) || r.after?.useCaseId === useCaseId);
}
