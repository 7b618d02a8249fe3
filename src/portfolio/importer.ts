import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { toJson } from '../kernel/db/json.js';
import { Invalid, Problem } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeUtf8, EMAIL, InventoryFormatError, type InventoryItem, readRecords, type RowError, validateRecords } from './inventory.js';
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
  const resolved = await resolveRefs(k.db, actor.tenantId, records, items, errors);
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

/**
 * Resolves value stream names and owner emails to this tenant's ids. Every row's references are checked, including
 * rows that already failed validation, so a dry run lists all of a row's problems at once.
 */
async function resolveRefs(conn: Conn, tenantId: string, records: { line: number; record: Record<string, unknown> }[], items: InventoryItem[], errors: RowError[]) {
  const streams = new Map<string, string | undefined>();
  const owners = new Map<string, string | undefined>();
  const bad = new Set<number>();
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  for (const { line, record } of records) {
    if ('__invalid' in record) continue;
    const valueStream = text(record.value_stream);
    if (valueStream) {
      if (!streams.has(valueStream)) streams.set(valueStream, (await store.findValueStreamByName(conn, tenantId, valueStream))?.id);
      if (!streams.get(valueStream)) {
        errors.push({ line, field: 'value_stream', reason: `no value stream named "${valueStream}"` });
        bad.add(line);
      }
    }
    const ownerEmail = text(record.owner_email).toLowerCase();
    // A malformed address is already reported by validateRecords.
    if (ownerEmail && EMAIL.test(ownerEmail)) {
      if (!owners.has(ownerEmail)) owners.set(ownerEmail, await store.memberIdByEmail(conn, tenantId, ownerEmail));
      if (!owners.get(ownerEmail)) {
        errors.push({ line, field: 'owner_email', reason: `${ownerEmail} is not a member of this tenant` });
        bad.add(line);
      }
    }
  }
  return items
    .filter((item) => !bad.has(item.line))
    .map((item) => ({
      item,
      ownerId: item.ownerEmail ? owners.get(item.ownerEmail) ?? null : null,
      valueStreamId: item.valueStream ? streams.get(item.valueStream) ?? null : null,
    }));
}
