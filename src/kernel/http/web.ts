import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFound } from '../errors.js';

/** Where `npm run build:web` writes the web application. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the API, gateway and operations own: an unknown one stays a problem+json 404, never the web app's page. */
const NOT_THE_APP = /^\/(api|v1|openapi\.json|healthz|readyz|metrics)(\/|\?|$)/;

/**
 * Serves the built web application at / from the same process, when it has been built. Hashed assets are cached
 * for good; any other path that is not a file gets index.html, and the application's router shows the screen.
 */
export async function serveWebApp(app: FastifyInstance, dir = WEB_DIST): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) return;
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      dotfiles: 'ignore',
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', /\/assets\/[^/]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    scope.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (NOT_THE_APP.test(req.url)) throw new NotFound('route', `${req.method} ${req.url.split('?')[0]}`);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}
