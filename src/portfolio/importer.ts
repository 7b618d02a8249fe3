import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { toJson } from '../kernel/db/json.js';
import { Invalid, Problem } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeUtf8, InventoryFormatError, type InventoryItem, readRecords, type RowError, validateRecords } from './inventory.js';
import type { UseCaseRow } from './migrations.js';
import * as store from './store.js';

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  errors: RowError[];
  imported: { line: number; id: string; title: string }[];
}

/**
 * Brings an inventory of existing pilots under governance. Imported use cases start in intake, whatever their
 * production readiness, because none has yet passed Charter's screening and gates. A dry run reports every bad row;
 * a real run imports all rows or none.
 */
export async function importInventory(k: Kernel, actor: Actor, input: { format: 'csv' | 'json'; content: Buffer | string; dryRun: boolean }): Promise<ImportReport> {
  let records;
  try {
    const text = typeof input.content === 'string' ? input.content : decodeUtf8(input.content);
    records = readRecords(text, input.format);
  } catch (err) {
    if (err instanceof InventoryFormatError) throw new Invalid(err.message, [{ path: 'body', message: err.message }]);
    throw err;
  }
  if (records.length === 0) throw new Invalid('the inventory holds no rows', [{ path: 'body', message: 'no rows' }]);
  if (records.length > 5000) throw new Problem(413, 'payload-too-large', 'Too many rows', 'import at most 5,000 use cases at a time');
  const { items, errors } = validateRecords(records);
  const resolved = await resolveRefs(k.db, actor.tenantId, items, errors);
  const report: ImportReport = { dryRun: input.dryRun, total: records.length, valid: resolved.length, errors: errors.sort((a, b) => a.line - b.line), imported: [] };
  if (input.dryRun) return report;
  if (errors.length) throw new Problem(422, 'import-rejected', 'Import rejected', `${errors.length} problem(s) in ${new Set(errors.map((e) => e.line)).size} row(s); nothing was imported`, { report });

  await k.db.transaction().execute(async (tx) => {
    const now = k.clock.now().toISOString();
    for (const { item, ownerId, valueStreamId } of resolved) {
      const row: UseCaseRow = {
        id: newId('uc'), tenant_id: actor.tenantId, title: item.title, description: item.description,
        outcome: item.outcome ? toJson(item.outcome) : null, value_stream_id: valueStreamId, owner_id: ownerId, sponsor: item.sponsor, team_id: null,
        affected_users: '[]', data_sensitivity: item.sensitivity, data_categories: toJson(item.categories), risk_tier: null, policy_pack_version: null,
        stage: 'intake', suspended_from: null, priority: null, priority_score: 0,
        readiness: toJson({ dataSources: [], humanOversight: [], rollbackPlan: '' }), target_date: null,
        tags: toJson([`inventory:${item.productionReadiness}`]), source: 'import', last_activity_at: now, created_at: now, updated_at: now, version: 1,
      };
      await store.insertUseCase(tx, row);
      report.imported.push({ line: item.line, id: row.id, title: row.title });
    }
    await k.ledger.append(tx, actor, {
      action: 'usecase.import', subjectType: 'import', subjectId: newId('imp'),
      after: { format: input.format, count: report.imported.length, ids: report.imported.map((i) => i.id) },
    });
  });
  await k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: '*' });
  return report;
}

async function resolveRefs(conn: Conn, tenantId: string, items: InventoryItem[], errors: RowError[]) {
  const streams = new Map<string, string | undefined>();
  const owners = new Map<string, string | undefined>();
  const out: { item: InventoryItem; ownerId: string | null; valueStreamId: string | null }[] = [];
  for (const item of items) {
    let ok = true;
    let valueStreamId: string | null = null;
    if (item.valueStream) {
      if (!streams.has(item.valueStream)) streams.set(item.valueStream, (await store.findValueStreamByName(conn, tenantId, item.valueStream))?.id);
      valueStreamId = streams.get(item.valueStream) ?? null;
      if (!valueStreamId) {
        errors.push({ line: item.line, field: 'value_stream', reason: `no value stream named "${item.valueStream}"` });
        ok = false;
      }
    }
    let ownerId: string | null = null;
    if (item.ownerEmail) {
      if (!owners.has(item.ownerEmail)) owners.set(item.ownerEmail, await store.memberIdByEmail(conn, tenantId, item.ownerEmail));
      ownerId = owners.get(item.ownerEmail) ?? null;
      if (!ownerId) {
        errors.push({ line: item.line, field: 'owner_email', reason: `${item.ownerEmail} is not a member of this tenant` });
        ok = false;
      }
    }
    if (ok) out.push({ item, ownerId, valueStreamId });
  }
  return out;
}
