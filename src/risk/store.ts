import type { Conn } from '../kernel/db/connect.js';
import type { RiskOverrideRow, RiskScreeningRow } from './migrations.js';

export async function insertScreening(conn: Conn, row: RiskScreeningRow): Promise<void> {
  await conn.insertInto('risk_screenings').values(row).execute();
}

export async function latestScreening(conn: Conn, tenantId: string, useCaseId: string): Promise<RiskScreeningRow | undefined> {
  return conn
    .selectFrom('risk_screenings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('use_case_id', '=', useCaseId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Each use case's latest screening in the tenant (for the portfolio's compliance posture). */
export async function latestScreenings(conn: Conn, tenantId: string): Promise<RiskScreeningRow[]> {
  return conn
    .selectFrom('risk_screenings as s')
    .selectAll('s')
    .where('s.tenant_id', '=', tenantId)
    .where('s.number', '=', (eb) => eb.selectFrom('risk_screenings as l').select((l) => l.fn.max<number>('l.number').as('n')).whereRef('l.use_case_id', '=', 's.use_case_id'))
    .execute();
}

/** A use case's screenings, newest first, after the given number. */
export async function listScreenings(conn: Conn, tenantId: string, useCaseId: string, beforeNumber: number | undefined, limit: number): Promise<RiskScreeningRow[]> {
  let q = conn.selectFrom('risk_screenings').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId);
  if (beforeNumber !== undefined) q = q.where('number', '<', beforeNumber);
  return q.orderBy('number', 'desc').limit(limit).execute();
}

export async function insertOverride(conn: Conn, row: RiskOverrideRow): Promise<void> {
  await conn.insertInto('risk_overrides').values(row).execute();
}

export async function overridesOf(conn: Conn, tenantId: string, screeningIds: string[]): Promise<RiskOverrideRow[]> {
  if (!screeningIds.length) return [];
  return conn
    .selectFrom('risk_overrides')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('screening_id', 'in', screeningIds)
    .orderBy('overridden_at')
    .orderBy('id')
    .execute();
}
