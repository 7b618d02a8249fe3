import { z } from 'zod';
import { Invalid } from '../errors.js';

/** Query parameters shared by every listing. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1 to 200'),
  cursor: z.string().max(500).optional().describe('opaque cursor from the previous page'),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null at the end') });

/** Keyset cursors: the sort key values of the last row, encoded so clients treat them as opaque. */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key values a cursor holds; `kinds` (one per value) makes a forged cursor a 400 rather than a comparison the
 * database refuses (text against a number column is an error on PostgreSQL).
 */
export function decodeCursor(cursor: string | undefined, arity: number, kinds?: readonly ('string' | 'number' | 'integer')[]): (string | number | null)[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const typed = (v: unknown, i: number) =>
      !kinds ||
      (kinds[i] === 'integer' ? Number.isSafeInteger(v) : kinds[i] === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === kinds[i]);
    if (Array.isArray(values) && values.length === arity && values.every(typed)) return values;
  } catch {
    /* fall through */
  }
  throw new Invalid('the cursor is not one this listing issued', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);
}

/** Returns the page and the cursor for the next one, given rows fetched with limit + 1. */
export function pageOf<R, T>(rows: R[], limit: number, key: (row: R) => (string | number | null)[], map: (row: R) => T) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(map), nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}
