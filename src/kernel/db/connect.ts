import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { StatementCache } from './sqlite-statements.js';
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** Either the database or an open transaction: stores accept both. */
export type Conn = Db | Tx;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL pool, for LISTEN/NOTIFY; undefined on SQLite. */
  pool?: pg.Pool;
  /** The SQLite database file, which other threads may open too; undefined on PostgreSQL and in memory. */
  sqlitePath?: string;
  close(): Promise<void>;
}

// int8 and numeric come back as strings by default; Charter's counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface ConnectOptions {
  databaseUrl?: string;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests isolate themselves in one each). */
  schema?: string;
  poolSize?: number;
}

export function connect(opts: ConnectOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pool, close: () => db.destroy() };
  }
  const path = opts.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new StatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', ...(path !== ':memory:' && path !== '' ? { sqlitePath: resolve(path) } : {}), close: () => db.destroy() };
}
