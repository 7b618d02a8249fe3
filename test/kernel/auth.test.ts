import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCharter } from '../../src/app.js';
import { hashSecret } from '../../src/kernel/auth/secrets.js';
import { createSchema, describeEachDb } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';
import { apiRoutes, pgSchemaOf } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PASSWORD = 'correct horse battery staple';

type Injected = Awaited<ReturnType<Harness['inject']>>;
const sessionCookie = (res: Injected) => res.cookies.find((c) => c.name === 'charter_session');
const expectProblem = (res: Injected, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json();
};

describeEachDb('identity and access', (dbKind) => {
  let h: Harness;
  let email: string;
  beforeAll(async () => {
    h = await startHarness(dbKind);
    const { auth } = h.charter.services;
    email = 'Ines.Ortega@acme.test';
    // A person in two tenants: acme first (so it is her default), then globex.
    await auth.addMember(h.charter.kernel.db, h.acme.id, { email, name: 'Ines Ortega', password: PASSWORD, roles: ['business_owner'] });
    await auth.addMember(h.charter.kernel.db, h.globex.id, { email, name: 'Ines Ortega', roles: ['viewer'] });
  });
  afterAll(async () => h?.close());

  const signIn = (body: Record<string, unknown>) => h.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: body });
  const withCookie = (secret: string) => ({ cookie: `charter_session=${secret}` });
  const me = (headers: Record<string, string>) => h.inject({ method: 'GET', url: '/api/v1/me', headers });

  describe('password sign-in and sessions', () => {
    it('signs in with email and password and sets an httpOnly session cookie', async () => {
      const res = await signIn({ email: email.toLowerCase(), password: PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = sessionCookie(res)!;
      expect(cookie).toBeDefined();
      expect(cookie.value).toMatch(/^chr_ses_/);
      expect(cookie).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(new Date(cookie.expires!).toISOString()).toBe(res.json().expiresAt);
      expect(res.json().me).toMatchObject({ tenantId: h.acme.id, roles: ['business_owner'], user: { email: email.toLowerCase() } });
      expect(res.json().me.permissions).toContain('usecase:create');
      expect(res.body).not.toContain(cookie.value);
      const who = await me(withCookie(cookie.value));
      expect(who.statusCode).toBe(200);
      expect(who.json().tenants.map((t: { id: string }) => t.id).sort()).toEqual([h.acme.id, h.globex.id].sort());
    });

    it('matches the email case-insensitively', async () => {
      expect((await signIn({ email: email.toUpperCase(), password: PASSWORD })).statusCode).toBe(200);
    });

    it('stores only a hash of the session secret', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      const rows = await h.charter.kernel.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(rows.some((r) => r.id_hash === hashSecret(secret))).toBe(true);
    });

    it('answers a wrong password and an unknown email with the same 401, revealing neither', async () => {
      const wrongPassword = await signIn({ email, password: 'not it' });
      const unknownEmail = await signIn({ email: 'nobody@acme.test', password: PASSWORD });
      const noPassword = await signIn({ email: 'platform_admin@acme.test', password: PASSWORD }); // a member without a password
      const bodies = [wrongPassword, unknownEmail, noPassword].map((res) => {
        const body = expectProblem(res, 401);
        expect(sessionCookie(res)).toBeUndefined();
        return { ...body, instance: undefined };
      });
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
      expect(bodies[0].detail).toBe('email or password is wrong');
    });

    it('rejects a malformed sign-in body with the offending fields', async () => {
      const body = expectProblem(await signIn({ email: 'not-an-email', password: '', remember: true }), 400);
      expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    });

    it('signs out: the cookie is cleared and the session no longer works', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      expect((await me(withCookie(secret))).statusCode).toBe(200);
      const out = await h.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: withCookie(secret) });
      expect(out.statusCode).toBe(204);
      const cleared = sessionCookie(out)!;
      expect(cleared.value).toBe('');
      expect(new Date(cleared.expires!).getTime()).toBeLessThanOrEqual(h.clock.now().getTime());
      expectProblem(await me(withCookie(secret)), 401);
      expect(await h.charter.kernel.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hashSecret(secret)).executeTakeFirst()).toBeUndefined();
    });

    it('ends a session when its time is up on the clock', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      h.clock.advance(h.charter.kernel.config.sessionTtlHours * HOUR - 1);
      expect((await me(withCookie(secret))).statusCode).toBe(200);
      h.clock.advance(1);
      expect(expectProblem(await me(withCookie(secret)), 401).detail).toContain('expired');
    });

    it('refuses a forged or unknown session cookie', async () => {
      expectProblem(await me(withCookie('chr_ses_forged')), 401);
      expectProblem(await me(withCookie('anything')), 401);
      expectProblem(await me({}), 401);
    });

    it('signs in to a named tenant only when the person belongs to it', async () => {
      const ok = await signIn({ email, password: PASSWORD, tenant: 'globex' });
      expect(ok.json().me).toMatchObject({ tenantId: h.globex.id, roles: ['viewer'] });
      const other = await h.charter.services.auth.createTenant(h.charter.kernel.db, `initech-${Math.random().toString(36).slice(2, 6)}`, 'Initech');
      expectProblem(await signIn({ email, password: PASSWORD, tenant: other.slug }), 403);
    });
  });

  describe('switching tenant', () => {
    it('moves the session to another tenant the person belongs to, with that tenant’s roles and data', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      const res = await h.inject({ method: 'POST', url: '/api/v1/me/tenant', payload: { tenantId: h.globex.id }, headers: withCookie(secret) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ tenantId: h.globex.id, roles: ['viewer'] });
      expect((await me(withCookie(secret))).json().tenantId).toBe(h.globex.id);
      const streams = await h.inject({ method: 'GET', url: '/api/v1/value-streams', headers: withCookie(secret) });
      expect(streams.json().items.map((v: { id: string }) => v.id)).toEqual([h.globex.valueStreamId]);
      // viewer in globex: cannot create there although she is a business owner in acme
      const create = await h.inject({ method: 'POST', url: '/api/v1/value-streams', payload: { name: 'Nope' }, headers: withCookie(secret) });
      expect(create.statusCode).toBe(403);
    });

    it('refuses a tenant the person does not belong to with 404, and the session stays where it was', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      const other = await h.charter.services.auth.createTenant(h.charter.kernel.db, `hooli-${Math.random().toString(36).slice(2, 6)}`, 'Hooli');
      for (const tenantId of [other.id, 'tn_does_not_exist']) {
        expectProblem(await h.inject({ method: 'POST', url: '/api/v1/me/tenant', payload: { tenantId }, headers: withCookie(secret) }), 404);
      }
      expect((await me(withCookie(secret))).json().tenantId).toBe(h.acme.id);
    });

    it('refuses to switch an API token, which is bound to the tenant it was made in', async () => {
      const res = await h.inject({ method: 'POST', url: '/api/v1/me/tenant', payload: { tenantId: h.globex.id }, headers: h.acme.headers.platform_admin });
      expect(expectProblem(res, 400).detail).toContain('API token');
      expect((await me(h.acme.headers.platform_admin)).json().tenantId).toBe(h.acme.id);
    });

    it('switches a session presented as a bearer credential too', async () => {
      const secret = sessionCookie(await signIn({ email, password: PASSWORD }))!.value;
      const res = await h.inject({ method: 'POST', url: '/api/v1/me/tenant', payload: { tenantId: h.globex.id }, headers: { authorization: `Bearer ${secret}` } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await me(withCookie(secret))).json().tenantId).toBe(h.globex.id);
    });
  });

  describe('API tokens', () => {
    const createToken = (headers: Record<string, string>, body: Record<string, unknown>) => h.inject({ method: 'POST', url: '/api/v1/tokens', payload: body, headers });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('shows the secret once, prefixed chr_pat_, and stores only its hash', async () => {
      const res = await createToken(h.acme.headers.builder, { name: 'ci pipeline', expiresInDays: 30 });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created.token).toMatch(/^chr_pat_[A-Za-z0-9_-]{32}$/);
      expect(created.token.startsWith(created.prefix)).toBe(true);
      expect(created).toMatchObject({ name: 'ci pipeline', roles: ['builder'], revokedAt: null });
      expect(created.expiresAt).toBe(new Date(h.clock.now().getTime() + 30 * DAY).toISOString());

      const row = await h.charter.kernel.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      const secretPart = created.token.slice('chr_pat_'.length);
      for (const [column, value] of Object.entries(row)) {
        expect(String(value), column).not.toContain(secretPart.slice(0, 12));
      }
      expect(row.secret_hash).toBe(hashSecret(created.token));
      expect(row.prefix).toBe(created.prefix);

      const list = await h.inject({ method: 'GET', url: '/api/v1/tokens', headers: h.acme.headers.builder });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(secretPart);
      const listed = list.json().items.find((t: { id: string }) => t.id === created.id);
      expect(listed).toBeDefined();
      expect(listed.token).toBeUndefined();

      const ledger = await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${created.id}`, headers: h.acme.headers.risk_reviewer });
      expect(ledger.json().items.map((e: { action: string }) => e.action)).toEqual(['token.create']);
      expect(ledger.body).not.toContain(secretPart);
    });

    it('authenticates as the owner, with the token’s roles, and records its last use', async () => {
      const created = (await createToken(h.acme.headers.builder, { name: 'probe' })).json();
      const res = await me(bearer(created.token));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ tenantId: h.acme.id, roles: ['builder'], user: { id: h.acme.actors.builder.id } });
      await expect.poll(async () => (await h.charter.kernel.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow()).last_used_at).toBe(h.clock.now().toISOString());
    });

    it('stops working once revoked, and the revocation is ledgered', async () => {
      const created = (await createToken(h.acme.headers.builder, { name: 'to revoke' })).json();
      expect((await me(bearer(created.token))).statusCode).toBe(200);
      const del = await h.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: h.acme.headers.builder });
      expect(del.statusCode).toBe(200);
      expect(del.json().revokedAt).toBe(h.clock.now().toISOString());
      expect(expectProblem(await me(bearer(created.token)), 401).detail).toContain('revoked');
      const ledger = await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${created.id}`, headers: h.acme.headers.risk_reviewer });
      expect(ledger.json().items.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'token.create']);
    });

    it('lets only its owner or an admin revoke it; to anyone else it does not exist', async () => {
      const created = (await createToken(h.acme.headers.builder, { name: 'mine' })).json();
      expectProblem(await h.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: h.acme.headers.business_owner }), 404);
      const others = await h.inject({ method: 'GET', url: '/api/v1/tokens', headers: h.acme.headers.business_owner });
      expect(others.json().items.map((t: { id: string }) => t.id)).not.toContain(created.id);
      const admin = await h.inject({ method: 'GET', url: '/api/v1/tokens', headers: h.acme.headers.platform_admin });
      expect(admin.json().items.map((t: { id: string }) => t.id)).toContain(created.id);
      expect((await h.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: h.acme.headers.platform_admin })).statusCode).toBe(200);
      expectProblem(await me(bearer(created.token)), 401);
    });

    it('stops working when it expires on the clock', async () => {
      const created = (await createToken(h.acme.headers.builder, { name: 'short-lived', expiresInDays: 1 })).json();
      h.clock.advance(DAY - 1);
      expect((await me(bearer(created.token))).statusCode).toBe(200);
      h.clock.advance(1);
      expect(expectProblem(await me(bearer(created.token)), 401).detail).toContain('expired');
    });

    it('cannot hold roles its owner lacks', async () => {
      const body = expectProblem(await createToken(h.acme.headers.builder, { name: 'escalate', roles: ['platform_admin'] }), 403);
      expect(body.detail).toContain('platform_admin');
      expectProblem(await createToken(h.acme.headers.builder, { name: 'escalate', roles: ['builder', 'risk_reviewer'] }), 403);
    });

    it('can hold fewer roles than its owner, and loses roles its owner loses', async () => {
      const { auth } = h.charter.services;
      const db = h.charter.kernel.db;
      const user = await auth.addMember(db, h.acme.id, { email: 'dual@acme.test', name: 'Dual Role', roles: ['builder', 'risk_reviewer'] });
      const owner = { tenantId: h.acme.id, kind: 'user' as const, id: user.id, name: user.name, roles: ['builder' as const, 'risk_reviewer' as const] };
      const narrow = await auth.createToken(owner, { name: 'reviewer only', roles: ['risk_reviewer'] });
      const both = await auth.createToken(owner, { name: 'both' });
      expect((await me(bearer(narrow.token))).json().roles).toEqual(['risk_reviewer']);
      expect((await h.inject({ method: 'POST', url: '/api/v1/value-streams', payload: { name: 'Narrow' }, headers: bearer(narrow.token) })).statusCode).toBe(403);
      expect((await h.inject({ method: 'GET', url: '/api/v1/ledger', headers: bearer(both.token) })).statusCode).toBe(200);
      await auth.addMember(db, h.acme.id, { email: 'dual@acme.test', name: 'Dual Role', roles: ['builder'] });
      expect((await me(bearer(both.token))).json().roles).toEqual(['builder']);
      expect((await h.inject({ method: 'GET', url: '/api/v1/ledger', headers: bearer(both.token) })).statusCode).toBe(403);
      expect((await me(bearer(narrow.token))).json().roles).toEqual([]);
    });

    it('needs token:manage to create one, and rejects unknown fields and bad lifetimes', async () => {
      expectProblem(await createToken(h.acme.headers.viewer, { name: 'viewer token' }), 403);
      expectProblem(await createToken(h.acme.headers.builder, { name: 'x', scopes: ['all'] }), 400);
      expectProblem(await createToken(h.acme.headers.builder, { name: 'x', expiresInDays: 0 }), 400);
      expectProblem(await createToken(h.acme.headers.builder, { name: 'x', roles: ['superuser'] }), 400);
    });

    it('refuses unknown, malformed and non-Bearer credentials', async () => {
      for (const authorization of ['Bearer chr_pat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Bearer nonsense', 'Basic dXNlcjpwYXNz', 'Bearer ']) {
        expectProblem(await me({ authorization }), 401);
      }
    });
  });

  describe('documentation and probes', () => {
    it('serves OpenAPI 3.1 listing every /api/v1 route with its schemas', async () => {
      const res = await h.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
      const routes = apiRoutes(h.charter.http.printRoutes()).filter((r) => r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThan(10);
      const problems: string[] = [];
      for (const { method, path } of routes) {
        const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
        if (!op) {
          problems.push(`${method} ${path} is missing from /openapi.json`);
          continue;
        }
        if (!op.summary) problems.push(`${method} ${path} has no summary`);
        if (!op.tags?.length) problems.push(`${method} ${path} has no tags`);
        if (!op.responses || !Object.keys(op.responses).some((s) => s.startsWith('2'))) problems.push(`${method} ${path} documents no success response`);
        for (const name of [...path.matchAll(/:(\w+)/g)].map((m) => m[1])) {
          if (!op.parameters?.some((p: { in: string; name: string }) => p.in === 'path' && p.name === name)) problems.push(`${method} ${path} does not document :${name}`);
        }
      }
      expect(problems).toEqual([]);
      const create = doc.paths['/api/v1/use-cases'].post;
      expect(create.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['title', 'outcome', 'valueStreamId', 'dataClasses']));
      expect(doc.paths['/api/v1/use-cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'stage']));
    });

    it('serves the browsable reference without signing in', async () => {
      const res = await h.inject({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBeLessThan(400);
    });

    it('answers /healthz and /readyz without credentials', async () => {
      const health = await h.inject({ method: 'GET', url: '/healthz' });
      expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await h.inject({ method: 'GET', url: '/readyz' });
      expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', database: dbKind }]);
    });

    it('reports not ready with 503 when the database cannot answer', async () => {
      const schema = dbKind === 'postgres' ? await createSchema() : undefined;
      const broken = await createCharter({ ...h.charter.kernel.config, sqlitePath: ':memory:' }, { clock: h.clock, schema: schema?.schema });
      try {
        expect((await broken.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
        await sql`alter table tenants rename to tenants_gone`.execute(broken.kernel.db);
        const res = await broken.http.inject({ method: 'GET', url: '/readyz' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ status: 'not ready', database: dbKind });
      } finally {
        await broken.close();
        await schema?.drop();
      }
    });

    it('isolates each harness in its own schema on PostgreSQL', async () => {
      if (dbKind === 'postgres') expect(await pgSchemaOf(h)).toMatch(/^t_/);
      else expect(h.charter.kernel.dialect).toBe('sqlite');
    });
  });
});
