import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.js';
import { decodeCursor, encodeCursor, PageQuery, pageOf } from './pagination.js';

describe('cursors', () => {
  it('round-trip the sort key values of the last row', () => {
    const values = [4.25, 'uc_01hx', null];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, opaque
    expect(decodeCursor(cursor, 3)).toEqual(values);
  });

  it('treat a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined, 2)).toBeUndefined();
    expect(decodeCursor('', 2)).toBeUndefined();
  });

  it.each([
    ['random text', 'not a cursor at all!'],
    ['base64 of non-JSON', Buffer.from('{oops').toString('base64url')],
    ['base64 of a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['base64 of a JSON scalar', Buffer.from('42').toString('base64url')],
    ['another listing’s cursor (wrong arity)', encodeCursor(['only-one'])],
    ['a cursor with extra values', encodeCursor([1, 'a', 'b'])],
  ])('reject junk: %s', (_name, junk) => {
    let err: unknown;
    try {
      decodeCursor(junk, 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).status).toBe(400);
    expect((err as Invalid).errors).toEqual([{ path: 'querystring.cursor', message: 'invalid cursor' }]);
  });
});

describe('typed cursors', () => {
  it('accept values of the declared kinds', () => {
    expect(decodeCursor(encodeCursor([2.5, 'uc_1']), 2, ['number', 'string'])).toEqual([2.5, 'uc_1']);
    expect(decodeCursor(encodeCursor(['2026-03-02T09:00:00.000Z', 'uc_1']), 2, ['string', 'string'])).toEqual(['2026-03-02T09:00:00.000Z', 'uc_1']);
    expect(decodeCursor(encodeCursor([42]), 1, ['integer'])).toEqual([42]);
  });

  it.each([
    ['a string where a number belongs', ['x', 'uc_1'], ['number', 'string']],
    ['a number where a string belongs', [1, 2], ['number', 'string']],
    ['a null', [null, 'uc_1'], ['number', 'string']],
    ['a non-finite number', [1e400, 'uc_1'], ['number', 'string']],
    ['a fraction where an integer belongs', [1.5, 'uc_1'], ['integer', 'string']],
  ] as const)('reject %s', (_name, values, kinds) => {
    expect(() => decodeCursor(encodeCursor([...values]), 2, kinds)).toThrow(Invalid);
  });
});

describe('pageOf', () => {
  const rows = [{ k: 3 }, { k: 2 }, { k: 1 }];

  it('returns limit items and a cursor holding the last returned row when more rows were fetched', () => {
    const page = pageOf(rows, 2, (r) => [r.k], (r) => r.k * 10);
    expect(page.items).toEqual([30, 20]);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual([2]);
  });

  it('returns a null cursor on the last page', () => {
    expect(pageOf(rows, 3, (r) => [r.k], (r) => r).nextCursor).toBeNull();
    expect(pageOf([], 3, () => [], (r) => r)).toEqual({ items: [], nextCursor: null });
  });
});

describe('PageQuery', () => {
  it('defaults to 50 and bounds the page size', () => {
    expect(PageQuery.parse({})).toEqual({ limit: 50 });
    expect(PageQuery.parse({ limit: '10' }).limit).toBe(10);
    expect(PageQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: '2.5' }).success).toBe(false);
    expect(PageQuery.safeParse({ cursor: 'x'.repeat(501) }).success).toBe(false);
  });
});
