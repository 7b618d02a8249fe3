import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Row = Record<string, unknown>;
type RowMaker = (values: unknown[]) => Row;

/**
 * better-sqlite3 as Kysely's SqliteDialect uses it, with two costs taken out of every query:
 *
 * - Statements are prepared once per SQL text and kept (least recently used first out, `max` at most): Kysely would
 *   otherwise prepare each query anew, and preparing a join costs about as much as running it for a page of rows.
 *   SQLite re-prepares a kept statement by itself when the schema changes under it.
 * - Rows are read as arrays and turned into objects by a function compiled per column list. better-sqlite3 builds
 *   each row object property by property, which for a wide row (a use case has 27 columns) costs more than the
 *   query; an object literal with the same keys in the same order is about twice as fast to build. The objects are
 *   the same: keys in column order, and a repeated column name keeps its first position and its last value.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, CachedStatement>();

  constructor(
    private readonly db: Database.Database,
    private readonly max = 256,
  ) {}

  prepare(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      // Map keeps insertion order: move to the back, so the front is the least recently used.
      this.statements.delete(sql);
    } else {
      stmt = new CachedStatement(this.db, sql);
      if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

class CachedStatement implements SqliteStatement {
  private readonly stmt: Database.Statement;
  private makers?: { key: string; make: RowMaker };
  readonly reader: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly sql: string,
  ) {
    this.stmt = db.prepare(sql);
    this.reader = this.stmt.reader;
    if (this.reader) this.stmt.raw(true);
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    // A statement still being iterated cannot run again; one prepared for this call can.
    if (this.stmt.busy) return this.db.prepare(this.sql).all(...parameters);
    const rows = this.stmt.all(...parameters) as unknown[][];
    // After running: SQLite re-prepares a statement whose schema changed when it steps it, and only then do its columns change.
    const make = this.maker();
    const out = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]);
    return out;
  }

  run(parameters: ReadonlyArray<unknown>) {
    if (this.stmt.busy) return this.db.prepare(this.sql).run(...parameters);
    return this.stmt.run(...parameters);
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    // Streams are rare and long-lived: they get a statement of their own, in better-sqlite3's object mode.
    return this.db.prepare(this.sql).iterate(...parameters);
  }

  /** The row maker for the statement's current columns (they change if a `select *` table gains one). */
  private maker(): RowMaker {
    const names = this.stmt.columns().map((c) => c.name);
    const key = names.join('\u0000');
    if (this.makers?.key !== key) this.makers = { key, make: compileRowMaker(names) };
    return this.makers.make;
  }
}

function compileRowMaker(names: string[]): RowMaker {
  // `__proto__` in an object literal would set the prototype rather than a key: such rows are built key by key.
  if (names.includes('__proto__')) {
    return (values) => {
      const row: Row = {};
      names.forEach((name, i) => Object.defineProperty(row, name, { value: values[i], enumerable: true, writable: true, configurable: true }));
      return row;
    };
  }
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as RowMaker;
}
