import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type preHandlerAsyncHookHandler, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../actor.js';
import type { AuthService } from '../auth/service.js';
import { can, type Permission } from '../auth/permissions.js';
import type { Kernel } from '../context.js';
import { Forbidden, NotFound, Unauthenticated } from '../errors.js';
import { sendProblem } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    authorize(permission: Permission): preHandlerAsyncHookHandler;
  }
  interface FastifyContextConfig {
    /** Routes under /api/v1 need a signed-in actor unless marked public. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'charter_session';
export type Http = FastifyInstance;
export type ZodApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The HTTP shell: JSON parsing limits, problem+json errors, OpenAPI, authentication and the permission check. */
export async function createServer(k: Kernel, auth: AuthService): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: k.log,
    bodyLimit: k.config.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err as Error));
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new NotFound('route', `${req.method} ${req.url.split('?')[0]}`)));

  // Inventories arrive as raw CSV; the importer decodes and validates the bytes itself.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Charter API', version: '1', description: 'Management API of Charter, the control plane for an enterprise AI operating model. Errors are application/problem+json.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (chr_pat_…)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorate('authorize', (permission: Permission): preHandlerAsyncHookHandler => async (req) => {
    if (!can(req.actor.roles, permission)) {
      throw new Forbidden(`this needs the permission ${permission}, which your roles (${req.actor.roles.join(', ') || 'none'}) do not grant`, { permission });
    }
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.public) return;
    const header = req.headers.authorization;
    const secret = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies[SESSION_COOKIE];
    const actor = secret ? await auth.authenticate(secret) : undefined;
    if (!actor) throw new Unauthenticated(secret ? 'the session or token is invalid, expired or revoked' : undefined);
    req.actor = actor;
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(k.obs.registry.contentType);
    return k.obs.registry.metrics();
  });
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await k.db.selectFrom('tenants').select('id').limit(1).execute();
      return { status: 'ready', database: k.dialect };
    } catch (err) {
      return reply.code(503).send({ status: 'not ready', database: k.dialect, reason: (err as Error).message });
    }
  });
  return app;
}
