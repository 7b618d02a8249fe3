import type { Conn } from '../kernel/db/connect.js';
import type { AcceptedObservation } from './ingest.js';
import type { MetricDefinitionRow } from './migrations.js';
import type { Aggregation, Direction, MetricDefinition, MetricLayer, MetricSource, ReviewCadence } from './schema.js';
import type { Unit } from './units.js';

/** A stored registry entry with its links and bookkeeping. */
export interface StoredMetric extends MetricDefinition {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toStoredMetric(row: MetricDefinitionRow, useCaseIds: string[]): StoredMetric {
  return {
    id: row.id, key: row.key, name: row.name, description: row.description, layer: row.layer as MetricLayer, adoption: row.adoption === 1,
    unit: row.unit as Unit, direction: row.direction as Direction, baseline: row.baseline, target: row.target,
    thresholds: { warning: row.warning, critical: row.critical }, owner: row.owner, reviewCadence: row.review_cadence as ReviewCadence,
    source: row.source as MetricSource, aggregation: row.aggregation as Aggregation, useCaseIds, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version,
  };
}

export function toDefinitionRow(tenantId: string, m: StoredMetric): MetricDefinitionRow {
  return {
    id: m.id, tenant_id: tenantId, key: m.key, name: m.name, description: m.description, layer: m.layer, adoption: m.adoption ? 1 : 0, unit: m.unit,
    direction: m.direction, baseline: m.baseline, target: m.target, warning: m.thresholds.warning, critical: m.thresholds.critical, owner: m.owner,
    review_cadence: m.reviewCadence, source: m.source, aggregation: m.aggregation, created_at: m.createdAt, updated_at: m.updatedAt, version: m.version,
  };
}

export async function storedMetrics(conn: Conn, tenantId: string, key?: string): Promise<StoredMetric[]> {
  let q = conn.selectFrom('metric_definitions').selectAll().where('tenant_id', '=', tenantId);
  if (key) q = q.where('key', '=', key);
  const rows = await q.orderBy('key').execute();
  if (rows.length === 0) return [];
  const links = await conn.selectFrom('metric_links').select(['metric_id', 'use_case_id']).where('tenant_id', '=', tenantId)
    .where('metric_id', 'in', rows.map((r) => r.id)).orderBy('use_case_id').execute();
  const byMetric = new Map<string, string[]>();
  for (const l of links) byMetric.set(l.metric_id, [...(byMetric.get(l.metric_id) ?? []), l.use_case_id]);
  return rows.map((r) => toStoredMetric(r, byMetric.get(r.id) ?? []));
}

export async function insertMetric(conn: Conn, tenantId: string, m: StoredMetric): Promise<void> {
  await conn.insertInto('metric_definitions').values(toDefinitionRow(tenantId, m)).execute();
  await setLinks(conn, tenantId, m.id, m.useCaseIds);
}

export async function updateMetric(conn: Conn, tenantId: string, m: StoredMetric, version: number): Promise<boolean> {
  const { id: _id, tenant_id: _t, created_at: _c, ...set } = toDefinitionRow(tenantId, { ...m, version: version + 1 });
  const res = await conn.updateTable('metric_definitions').set(set).where('tenant_id', '=', tenantId).where('id', '=', m.id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await conn.deleteFrom('metric_links').where('tenant_id', '=', tenantId).where('metric_id', '=', m.id).execute();
  await setLinks(conn, tenantId, m.id, m.useCaseIds);
  return true;
}

async function setLinks(conn: Conn, tenantId: string, metricId: string, useCaseIds: readonly string[]): Promise<void> {
  const rows = [...new Set(useCaseIds)].map((useCaseId) => ({ tenant_id: tenantId, metric_id: metricId, use_case_id: useCaseId }));
  for (let i = 0; i < rows.length; i += 500) await conn.insertInto('metric_links').values(rows.slice(i, i + 500)).execute();
}

export async function deleteMetric(conn: Conn, tenantId: string, id: string): Promise<void> {
  await conn.deleteFrom('metric_links').where('tenant_id', '=', tenantId).where('metric_id', '=', id).execute();
  await conn.deleteFrom('metric_definitions').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Fingerprints of stored observations by idempotency key, for the keys a batch names. */
export async function storedFingerprints(conn: Conn, tenantId: string, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await conn.selectFrom('metric_observations').select(['idempotency_key', 'fingerprint']).where('tenant_id', '=', tenantId)
      .where('idempotency_key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.idempotency_key, r.fingerprint);
  }
  return found;
}

/** Stores accepted observations; a key another writer stored meanwhile is left as it is (first write wins). */
export async function insertObservations(conn: Conn, tenantId: string, accepted: readonly AcceptedObservation[], receivedAt: string): Promise<void> {
  const rows = accepted.map((o) => ({
    tenant_id: tenantId, idempotency_key: o.idempotencyKey, metric_key: o.metric, use_case_id: o.useCaseId, at: o.at, value: o.value, unit: o.unit,
    fingerprint: o.fingerprint, received_at: receivedAt,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await conn.insertInto('metric_observations').values(rows.slice(i, i + 500)).onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing()).execute();
  }
}

/** Observations of metrics for use cases in [from, to), oldest first. */
export async function observations(conn: Conn, tenantId: string, metricKeys: readonly string[], useCaseIds: readonly string[], from: string, to: string) {
  if (metricKeys.length === 0 || useCaseIds.length === 0) return [];
  return conn.selectFrom('metric_observations').select(['metric_key', 'use_case_id', 'at', 'value']).where('tenant_id', '=', tenantId)
    .where('metric_key', 'in', metricKeys).where('use_case_id', 'in', useCaseIds).where('at', '>=', from).where('at', '<', to).orderBy('at').execute();
}

/** The newest value of each metric for each use case before `to`. */
export async function latestObservations(conn: Conn, tenantId: string, metricKeys: readonly string[], to: string) {
  if (metricKeys.length === 0) return [];
  const latest = conn.selectFrom('metric_observations').select(['metric_key', 'use_case_id']).select((eb) => eb.fn.max('at').as('at'))
    .where('tenant_id', '=', tenantId).where('metric_key', 'in', metricKeys).where('at', '<', to).groupBy(['metric_key', 'use_case_id']).as('latest');
  return conn.selectFrom('metric_observations as o').innerJoin(latest, (j) => j.onRef('o.metric_key', '=', 'latest.metric_key').onRef('o.use_case_id', '=', 'latest.use_case_id').onRef('o.at', '=', 'latest.at'))
    .select(['o.metric_key', 'o.use_case_id', 'o.at', 'o.value']).where('o.tenant_id', '=', tenantId).execute();
}

/** When each metric was last acknowledged by its owner. */
export async function lastAcknowledgements(conn: Conn, tenantId: string): Promise<Map<string, string>> {
  const rows = await conn.selectFrom('metric_acknowledgements').select('metric_key').select((eb) => eb.fn.max('at').as('at'))
    .where('tenant_id', '=', tenantId).groupBy('metric_key').execute();
  return new Map(rows.map((r) => [r.metric_key, String(r.at)]));
}
