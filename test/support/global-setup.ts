import pg from 'pg';

/** Says once, plainly, whether the PostgreSQL half of the suite runs, and why not when it does not. */
export default async function setup() {
  const url = process.env.CHARTER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    console.log(`[charter] PostgreSQL suite: running against ${url}`);
  } catch (err) {
    const msg = `[charter] PostgreSQL suite: SKIPPED — no server answered at ${url} (${(err as Error).message}). Set CHARTER_TEST_DATABASE_URL or start PostgreSQL to run it.`;
    if (process.env.CI === 'true') throw new Error(`${msg} Under CI=true nothing may be skipped.`);
    console.warn(msg);
  } finally {
    await client.end().catch(() => undefined);
  }
}
