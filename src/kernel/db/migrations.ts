import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Dialect } from './connect.js';

/**
 * A capability's migrations, keyed by a name that starts with the capability's number block
 * (kernel 000-099, portfolio 100-, risk/policy/governance 200-, releases/gateway 300-, evals 400-,
 * metrics/incidents 500-, people/programme 600-), so the global order is stable.
 */
export type MigrationSet = Record<string, Migration>;

export async function migrateToLatest(db: Kysely<any>, sets: MigrationSet[]): Promise<string[]> {
  const all: MigrationSet = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set)) {
      if (all[name]) throw new Error(`duplicate migration name ${name}`);
      all[name] = m;
    }
  }
  // Kysely looks for its migration tables in every schema unless told which one; on a database that holds other
  // schemas with Kysely tables (other apps, parallel test schemas) it would then skip creating its own and fail.
  const migrationTableSchema =
    dialectOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Column type helpers so one migration serves both dialects. */
export function types(dialect: Dialect) {
  return {
    /** A floating-point number. */
    real: dialect === 'postgres' ? ('double precision' as const) : ('real' as const),
    /** A 64-bit integer (returned as a JS number). */
    bigint: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
  };
}

export function dialectOf(db: Kysely<any>): Dialect {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

export { sql };
