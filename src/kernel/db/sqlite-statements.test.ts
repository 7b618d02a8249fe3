import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StatementCache } from './sqlite-statements.js';

function fixture() {
  const raw = new Database(':memory:');
  raw.exec(`create table t (id text primary key, n integer, r real, b blob, j text); create table u (id text primary key, name text);
    insert into t values ('a', 1, 1.5, x'00ff', '{"k":1}'), ('b', null, 2.5, null, null), ('c', 3, null, null, '[]');
    insert into u values ('a', 'Ann');`);
  return { raw, cache: new StatementCache(raw, 3) };
}

describe('SQLite statement cache', () => {
  it('returns the rows better-sqlite3 returns: same keys in the same order, same values and types', () => {
    const { raw, cache } = fixture();
    for (const sql of ['select * from t order by id', 'select t.*, u.name from t left join u on u.id = t.id where t.id > ? order by t.id', 'select count(*) as n, sum(r) from t']) {
      const params = sql.includes('?') ? ['a'] : [];
      const expected = raw.prepare(sql).all(...params);
      const got = cache.prepare(sql).all(params);
      expect(got).toEqual(expected);
      expect(got.map((row) => Object.keys(row as object))).toEqual(expected.map((row) => Object.keys(row as object)));
      expect(cache.prepare(sql).all(params)).toEqual(expected); // and again, from the kept statement
    }
  });

  it('keeps a repeated column name in its first position with its last value, as better-sqlite3 does', () => {
    const { raw, cache } = fixture();
    const sql = `select t.id, u.name as id, t.n from t join u on u.id = t.id`;
    expect(cache.prepare(sql).all([])).toEqual(raw.prepare(sql).all());
    expect(Object.keys(cache.prepare(sql).all([])[0] as object)).toEqual(['id', 'n']);
  });

  it('sees a column added under a kept `select *`', () => {
    const { cache } = fixture();
    expect(Object.keys(cache.prepare('select * from u').all([])[0] as object)).toEqual(['id', 'name']);
    cache.prepare('alter table u add column email text').run([]);
    expect(cache.prepare('select * from u').all([])[0]).toEqual({ id: 'a', name: 'Ann', email: null });
  });

  it('runs writes and reports changes', () => {
    const { cache } = fixture();
    const res = cache.prepare('update t set n = ? where id = ?').run([9, 'b']);
    expect(Number(res.changes)).toBe(1);
    expect(cache.prepare('select n from t where id = ?').all(['b'])).toEqual([{ n: 9 }]);
    expect(cache.prepare('insert into u values (?, ?) returning *').all(['z', 'Zed'])).toEqual([{ id: 'z', name: 'Zed' }]);
  });

  it('answers a query while the same SQL is being iterated', () => {
    const { cache } = fixture();
    const sql = 'select id from t order by id';
    const seen: unknown[] = [];
    for (const row of cache.prepare(sql).iterate([])) seen.push(row, cache.prepare(sql).all([]).length);
    expect(seen).toEqual([{ id: 'a' }, 3, { id: 'b' }, 3, { id: 'c' }, 3]);
  });

  it('keeps at most max statements, dropping the least recently used', () => {
    const { cache } = fixture();
    const statements = (cache as unknown as { statements: Map<string, unknown> }).statements;
    for (const sql of ['select 1', 'select 2', 'select 3', 'select 1', 'select 4']) cache.prepare(sql).all([]);
    expect([...statements.keys()]).toEqual(['select 3', 'select 1', 'select 4']);
  });
});

describe('SQLite statement cache, odd column names', () => {
  it('reads a column named __proto__ as a key, once', () => {
    const { raw, cache } = fixture();
    raw.exec('create table p ("__proto__" text, k text)');
    const rows = cache.prepare(`insert into p values ('x', 'y') returning "__proto__", k`).all([]);
    expect(Object.keys(rows[0] as object)).toEqual(['__proto__', 'k']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(raw.prepare('select count(*) as n from p').get()).toEqual({ n: 1 });
  });
});
