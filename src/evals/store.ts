import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson } from '../kernel/db/json.js';
import type { DatasetRow } from './datasets/rows.js';
import type {
  EvalCaseResultRow, EvalDatasetRow, EvalDatasetRowRow, EvalDatasetVersionRow, EvalRunRow, GateDecisionRow, RedTeamProbeRow, ReleaseSignOffRow,
} from './migrations.js';

// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 500;

async function insertChunked<T extends 'eval_dataset_rows' | 'eval_case_results'>(conn: Conn, table: T, rows: (T extends 'eval_dataset_rows' ? EvalDatasetRowRow : EvalCaseResultRow)[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    if (table === 'eval_dataset_rows') await conn.insertInto('eval_dataset_rows').values(chunk as EvalDatasetRowRow[]).execute();
    else await conn.insertInto('eval_case_results').values(chunk as EvalCaseResultRow[]).onConflict((oc) => oc.columns(['run_id', 'case_id']).doNothing()).execute();
  }
}

// ── datasets ────────────────────────────────────────────────────────────────────────────────────────────────────

export const insertDataset = (tx: Tx, row: EvalDatasetRow) => tx.insertInto('eval_datasets').values(row).execute();

export const getDataset = (conn: Conn, tenantId: string, id: string) =>
  conn.selectFrom('eval_datasets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const datasetNamed = (conn: Conn, tenantId: string, name: string) =>
  conn.selectFrom('eval_datasets').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();

export function listDatasets(conn: Conn, tenantId: string, filter: { useCaseId?: string; limit: number; after?: [string, string] }) {
  let q = conn.selectFrom('eval_datasets').selectAll().where('tenant_id', '=', tenantId);
  if (filter.useCaseId) q = q.where('use_case_id', '=', filter.useCaseId);
  const after = filter.after;
  if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

export const versionsOf = (conn: Conn, tenantId: string, datasetIds: string[]) =>
  datasetIds.length === 0
    ? Promise.resolve([] as EvalDatasetVersionRow[])
    : conn.selectFrom('eval_dataset_versions').selectAll().where('tenant_id', '=', tenantId).where('dataset_id', 'in', datasetIds).orderBy('number').execute();

export const getVersion = (conn: Conn, tenantId: string, datasetId: string, number: number) =>
  conn.selectFrom('eval_dataset_versions').selectAll().where('tenant_id', '=', tenantId).where('dataset_id', '=', datasetId).where('number', '=', number).executeTakeFirst();

export const getVersionById = (conn: Conn, tenantId: string, id: string) =>
  conn.selectFrom('eval_dataset_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const latestVersion = (conn: Conn, tenantId: string, datasetId: string) =>
  conn.selectFrom('eval_dataset_versions').selectAll().where('tenant_id', '=', tenantId).where('dataset_id', '=', datasetId).orderBy('number', 'desc').executeTakeFirst();

export async function insertVersion(tx: Tx, version: EvalDatasetVersionRow, rows: readonly DatasetRow[]) {
  await tx.insertInto('eval_dataset_versions').values(version).execute();
  await insertRows(tx, version, rows);
}

function insertRows(tx: Tx, version: EvalDatasetVersionRow, rows: readonly DatasetRow[]) {
  return insertChunked(tx, 'eval_dataset_rows', rows.map((row, position) => ({ version_id: version.id, position, tenant_id: version.tenant_id, case_id: row.id, body: JSON.stringify(row) })));
}

/** Replaces an unfrozen version's rows; false when it was frozen or changed meanwhile. */
export async function replaceRows(tx: Tx, version: EvalDatasetVersionRow, set: Pick<EvalDatasetVersionRow, 'content_hash' | 'row_count' | 'source' | 'updated_at'>, rows: readonly DatasetRow[]) {
  const updated = await tx.updateTable('eval_dataset_versions').set({ ...set, version: version.version + 1 })
    .where('id', '=', version.id).where('version', '=', version.version).where('frozen_at', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await tx.deleteFrom('eval_dataset_rows').where('version_id', '=', version.id).execute();
  await insertRows(tx, version, rows);
  return true;
}

export async function deleteVersion(tx: Tx, version: EvalDatasetVersionRow) {
  const deleted = await tx.deleteFrom('eval_dataset_versions').where('id', '=', version.id).where('frozen_at', 'is', null).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return false;
  await tx.deleteFrom('eval_dataset_rows').where('version_id', '=', version.id).execute();
  return true;
}

export async function rowsOf(conn: Conn, versionId: string): Promise<DatasetRow[]> {
  const rows = await conn.selectFrom('eval_dataset_rows').select('body').where('version_id', '=', versionId).orderBy('position').execute();
  return rows.map((r) => JSON.parse(r.body) as DatasetRow);
}

export const freezeVersions = (tx: Tx, tenantId: string, ids: string[], decisionId: string, at: string) =>
  ids.length === 0
    ? Promise.resolve()
    : tx.updateTable('eval_dataset_versions').set({ frozen_at: at, frozen_by: decisionId }).where('tenant_id', '=', tenantId).where('id', 'in', ids).where('frozen_at', 'is', null).execute();

export const runsOnVersion = (conn: Conn, versionId: string) =>
  conn.selectFrom('eval_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_version_id', '=', versionId).executeTakeFirstOrThrow().then((r) => Number(r.n));

// ── runs ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const insertRun = (conn: Conn, row: EvalRunRow) => conn.insertInto('eval_runs').values(row).execute();

export const getRun = (conn: Conn, tenantId: string, id: string) =>
  conn.selectFrom('eval_runs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export function listRuns(conn: Conn, tenantId: string, releaseId: string, filter: { kind?: string; limit: number; after?: [string, string] }) {
  let q = conn.selectFrom('eval_runs').selectAll().where('tenant_id', '=', tenantId).where('release_id', '=', releaseId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const after = filter.after;
  if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

/** A release's completed runs of one kind, newest first (optionally only those over one dataset content). */
export function completedRuns(conn: Conn, tenantId: string, releaseId: string, kind: string, datasetHash?: string) {
  let q = conn.selectFrom('eval_runs').selectAll().where('tenant_id', '=', tenantId).where('release_id', '=', releaseId).where('kind', '=', kind).where('status', '=', 'completed');
  if (datasetHash) q = q.where('dataset_hash', '=', datasetHash);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(20).execute();
}

export const caseResults = (conn: Conn, runId: string) => conn.selectFrom('eval_case_results').selectAll().where('run_id', '=', runId).execute();

export const storedCaseIds = async (conn: Conn, runId: string) =>
  new Set((await conn.selectFrom('eval_case_results').select('case_id').where('run_id', '=', runId).execute()).map((r) => r.case_id));

export function caseResultsPage(conn: Conn, tenantId: string, runId: string, limit: number, after?: string) {
  let q = conn.selectFrom('eval_case_results').selectAll().where('tenant_id', '=', tenantId).where('run_id', '=', runId);
  if (after !== undefined) q = q.where('case_id', '>', after);
  return q.orderBy('case_id').limit(limit + 1).execute();
}

export const insertCaseResults = (conn: Conn, rows: EvalCaseResultRow[]) => insertChunked(conn, 'eval_case_results', rows);

export async function countResults(conn: Conn, runId: string): Promise<{ done: number; failed: number }> {
  const r = await conn.selectFrom('eval_case_results')
    .select((eb) => [eb.fn.countAll<number>().as('done'), eb.fn.count<number>('error').as('failed')])
    .where('run_id', '=', runId).executeTakeFirstOrThrow();
  return { done: Number(r.done), failed: Number(r.failed) };
}

export const updateRun = (conn: Conn, id: string, set: Partial<Omit<EvalRunRow, 'id' | 'tenant_id'>>) => conn.updateTable('eval_runs').set(set).where('id', '=', id).execute();

/** Takes over a run (to start or resume it) unless another instance took it first. */
export async function claimRun(conn: Conn, run: EvalRunRow, heartbeatAt: string): Promise<boolean> {
  const r = await conn.updateTable('eval_runs').set({ status: 'running', heartbeat_at: heartbeatAt, version: run.version + 1 })
    .where('id', '=', run.id).where('version', '=', run.version).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Runs left queued or running by an instance that stopped reporting before `before`. */
export const abandonedRuns = (conn: Conn, before: string) =>
  conn.selectFrom('eval_runs').selectAll().where('status', 'in', ['queued', 'running']).where('heartbeat_at', '<', before).orderBy('created_at').limit(50).execute();

// ── red-team probes, sign-offs, gate decisions ──────────────────────────────────────────────────────────────────

export async function probesOf(conn: Conn, tenantId: string): Promise<unknown[]> {
  const rows = await conn.selectFrom('red_team_probes').select('body').where('tenant_id', '=', tenantId).orderBy('id').execute();
  return rows.map((r) => fromJson<unknown>(r.body, null));
}

export async function replaceProbes(tx: Tx, tenantId: string, rows: RedTeamProbeRow[]) {
  await tx.deleteFrom('red_team_probes').where('tenant_id', '=', tenantId).execute();
  if (rows.length) await tx.insertInto('red_team_probes').values(rows).execute();
}

export const insertSignOff = (tx: Tx, row: ReleaseSignOffRow) => tx.insertInto('release_sign_offs').values(row).execute();

export const signOffsOf = (conn: Conn, tenantId: string, releaseId: string) =>
  conn.selectFrom('release_sign_offs').selectAll().where('tenant_id', '=', tenantId).where('release_id', '=', releaseId).orderBy('created_at').execute();

export const insertDecision = (tx: Tx, row: GateDecisionRow) => tx.insertInto('gate_decisions').values(row).execute();

export const getDecision = (conn: Conn, tenantId: string, id: string) =>
  conn.selectFrom('gate_decisions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const latestDecision = (conn: Conn, tenantId: string, releaseId: string) =>
  conn.selectFrom('gate_decisions').selectAll().where('tenant_id', '=', tenantId).where('release_id', '=', releaseId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();

export const decisionsBetween = (conn: Conn, tenantId: string, from: string, to: string) =>
  conn.selectFrom('gate_decisions').selectAll().where('tenant_id', '=', tenantId).where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at').orderBy('id').execute();

export const decisionsOf = (conn: Conn, tenantId: string, releaseId: string) =>
  conn.selectFrom('gate_decisions').selectAll().where('tenant_id', '=', tenantId).where('release_id', '=', releaseId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
