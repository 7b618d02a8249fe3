import pg from 'pg';

export const PG_URL = process.env.CHARTER_BENCH_DATABASE_URL ?? process.env.CHARTER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers; the reason when it does not. */
export async function pgProblem(url = PG_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
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

/** A fresh schema for one bench run (the `schema` boot option points Charter at it); drop() removes it. */
export async function createSchema(url = PG_URL): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE SCHEMA "${schema}"`);
  let dropped = false;
  return {
    schema,
    async drop() {
      if (dropped) return;
      dropped = true;
      await run(`DROP SCHEMA "${schema}" CASCADE`);
    },
  };
}
