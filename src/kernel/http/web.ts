import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFound } from '../errors.js';

/** Where `npm run build:web` writes the web application. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the API, gateway and operations own: an unknown one stays their 404, never the web app's page. */
const NOT_THE_APP = /^\/(api|v1|openapi\.json|healthz|readyz|metrics)(\/|\?|$)/;

/**
 * Tells a browser asking for a page (Accept: text/html) from any other request, so the web app's fallback answers
 * only page loads: API and gateway clients keep the 404 of the prefix they call (problem+json, or OpenAI's shape).
 */
const pageRequest = {
  name: 'page',
  storage() {
    const handlers = new Map<string, unknown>();
    return { get: (kind: string) => handlers.get(kind) ?? null, set: (kind: string, handler: unknown) => void handlers.set(kind, handler) };
  },
  deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) => (String(req.headers.accept ?? '').includes('text/html') ? 'html' : 'other'),
  mustMatchWhenDerived: false,
};

/**
 * Serves the built web application at / from the same process, when it has been built. Hashed assets are cached
 * for good; a page load of any other path gets index.html, and the application's router shows the screen.
 */
export async function serveWebApp(app: FastifyInstance, dir = WEB_DIST): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) return;
  app.addConstraintStrategy(pageRequest as Parameters<FastifyInstance['addConstraintStrategy']>[0]);
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      dotfiles: 'ignore',
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', /\/assets\/[^/]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    const sendApp = (url: string, reply: { header(k: string, v: string): { sendFile(f: string): unknown } }) => {
      if (NOT_THE_APP.test(url)) throw new NotFound('route', `GET ${url.split('?')[0]}`);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    };
    scope.get('/', { schema: { hide: true } }, (req, reply) => sendApp(req.url, reply));
    scope.get('/*', { schema: { hide: true }, constraints: { page: 'html' } }, (req, reply) => sendApp(req.url, reply));
  });
}
