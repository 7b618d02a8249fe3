import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/kernel/http/web.js';
import { type RunningCharter, startCharter } from './support/charter.js';

/** The JavaScript a first visit loads before any screen's own chunk: the entry script and what it preloads. */
function initialScripts(): string[] {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/<(?:script[^>]+src|link rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
}

describe('the web app served by Charter', () => {
  let charter: RunningCharter;
  beforeAll(async () => {
    charter = await startCharter();
  }, 60_000);
  afterAll(async () => charter?.stop());

  const get = (url: string, accept = 'application/json') => charter.charter.http.inject({ method: 'GET', url, headers: { accept } });
  const page = (url: string) => get(url, 'text/html,application/xhtml+xml,*/*;q=0.8');

  it('serves the application at / and at every screen address a browser loads, leaving routing to the browser', async () => {
    expect((await get('/')).headers['content-type']).toContain('text/html');
    for (const url of ['/portfolio?view=board', '/use-cases/uc_01abc', '/ledger']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
    }
  });

  it('caches hashed assets for good', async () => {
    const res = await get(`/${initialScripts()[0]}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves unknown API and gateway paths to their own 404s, even when a browser asks', async () => {
    for (const url of ['/api/unknown', '/portfolio']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    expect((await page('/api/unknown')).headers['content-type']).toContain('application/problem+json');
    for (const res of [await get('/v1/unknown'), await page('/v1/unknown')]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).not.toContain('text/html');
    }
    expect((await get('/openapi.json')).json().openapi).toBe('3.1.0');
  });

  it('keeps the initial JavaScript under 300 KB gzipped', () => {
    const bytes = initialScripts().reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB_DIST, file))).length, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(300 * 1024);
  });
});
