import { sql } from 'kysely';
import type { Conn } from '../kernel/db/connect.js';
import type { Tier } from '../portfolio/schema.js';
import type { PolicyPackRow } from './migrations.js';

export type PackStatus = 'draft' | 'published' | 'discarded';

export async function getPack(conn: Conn, tenantId: string, id: string): Promise<PolicyPackRow | undefined> {
  return conn.selectFrom('policy_packs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function publishedVersion(conn: Conn, tenantId: string, tier: Tier, packVersion: number): Promise<PolicyPackRow | undefined> {
  return conn
    .selectFrom('policy_packs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('tier', '=', tier)
    .where('pack_version', '=', packVersion)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The highest published version of a tier: the one new screenings bind to. */
export async function currentVersion(conn: Conn, tenantId: string, tier: Tier): Promise<PolicyPackRow | undefined> {
  return conn
    .selectFrom('policy_packs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('tier', '=', tier)
    .where('status', '=', 'published')
    .orderBy('pack_version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every tier's highest published version number. */
export async function currentNumbers(conn: Conn, tenantId: string): Promise<Map<string, number>> {
  const rows = await conn
    .selectFrom('policy_packs')
    .select((eb) => ['tier', eb.fn.max<number>('pack_version').as('latest')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'published')
    .groupBy('tier')
    .execute();
  return new Map(rows.map((r) => [r.tier, Number(r.latest)]));
}

export async function listPacks(conn: Conn, tenantId: string, filter: { tier?: Tier; status?: PackStatus }): Promise<PolicyPackRow[]> {
  let q = conn.selectFrom('policy_packs').selectAll().where('tenant_id', '=', tenantId);
  if (filter.tier) q = q.where('tier', '=', filter.tier);
  if (filter.status) q = q.where('status', '=', filter.status);
  // Published versions newest first, then drafts; NULLs sort differently per database, so drafts are placed explicitly.
  return q.orderBy('tier').orderBy(sql`pack_version is null`).orderBy('pack_version', 'desc').orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function insertPack(conn: Conn, row: PolicyPackRow): Promise<void> {
  await conn.insertInto('policy_packs').values(row).execute();
}

/** Changes a draft if it is still a draft at `version`; false when it was published, discarded or changed meanwhile. */
export async function updateDraft(conn: Conn, tenantId: string, id: string, version: number, set: Partial<PolicyPackRow>): Promise<boolean> {
  const res = await conn
    .updateTable('policy_packs')
    .set({ ...set, version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
