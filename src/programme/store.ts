import type { Conn } from '../kernel/db/connect.js';
import { decodeCursor } from '../kernel/http/pagination.js';
import type { AssetRow, ForumDecisionRow, FundingAskRow, LessonRow, MilestoneRow, PortfolioReviewRow } from './migrations.js';

export type AssetJoined = AssetRow & { owner_name: string | null; reuse_count: number };

const assets = (conn: Conn, tenantId: string) =>
  conn
    .selectFrom('assets as a')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .selectAll('a')
    .select((eb) => [
      'u.name as owner_name',
      eb.selectFrom('asset_reuses as r').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.asset_id', '=', 'a.id').as('reuse_count'),
    ])
    .where('a.tenant_id', '=', tenantId);

export async function asset(conn: Conn, tenantId: string, id: string): Promise<AssetJoined | undefined> {
  return (await assets(conn, tenantId).where('a.id', '=', id).executeTakeFirst()) as AssetJoined | undefined;
}

export async function assetNamed(conn: Conn, tenantId: string, kind: string, name: string) {
  return conn.selectFrom('assets').select('id').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
}

export interface AssetFilter {
  kind?: string;
  status?: string;
  ownerId?: string;
  cursor?: string;
  limit: number;
}

export async function listAssets(conn: Conn, tenantId: string, f: AssetFilter): Promise<AssetJoined[]> {
  let q = assets(conn, tenantId);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.ownerId) q = q.where('a.owner_id', '=', f.ownerId);
  const after = decodeCursor(f.cursor, 2, ['string', 'string']);
  if (after) {
    const [name, id] = after as [string, string];
    q = q.where((eb) => eb.or([eb('a.name', '>', name), eb.and([eb('a.name', '=', name), eb('a.id', '>', id)])]));
  }
  return (await q.orderBy('a.name').orderBy('a.id').limit(f.limit + 1).execute()) as AssetJoined[];
}

export async function allAssets(conn: Conn, tenantId: string): Promise<AssetJoined[]> {
  return (await assets(conn, tenantId).orderBy('a.name').execute()) as AssetJoined[];
}

export async function updateAsset(conn: Conn, tenantId: string, id: string, version: number, set: Partial<AssetRow>): Promise<boolean> {
  const res = await conn.updateTable('assets').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function assetVersions(conn: Conn, tenantId: string, assetId: string) {
  return conn.selectFrom('asset_versions').selectAll().where('tenant_id', '=', tenantId).where('asset_id', '=', assetId).orderBy('number', 'desc').execute();
}

export type ReuseJoined = { id: string; asset_id: string; asset_name: string; asset_kind: string; asset_owner: string; version_number: number; use_case_id: string; note: string; recorded_by: string; recorded_at: string };

export async function reuses(conn: Conn, tenantId: string, f: { assetId?: string; useCaseId?: string; since?: string }): Promise<ReuseJoined[]> {
  let q = conn
    .selectFrom('asset_reuses as r')
    .innerJoin('assets as a', 'a.id', 'r.asset_id')
    .select(['r.id', 'r.asset_id', 'a.name as asset_name', 'a.kind as asset_kind', 'a.owner_id as asset_owner', 'r.version_number', 'r.use_case_id', 'r.note', 'r.recorded_by', 'r.recorded_at'])
    .where('r.tenant_id', '=', tenantId);
  if (f.assetId) q = q.where('r.asset_id', '=', f.assetId);
  if (f.useCaseId) q = q.where('r.use_case_id', '=', f.useCaseId);
  if (f.since) q = q.where('r.recorded_at', '>=', f.since);
  return q.orderBy('r.recorded_at', 'desc').orderBy('r.id').execute();
}

export async function decisions(conn: Conn, tenantId: string, f: { useCaseId?: string; reviewId?: string; since?: string }): Promise<ForumDecisionRow[]> {
  let q = conn.selectFrom('forum_decisions').selectAll().where('tenant_id', '=', tenantId);
  if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
  if (f.reviewId) q = q.where('review_id', '=', f.reviewId);
  if (f.since) q = q.where('decided_at', '>=', f.since);
  return q.orderBy('decided_at', 'desc').orderBy('id').execute();
}

export async function fundingAsk(conn: Conn, tenantId: string, id: string): Promise<FundingAskRow | undefined> {
  return conn.selectFrom('funding_asks').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function fundingAsks(conn: Conn, tenantId: string, f: { status?: string; useCaseId?: string; decidedSince?: string }): Promise<FundingAskRow[]> {
  let q = conn.selectFrom('funding_asks').selectAll().where('tenant_id', '=', tenantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
  if (f.decidedSince) q = q.where('decided_at', '>=', f.decidedSince);
  return q.orderBy('requested_at').orderBy('id').execute();
}

export async function lessons(conn: Conn, tenantId: string, f: { since?: string; useCaseId?: string }): Promise<LessonRow[]> {
  let q = conn.selectFrom('lessons_learned').selectAll().where('tenant_id', '=', tenantId);
  if (f.since) q = q.where('recorded_at', '>=', f.since);
  if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
  return q.orderBy('recorded_at', 'desc').orderBy('id').execute();
}

export async function cadence(conn: Conn, tenantId: string) {
  return conn.selectFrom('review_cadences').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function review(conn: Conn, tenantId: string, id: string): Promise<PortfolioReviewRow | undefined> {
  return conn.selectFrom('portfolio_reviews').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function reviewFor(conn: Conn, tenantId: string, periodTo: string, trigger: string) {
  return conn.selectFrom('portfolio_reviews').select('id').where('tenant_id', '=', tenantId).where('period_to', '=', periodTo).where('trigger', '=', trigger).executeTakeFirst();
}

/** Reviews without their rendered bodies, newest first. */
export async function listReviews(conn: Conn, tenantId: string, f: { cursor?: string; limit: number }) {
  let q = conn.selectFrom('portfolio_reviews').select(['id', 'period_from', 'period_to', 'trigger', 'generated_by', 'generated_at']).where('tenant_id', '=', tenantId);
  const after = decodeCursor(f.cursor, 2, ['string', 'string']);
  if (after) {
    const [at, id] = after as [string, string];
    q = q.where((eb) => eb.or([eb('generated_at', '<', at), eb.and([eb('generated_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('generated_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export async function plan(conn: Conn, tenantId: string) {
  return conn.selectFrom('programme_plans').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function milestones(conn: Conn, tenantId: string, planId: string): Promise<MilestoneRow[]> {
  return conn.selectFrom('programme_milestones').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).orderBy('phase').orderBy('due_on').orderBy('key').execute();
}

export async function milestone(conn: Conn, tenantId: string, id: string): Promise<MilestoneRow | undefined> {
  return conn.selectFrom('programme_milestones').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function updateMilestone(conn: Conn, tenantId: string, id: string, version: number, set: Partial<MilestoneRow>): Promise<boolean> {
  const res = await conn.updateTable('programme_milestones').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function memberName(conn: Conn, tenantId: string, userId: string): Promise<string | undefined> {
  const row = await conn.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id').select('u.name').where('m.tenant_id', '=', tenantId).where('m.user_id', '=', userId).executeTakeFirst();
  return row?.name;
}

export async function tenantIds(conn: Conn): Promise<string[]> {
  return (await conn.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
}

export async function tenantName(conn: Conn, tenantId: string): Promise<string> {
  return (await conn.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst())?.name ?? tenantId;
}
