import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allMigrations } from '../../src/app.js';
import { connect, type DbHandle } from '../../src/kernel/db/connect.js';
import { migrateToLatest } from '../../src/kernel/db/migrations.js';
import { createSchema, describeEachDb, PG_URL } from '../support/databases.js';

describeEachDb('migrations', (dbKind) => {
  const opened: { handle: DbHandle; drop?: () => Promise<void> }[] = [];
  /** A fresh, empty database (a new schema on PostgreSQL). */
  async function fresh(): Promise<DbHandle> {
    if (dbKind === 'sqlite') {
      const handle = connect({ sqlitePath: ':memory:' });
      opened.push({ handle });
      return handle;
    }
    const schema = await createSchema();
    const handle = connect({ databaseUrl: PG_URL, schema: schema.schema, poolSize: 2 });
    opened.push({ handle, drop: schema.drop });
    return handle;
  }
  afterAll(async () => {
    for (const { handle, drop } of opened.reverse()) {
      await handle.close();
      await drop?.();
    }
  });

  let first: DbHandle;
  let applied: string[];
  beforeAll(async () => {
    first = await fresh();
    applied = await migrateToLatest(first.db, allMigrations);
  });

  it('applies every capability’s migrations in name order', () => {
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort());
    expect(applied[0]).toMatch(/^000_/);
  });

  it('is a no-op when run again', async () => {
    expect(await migrateToLatest(first.db, allMigrations)).toEqual([]);
  });

  it('migrates a second database even when another schema already holds Kysely’s migration tables', async () => {
    // On PostgreSQL, `first` lives in another schema of the same database: its kysely_migration tables must not be
    // mistaken for this schema's.
    const second = await fresh();
    expect(await migrateToLatest(second.db, allMigrations)).toEqual(applied);
    const tables = dbKind === 'postgres'
      ? (await sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = current_schema()`.execute(second.db)).rows
      : (await sql<{ n: string }>`select name as n from sqlite_master where type = 'table'`.execute(second.db)).rows;
    expect(tables.map((t) => t.n)).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'tenants', 'ledger_entries', 'jobs']));
  });

  it('refuses two migrations with the same name', async () => {
    const handle = await fresh();
    const dup = { '000_kernel_identity': { up: async () => undefined } };
    await expect(migrateToLatest(handle.db, [...allMigrations, dup])).rejects.toThrow('duplicate migration name 000_kernel_identity');
  });

  it('reports a failing migration; PostgreSQL rolls the whole run back, and the next run completes the schema', async () => {
    const handle = await fresh();
    const broken = { '999_broken': { up: async () => Promise.reject(new Error('cannot add column')) } };
    await expect(migrateToLatest(handle.db, [...allMigrations, broken])).rejects.toThrow('cannot add column');
    // PostgreSQL runs migrations in one transaction (transactional DDL); SQLite keeps those before the failure.
    expect(await migrateToLatest(handle.db, allMigrations)).toEqual(dbKind === 'postgres' ? applied : []);
    expect(await migrateToLatest(handle.db, allMigrations)).toEqual([]);
  });
});
