import { createCharter, type Charter, type CharterOptions } from '../../src/app.js';
import type { Actor } from '../../src/kernel/actor.js';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { loadConfig, type Config } from '../../src/kernel/config.js';
import { createSchema, PG_URL, type TestDb } from './databases.js';

export interface TenantFixture {
  id: string;
  slug: string;
  /** Bearer headers per role: one member holding exactly that role. */
  headers: Record<Role, Record<string, string>>;
  actors: Record<Role, Actor>;
  valueStreamId: string;
}

export interface Harness {
  charter: Charter;
  clock: ManualClock;
  db: TestDb;
  acme: TenantFixture;
  globex: TenantFixture;
  inject: Charter['http']['inject'];
  close(): Promise<void>;
}

/** A fixed key so tests can seal and open secrets on both databases. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

const ROLES: Role[] = ['platform_admin', 'risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'];

/** Starts a Charter on a fresh database with two tenants and one member per role in each. */
export async function startHarness(db: TestDb, overrides: Partial<Config> = {}, boot: Pick<CharterOptions, 'log' | 'peopleReads'> = {}): Promise<Harness> {
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const pgSchema = db === 'postgres' ? await createSchema() : undefined;
  const config = loadConfig({}, { logLevel: 'silent', sqlitePath: ':memory:', masterKey: TEST_MASTER_KEY, ...(db === 'postgres' ? { databaseUrl: PG_URL } : {}), ...overrides });
  const charter = await createCharter(config, { clock, schema: pgSchema?.schema, ...boot });
  const acme = await tenant(charter, 'acme', 'Acme Insurance');
  const globex = await tenant(charter, 'globex', 'Globex Bank');
  return {
    charter, clock, db, acme, globex,
    inject: charter.http.inject.bind(charter.http),
    async close() {
      await charter.close();
      await pgSchema?.drop();
    },
  };
}

async function tenant(charter: Charter, slug: string, name: string): Promise<TenantFixture> {
  const { auth, portfolio } = charter.services;
  const db = charter.kernel.db;
  const t = await auth.createTenant(db, slug, name);
  const headers = {} as TenantFixture['headers'];
  const actors = {} as TenantFixture['actors'];
  for (const role of ROLES) {
    const user = await auth.addMember(db, t.id, { email: `${role}@${slug}.test`, name: `${role} of ${slug}`, roles: [role] });
    const actor: Actor = { tenantId: t.id, kind: 'user', id: user.id, name: user.name, roles: [role] };
    const token = await auth.createToken(actor, { name: 'test' });
    headers[role] = { authorization: `Bearer ${token.token}` };
    actors[role] = actor;
  }
  const vs = await portfolio.createValueStream(actors.platform_admin, { name: 'Claims', description: 'First notice of loss to settlement' });
  return { id: t.id, slug, headers, actors, valueStreamId: vs.id };
}

/** A complete, valid use case body for tests to vary. */
export function useCaseBody(valueStreamId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Claims triage assistant',
    outcome: 'Reduce claims triage time by 30% while preserving human review for high-risk cases',
    valueStreamId,
    dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
    priority: { impact: 5, strategicFit: 4, reach: 4, dataReadiness: 3, complexity: 3, risk: 4 },
    ...overrides,
  };
}
