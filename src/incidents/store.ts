import type { Conn } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { decodeCursor } from '../kernel/http/pagination.js';
import type { IncidentRow } from './migrations.js';
import { INCIDENT_STATUSES, type Incident, type IncidentStatus, type Severity } from './model.js';

/** An incident with the version its row carries (ETag). */
export type StoredIncident = Incident & { version: number; updatedAt: string };

export function toIncident(row: IncidentRow): StoredIncident {
  return {
    id: row.id, useCaseId: row.use_case_id, title: row.title, severity: row.severity as Severity, status: row.status as IncidentStatus,
    ownerId: row.owner_id, openedAt: row.opened_at, triagedAt: row.triaged_at, mitigatedAt: row.mitigated_at, resolvedAt: row.resolved_at,
    reviewedAt: row.reviewed_at, releaseIds: fromJson(row.release_ids, []), metricKeys: fromJson(row.metric_keys, []),
    control: fromJson(row.control, { state: 'normal', throttleFraction: null, rolledBack: false }), timeline: fromJson(row.timeline, []),
    review: fromJson(row.review, null), version: row.version, updatedAt: row.updated_at,
  };
}

function toRow(tenantId: string, i: Incident, version: number, updatedAt: string): IncidentRow {
  return {
    id: i.id, tenant_id: tenantId, use_case_id: i.useCaseId, title: i.title, severity: i.severity, status: i.status, owner_id: i.ownerId,
    opened_at: i.openedAt, triaged_at: i.triagedAt, mitigated_at: i.mitigatedAt, resolved_at: i.resolvedAt, reviewed_at: i.reviewedAt,
    release_ids: toJson(i.releaseIds), metric_keys: toJson(i.metricKeys), control: toJson(i.control), control_state: i.control.state, timeline: toJson(i.timeline),
    review: i.review ? toJson(i.review) : null, updated_at: updatedAt, version,
  };
}

export async function getIncident(conn: Conn, tenantId: string, id: string): Promise<StoredIncident | undefined> {
  const row = await conn.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toIncident(row);
}

export async function insertIncident(conn: Conn, tenantId: string, incident: Incident, at: string): Promise<StoredIncident> {
  const row = toRow(tenantId, incident, 1, at);
  await conn.insertInto('incidents').values(row).execute();
  return toIncident(row);
}

/** Writes the incident if its row is still at `version`; false when someone else wrote first. */
export async function updateIncident(conn: Conn, tenantId: string, incident: Incident, version: number, at: string): Promise<boolean> {
  const { id: _id, tenant_id: _t, ...set } = toRow(tenantId, incident, version + 1, at);
  const res = await conn.updateTable('incidents').set(set).where('tenant_id', '=', tenantId).where('id', '=', incident.id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const ACTIVE: IncidentStatus[] = INCIDENT_STATUSES.filter((s) => s === 'open' || s === 'triaged' || s === 'mitigated');

/** The use case's newest incident that is not yet resolved. */
export async function activeIncident(conn: Conn, tenantId: string, useCaseId: string): Promise<StoredIncident | undefined> {
  const row = await conn.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId)
    .where('status', 'in', ACTIVE).orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toIncident(row);
}

/** The incident whose containment holds the use case suspended, if any. */
export async function suspendingIncident(conn: Conn, tenantId: string, useCaseId: string): Promise<string | undefined> {
  const row = await conn.selectFrom('incidents').select('id').where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).where('control_state', '=', 'suspended').executeTakeFirst();
  return row?.id;
}

/** Incidents that still hold a use case back (throttled or suspended), across tenants, for automatic resumption. */
export async function containedIncidents(conn: Conn): Promise<(StoredIncident & { tenantId: string })[]> {
  const rows = await conn.selectFrom('incidents').selectAll().where('status', 'in', ['mitigated', 'resolved', 'reviewed'])
    .where('control_state', '!=', 'normal').execute();
  return rows.map((r) => ({ ...toIncident(r), tenantId: r.tenant_id }));
}

export interface IncidentFilter {
  useCaseId?: string;
  status?: IncidentStatus[];
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Newest first; the cursor holds the last row's opening time and id. */
export async function listIncidents(conn: Conn, tenantId: string, f: IncidentFilter): Promise<StoredIncident[]> {
  let q = conn.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId);
  if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.from) q = q.where('opened_at', '>=', f.from);
  if (f.to) q = q.where('opened_at', '<', f.to);
  const after = decodeCursor(f.cursor, 2, ['string', 'string']);
  if (after) {
    const [openedAt, id] = after as [string, string];
    q = q.where((eb) => eb.or([eb('opened_at', '<', openedAt), eb.and([eb('opened_at', '=', openedAt), eb('id', '<', id)])]));
  }
  return (await q.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute()).map(toIncident);
}

export async function isMember(conn: Conn, tenantId: string, userId: string): Promise<boolean> {
  return !!(await conn.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst());
}
