import { sql } from 'kysely';
import type { Conn } from '../kernel/db/connect.js';
import { decodeCursor } from '../kernel/http/pagination.js';
import type { LabAttemptRow, PersonRow, SkillCompletionRow, SkillItemRow, SkillPathRow } from './migrations.js';
import type { SkillRole } from './schema.js';

export type PersonJoined = PersonRow & { team_name: string | null };

const people = (conn: Conn, tenantId: string) =>
  conn.selectFrom('people as p').leftJoin('teams as t', 't.id', 'p.team_id').selectAll('p').select('t.name as team_name').where('p.tenant_id', '=', tenantId);

export async function getPerson(conn: Conn, tenantId: string, id: string): Promise<PersonJoined | undefined> {
  return people(conn, tenantId).where('p.id', '=', id).executeTakeFirst();
}

export async function personOfUser(conn: Conn, tenantId: string, userId: string): Promise<PersonJoined | undefined> {
  return people(conn, tenantId).where('p.user_id', '=', userId).executeTakeFirst();
}

export interface PeopleFilter {
  userId?: string;
  skillRole?: SkillRole;
  teamId?: string;
  valueStreamId?: string;
  workGroup?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

/** By name, then id (keyset). */
export async function listPeople(conn: Conn, tenantId: string, f: PeopleFilter): Promise<PersonJoined[]> {
  let q = people(conn, tenantId);
  if (f.userId) q = q.where('p.user_id', '=', f.userId);
  if (f.skillRole) q = q.where('p.skill_role', '=', f.skillRole);
  if (f.teamId) q = q.where('p.team_id', '=', f.teamId);
  if (f.valueStreamId) q = q.where('p.value_stream_id', '=', f.valueStreamId);
  if (f.workGroup) q = q.where('p.work_group', '=', f.workGroup);
  if (f.q) q = q.where(sql<string>`lower(p.name)`, 'like', `%${f.q.toLowerCase().replace(/[%_]/g, '')}%`);
  const after = decodeCursor(f.cursor, 2, ['string', 'string']);
  if (after) {
    const [name, id] = after as [string, string];
    q = q.where((eb) => eb.or([eb('p.name', '>', name), eb.and([eb('p.name', '=', name), eb('p.id', '>', id)])]));
  }
  return q.orderBy('p.name').orderBy('p.id').limit(f.limit + 1).execute();
}

export async function allPeople(conn: Conn, tenantId: string): Promise<PersonJoined[]> {
  return people(conn, tenantId).orderBy('p.name').orderBy('p.id').execute();
}

/** Writes the changed columns if the row is still at `version`; false when someone else wrote first. */
export async function updatePerson(conn: Conn, tenantId: string, id: string, version: number, set: Partial<PersonRow>): Promise<boolean> {
  const res = await conn.updateTable('people').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function teamExists(conn: Conn, tenantId: string, teamId: string): Promise<boolean> {
  return !!(await conn.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where('id', '=', teamId).executeTakeFirst());
}

export async function member(conn: Conn, tenantId: string, userId: string) {
  return conn
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'm.team_id'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}

export async function hasCatalogue(conn: Conn, tenantId: string): Promise<boolean> {
  return !!(await conn.selectFrom('skill_items').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst());
}

/** Inserts catalogue rows a concurrent installer may already have written (the slug is unique per tenant). */
export async function installCatalogue(conn: Conn, items: SkillItemRow[], paths: SkillPathRow[]): Promise<void> {
  await conn.insertInto('skill_items').values(items).onConflict((oc) => oc.columns(['tenant_id', 'slug']).doNothing()).execute();
  await conn.insertInto('skill_paths').values(paths).onConflict((oc) => oc.columns(['tenant_id', 'slug']).doNothing()).execute();
}

export async function items(conn: Conn, tenantId: string): Promise<SkillItemRow[]> {
  return conn.selectFrom('skill_items').selectAll().where('tenant_id', '=', tenantId).orderBy('kind').orderBy('slug').execute();
}

export async function paths(conn: Conn, tenantId: string): Promise<SkillPathRow[]> {
  return conn.selectFrom('skill_paths').selectAll().where('tenant_id', '=', tenantId).orderBy('slug').execute();
}

export async function item(conn: Conn, tenantId: string, id: string): Promise<SkillItemRow | undefined> {
  return conn.selectFrom('skill_items').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function path(conn: Conn, tenantId: string, id: string): Promise<SkillPathRow | undefined> {
  return conn.selectFrom('skill_paths').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function updateItem(conn: Conn, tenantId: string, id: string, version: number, set: Partial<SkillItemRow>): Promise<boolean> {
  const res = await conn.updateTable('skill_items').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function updatePath(conn: Conn, tenantId: string, id: string, version: number, set: Partial<SkillPathRow>): Promise<boolean> {
  const res = await conn.updateTable('skill_paths').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function completionsOf(conn: Conn, tenantId: string, personIds: readonly string[]): Promise<SkillCompletionRow[]> {
  if (personIds.length === 0) return [];
  return conn.selectFrom('skill_completions').selectAll().where('tenant_id', '=', tenantId).where('person_id', 'in', personIds).orderBy('completed_at', 'desc').execute();
}

export type LabAttemptJoined = LabAttemptRow & { person_name: string };

const labs = (conn: Conn, tenantId: string) =>
  conn.selectFrom('lab_attempts as l').innerJoin('people as p', 'p.id', 'l.person_id').selectAll('l').select('p.name as person_name').where('l.tenant_id', '=', tenantId);

export async function labAttempt(conn: Conn, tenantId: string, id: string): Promise<LabAttemptJoined | undefined> {
  return labs(conn, tenantId).where('l.id', '=', id).executeTakeFirst();
}

export interface LabFilter {
  status?: string;
  personId?: string;
  useCaseId?: string;
  cursor?: string;
  limit: number;
}

/** Oldest submission first, so the review queue is worked in order. */
export async function listLabAttempts(conn: Conn, tenantId: string, f: LabFilter): Promise<LabAttemptJoined[]> {
  let q = labs(conn, tenantId);
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.personId) q = q.where('l.person_id', '=', f.personId);
  if (f.useCaseId) q = q.where('l.use_case_id', '=', f.useCaseId);
  const after = decodeCursor(f.cursor, 2, ['string', 'string']);
  if (after) {
    const [at, id] = after as [string, string];
    q = q.where((eb) => eb.or([eb('l.submitted_at', '>', at), eb.and([eb('l.submitted_at', '=', at), eb('l.id', '>', id)])]));
  }
  return q.orderBy('l.submitted_at').orderBy('l.id').limit(f.limit + 1).execute();
}

export async function signedOffLabs(conn: Conn, tenantId: string, since?: string): Promise<LabAttemptJoined[]> {
  let q = labs(conn, tenantId).where('l.status', '=', 'signed_off');
  if (since) q = q.where('l.reviewed_at', '>=', since);
  return q.orderBy('l.reviewed_at').execute();
}

export async function updateLabAttempt(conn: Conn, tenantId: string, id: string, version: number, set: Partial<LabAttemptRow>): Promise<boolean> {
  const res = await conn.updateTable('lab_attempts').set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
