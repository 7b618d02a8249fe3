import { z } from 'zod';
import { type ZodApp, SESSION_COOKIE } from '../http/server.js';
import { Invalid } from '../errors.js';
import { RoleSchema, type AuthService } from './service.js';
import { SESSION_PREFIX } from './secrets.js';

const TokenView = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), roles: z.array(RoleSchema),
  createdAt: z.string(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
});
const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  tenantId: z.string(),
  roles: z.array(RoleSchema),
  permissions: z.array(z.string()),
  tenants: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), roles: z.array(RoleSchema) })),
});

export function authRoutes(app: ZodApp, auth: AuthService, secureCookies: boolean) {
  app.post('/api/v1/auth/sign-in', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: z.strictObject({ email: z.string().email(), password: z.string().min(1).max(200), tenant: z.string().optional() }),
      response: { 200: z.object({ expiresAt: z.string(), me: Me }) },
    },
  }, async (req, reply) => {
    const s = await auth.signIn(req.body.email, req.body.password, req.body.tenant);
    reply.setCookie(SESSION_COOKIE, s.sessionSecret, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, expires: new Date(s.expiresAt) });
    return { expiresAt: s.expiresAt, me: await auth.me(s.actor) };
  });

  app.post('/api/v1/auth/sign-out', { schema: { tags: ['identity'], summary: 'End the session', response: { 204: z.null() } } }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await auth.signOut(secret);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me', { schema: { tags: ['identity'], summary: 'Who you are, your roles and permissions, your tenants', response: { 200: Me } } }, async (req) => auth.me(req.actor));

  app.post('/api/v1/me/tenant', {
    schema: { tags: ['identity'], summary: 'Switch the session to another of your tenants', body: z.strictObject({ tenantId: z.string() }), response: { 200: Me } },
  }, async (req) => {
    // The credential this request was authenticated with (as the onRequest hook picks it): only a session can move.
    const header = req.headers.authorization;
    const secret = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies[SESSION_COOKIE];
    if (!secret?.startsWith(SESSION_PREFIX)) throw new Invalid('an API token stays in the tenant it was created in; sign in to switch tenant');
    return auth.me(await auth.switchTenant(secret, req.body.tenantId));
  });

  app.get('/api/v1/members', {
    preHandler: app.authorize('usecase:read'),
    schema: {
      tags: ['identity'], summary: "The tenant's people and their roles",
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), email: z.string(), name: z.string(), roles: z.array(RoleSchema), teamId: z.string().nullable(), teamName: z.string().nullable() })) }) },
    },
  }, async (req) => ({ items: await auth.listMembers(req.actor.tenantId) }));

  const Team = z.object({ id: z.string(), name: z.string(), members: z.number(), useCases: z.number(), createdAt: z.string() });
  app.get('/api/v1/teams', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags: ['identity'], summary: "The tenant's teams, with their members and use cases counted", response: { 200: z.object({ items: z.array(Team) }) } },
  }, async (req) => ({ items: await auth.listTeams(req.actor.tenantId) }));

  app.post('/api/v1/teams', {
    preHandler: app.authorize('tenant:admin'),
    schema: { tags: ['identity'], summary: 'Add a team (platform admins); its name is unique in the tenant', body: z.strictObject({ name: z.string().trim().min(2).max(100) }), response: { 201: Team } },
  }, async (req, reply) => reply.code(201).send(await auth.addTeam(req.actor, req.body.name)));

  app.get('/api/v1/tokens', {
    preHandler: app.authorize('token:manage'),
    schema: { tags: ['identity'], summary: 'Your API tokens (admins see all)', response: { 200: z.object({ items: z.array(TokenView) }) } },
  }, async (req) => ({ items: await auth.listTokens(req.actor) }));

  app.post('/api/v1/tokens', {
    preHandler: app.authorize('token:manage'),
    schema: {
      tags: ['identity'],
      summary: 'Create an API token; the secret is shown only in this response',
      body: z.strictObject({ name: z.string().min(1).max(100), roles: z.array(RoleSchema).min(1).optional(), expiresInDays: z.number().int().min(1).max(730).optional() }),
      response: { 201: TokenView.extend({ token: z.string() }) },
    },
  }, async (req, reply) => reply.code(201).send(await auth.createToken(req.actor, req.body)));

  app.delete('/api/v1/tokens/:id', {
    preHandler: app.authorize('token:manage'),
    schema: { tags: ['identity'], summary: 'Revoke a token', params: z.object({ id: z.string() }), response: { 200: TokenView } },
  }, async (req) => auth.revokeToken(req.actor, req.params.id));
}
