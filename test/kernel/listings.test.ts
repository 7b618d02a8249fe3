import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeCursor } from '../../src/kernel/http/pagination.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { apiRoutes } from './helpers.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors no listing issues: junk and wrong shapes. */
const FORGED = ['junk', b64('{oops'), b64('{"a":1}'), b64('42'), encodeCursor([]), encodeCursor([null]), encodeCursor([null, null]), encodeCursor(['x', 'y', 'z'])];
/** Right shapes with the wrong types for a listing's sort key (text against a number column fails on PostgreSQL). */
const MISTYPED: Record<string, string[]> = {
  '/api/v1/use-cases?sort=priority': [encodeCursor(['x', 'y']), encodeCursor(['1', 'uc_1']), encodeCursor([1, 2])],
  '/api/v1/use-cases?sort=created': [encodeCursor([1, 2]), encodeCursor([1, 'uc_1'])],
  '/api/v1/use-cases?sort=title': [encodeCursor([1, 2]), encodeCursor([null, 'uc_1'])],
  '/api/v1/ledger?': [encodeCursor(['abc']), encodeCursor([-1.5]), encodeCursor(['7'])],
};

describeEachDb('every cursor-paginated listing', (dbKind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dbKind);
    for (let i = 0; i < 3; i++) {
      await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: `Listed ${i}` }), headers: h.acme.headers.business_owner });
    }
  });
  afterAll(async () => h?.close());

  it('answers a forged cursor with 400 problem+json naming the cursor, never 500', async () => {
    const doc = (await h.inject({ method: 'GET', url: '/openapi.json' })).json();
    const listings = apiRoutes(h.charter.http.printRoutes()).filter(
      (r) => r.method === 'GET' && !r.params.length && doc.paths[r.path]?.get?.parameters?.some((p: { in: string; name: string }) => p.in === 'query' && p.name === 'cursor'),
    );
    expect(listings.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/use-cases', '/api/v1/ledger']));
    const urls = listings.flatMap((r) => (r.path === '/api/v1/use-cases' ? ['priority', 'created', 'title'].map((sort) => `${r.path}?sort=${sort}`) : [`${r.path}?`]));
    const failures: string[] = [];
    for (const base of urls) {
      for (const cursor of [...FORGED, ...(MISTYPED[base] ?? [])]) {
        const url = `${base}${base.endsWith('?') ? '' : '&'}cursor=${cursor}`;
        const res = await h.inject({ method: 'GET', url, headers: h.acme.headers.platform_admin });
        if (res.statusCode !== 400 || !String(res.headers['content-type']).includes('application/problem+json')) failures.push(`${url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        else if (!JSON.stringify(res.json().errors).includes('querystring.cursor')) failures.push(`${url}: 400 without naming the cursor`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('accepts the cursors it issued, for every sort order', async () => {
    for (const sort of ['priority', 'created', 'title']) {
      const first = (await h.inject({ method: 'GET', url: `/api/v1/use-cases?sort=${sort}&limit=1`, headers: h.acme.headers.viewer })).json();
      expect(first.nextCursor, sort).toEqual(expect.any(String));
      const next = await h.inject({ method: 'GET', url: `/api/v1/use-cases?sort=${sort}&limit=1&cursor=${first.nextCursor}`, headers: h.acme.headers.viewer });
      expect(next.statusCode, sort).toBe(200);
      expect(next.json().items[0].id).not.toBe(first.items[0].id);
    }
  });

  it('searches use-case titles case-insensitively, the same on both databases', async () => {
    await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: 'Claims Triage Helper' }), headers: h.acme.headers.business_owner });
    for (const q of ['claims triage', 'CLAIMS TRIAGE', 'Triage Help']) {
      const res = await h.inject({ method: 'GET', url: `/api/v1/use-cases?q=${encodeURIComponent(q)}`, headers: h.acme.headers.viewer });
      expect(res.json().items.map((u: { title: string }) => u.title), q).toEqual(['Claims Triage Helper']);
    }
    const wildcard = await h.inject({ method: 'GET', url: `/api/v1/use-cases?q=${encodeURIComponent('%')}`, headers: h.acme.headers.viewer });
    expect(wildcard.statusCode).toBe(200);
  });
});
