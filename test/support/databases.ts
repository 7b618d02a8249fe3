import pg from 'pg';
import { describe } from 'vitest';

export type TestDb = 'sqlite' | 'postgres';
export const PG_URL = process.env.CHARTER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probe();
if (pgProblem && process.env.CI === 'true') {
  throw new Error(`CI=true but PostgreSQL does not answer at ${PG_URL}: ${pgProblem}. Nothing may be skipped in CI.`);
}
export const pgAvailable = !pgProblem;
export const pgSkipReason = pgProblem ? `PostgreSQL at ${PG_URL} did not answer (${pgProblem})` : undefined;

/** Runs a suite on SQLite and on PostgreSQL; the PostgreSQL half is skipped, with the reason, when no server answers. */
export function describeEachDb(name: string, suite: (db: TestDb) => void): void {
  describe(`${name} [sqlite]`, () => suite('sqlite'));
  if (pgAvailable) describe(`${name} [postgres]`, () => suite('postgres'));
  else describe.skip(`${name} [postgres] — skipped: ${pgSkipReason}`, () => suite('postgres'));
}

/** A fresh schema per harness keeps test files independent on one database. */
export async function createSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    },
  };
}
