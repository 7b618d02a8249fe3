import { z } from 'zod';
import type { Actor } from '../actor.js';
import { addMs } from '../clock.js';
import type { Kernel } from '../context.js';
import type { Conn } from '../db/connect.js';
import { fromJson, toJson } from '../db/json.js';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated } from '../errors.js';
import { newId, newSecret } from '../ids.js';
import { can, type Permission, permissionsOf, type Role, ROLES } from './permissions.js';
import { hashPassword, hashSecret, SESSION_PREFIX, TOKEN_PREFIX, verifyPassword } from './secrets.js';

export const RoleSchema = z.enum(ROLES);

export interface SignedIn {
  sessionSecret: string;
  expiresAt: string;
  actor: Actor;
}

/** Identity and access: people, tenants they belong to, sessions for the UI and tokens for machines. */
export class AuthService {
  /**
   * Resolved credentials by hash, for a few seconds: a listing must not cost a join and a write per request. Revoking,
   * signing out and switching tenant drop the cache on every instance (change feed 'identity'); the TTL bounds how long
   * a role change made elsewhere takes to apply.
   */
  private readonly cache = new Map<string, { actor: Actor; expiresAt: string | null; cachedAt: number }>();
  private readonly lastUsedWrites = new Map<string, number>();
  private static readonly CACHE_MS = 10_000;
  private static readonly LAST_USED_EVERY_MS = 60_000;

  constructor(private readonly k: Kernel) {
    k.feed.subscribe((e) => {
      if (e.kind === 'identity') this.cache.clear();
    });
  }

  private async forgetCredentials(tenantId: string): Promise<void> {
    this.cache.clear();
    await this.k.feed.publish({ tenantId, kind: 'identity', id: '*' });
  }

  async createTenant(conn: Conn, slug: string, name: string) {
    const existing = await conn.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
    if (existing) throw new Conflict(`a tenant with slug ${slug} exists`);
    const row = { id: newId('tn'), slug, name, created_at: this.k.clock.now().toISOString() };
    await conn.insertInto('tenants').values(row).execute();
    return row;
  }

  async createTeam(conn: Conn, tenantId: string, name: string) {
    const row = { id: newId('team'), tenant_id: tenantId, name, created_at: this.k.clock.now().toISOString() };
    await conn.insertInto('teams').values(row).execute();
    return row;
  }

  /** Creates the person if new and makes them a member of the tenant with the given roles. */
  async addMember(conn: Conn, tenantId: string, input: { email: string; name: string; password?: string; roles: Role[]; teamId?: string | null }) {
    const email = input.email.toLowerCase();
    const now = this.k.clock.now().toISOString();
    let user = await conn.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!user) {
      user = { id: newId('usr'), email, name: input.name, password_hash: input.password ? await hashPassword(input.password) : null, created_at: now };
      await conn.insertInto('users').values(user).execute();
    }
    await conn
      .insertInto('memberships')
      .values({ tenant_id: tenantId, user_id: user.id, roles: toJson(input.roles), team_id: input.teamId ?? null, created_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ roles: toJson(input.roles), team_id: input.teamId ?? null }))
      .execute();
    await this.forgetCredentials(tenantId);
    return user;
  }

  async signIn(email: string, password: string, tenantSlug?: string): Promise<SignedIn> {
    const db = this.k.db;
    const user = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    // Verify even for unknown users, so response time does not reveal which emails exist.
    const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !ok) throw new Unauthenticated('email or password is wrong');
    let q = db
      .selectFrom('memberships')
      .innerJoin('tenants', 'tenants.id', 'memberships.tenant_id')
      .select(['tenants.id', 'tenants.slug', 'memberships.roles'])
      .where('memberships.user_id', '=', user.id);
    if (tenantSlug) q = q.where('tenants.slug', '=', tenantSlug);
    const membership = await q.orderBy('memberships.created_at').executeTakeFirst();
    if (!membership) throw new Forbidden(tenantSlug ? `you are not a member of tenant ${tenantSlug}` : 'you are not a member of any tenant');
    return this.openSession(user.id, membership.id);
  }

  private async openSession(userId: string, tenantId: string): Promise<SignedIn> {
    const secret = newSecret(SESSION_PREFIX);
    const now = this.k.clock.now();
    const expiresAt = addMs(now, this.k.config.sessionTtlHours * 3_600_000).toISOString();
    await this.k.db
      .insertInto('sessions')
      .values({ id_hash: hashSecret(secret), user_id: userId, tenant_id: tenantId, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
    const actor = await this.actorFor(userId, tenantId);
    return { sessionSecret: secret, expiresAt, actor: actor! };
  }

  async signOut(sessionSecret: string): Promise<void> {
    const session = await this.k.db.selectFrom('sessions').select('tenant_id').where('id_hash', '=', hashSecret(sessionSecret)).executeTakeFirst();
    await this.k.db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionSecret)).execute();
    if (session) await this.forgetCredentials(session.tenant_id);
  }

  /** Moves a session to another tenant the person belongs to. */
  async switchTenant(sessionSecret: string, tenantId: string): Promise<Actor> {
    const session = await this.k.db.selectFrom('sessions').selectAll().where('id_hash', '=', hashSecret(sessionSecret)).executeTakeFirst();
    if (!session) throw new Unauthenticated();
    const actor = await this.actorFor(session.user_id, tenantId);
    if (!actor) throw new NotFound('tenant', tenantId);
    await this.k.db.updateTable('sessions').set({ tenant_id: tenantId }).where('id_hash', '=', session.id_hash).execute();
    await this.forgetCredentials(session.tenant_id);
    return actor;
  }

  private async actorFor(userId: string, tenantId: string): Promise<Actor | undefined> {
    const row = await this.k.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name', 'memberships.roles'])
      .where('memberships.user_id', '=', userId)
      .where('memberships.tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { tenantId, kind: 'user', id: row.id, name: row.name, roles: fromJson<Role[]>(row.roles, []) };
  }

  /** Resolves a session cookie or a bearer token to an actor; undefined when neither is valid. */
  async authenticate(secret: string): Promise<Actor | undefined> {
    const now = this.k.clock.now().toISOString();
    const hash = hashSecret(secret);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.cachedAt < AuthService.CACHE_MS) {
      if (hit.expiresAt && hit.expiresAt <= now) return undefined;
      return hit.actor;
    }
    const found = await this.resolve(secret, hash, now);
    if (found) this.cache.set(hash, { ...found, cachedAt: Date.now() });
    else this.cache.delete(hash);
    return found?.actor;
  }

  private async resolve(secret: string, hash: string, now: string): Promise<{ actor: Actor; expiresAt: string | null } | undefined> {
    if (secret.startsWith(SESSION_PREFIX)) {
      const s = await this.k.db.selectFrom('sessions').selectAll().where('id_hash', '=', hash).executeTakeFirst();
      if (!s || s.expires_at <= now) return undefined;
      const actor = await this.actorFor(s.user_id, s.tenant_id);
      return actor ? { actor, expiresAt: s.expires_at } : undefined;
    }
    if (secret.startsWith(TOKEN_PREFIX)) {
      const t = await this.k.db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .innerJoin('memberships', (j) => j.onRef('memberships.user_id', '=', 'api_tokens.user_id').onRef('memberships.tenant_id', '=', 'api_tokens.tenant_id'))
        .select(['api_tokens.id', 'api_tokens.tenant_id', 'api_tokens.user_id', 'api_tokens.name', 'api_tokens.roles', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'memberships.roles as memberRoles', 'users.name as userName'])
        .where('api_tokens.secret_hash', '=', hash)
        .executeTakeFirst();
      if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now)) return undefined;
      // A token never holds more than its owner holds today.
      const ownerRoles = fromJson<Role[]>(t.memberRoles, []);
      const roles = fromJson<Role[]>(t.roles, []).filter((r) => ownerRoles.includes(r) || ownerRoles.includes('platform_admin'));
      // Last use is worth a write once a minute, not once a request.
      if (Date.now() - (this.lastUsedWrites.get(t.id) ?? 0) > AuthService.LAST_USED_EVERY_MS) {
        this.lastUsedWrites.set(t.id, Date.now());
        void this.k.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', t.id).execute().catch(() => undefined);
      }
      return { actor: { tenantId: t.tenant_id, kind: 'token', id: t.user_id, name: `${t.userName} (token ${t.name})`, roles, tokenId: t.id }, expiresAt: t.expires_at };
    }
    return undefined;
  }

  async createToken(actor: Actor, input: { name: string; roles?: Role[]; expiresInDays?: number }) {
    const roles = input.roles ?? actor.roles;
    const excess = roles.filter((r) => !actor.roles.includes(r) && !actor.roles.includes('platform_admin'));
    if (excess.length) throw new Forbidden(`a token cannot hold roles its owner lacks: ${excess.join(', ')}`);
    if (actor.kind === 'system') throw new Invalid('tokens belong to people');
    const secret = newSecret(TOKEN_PREFIX);
    const now = this.k.clock.now();
    const row = {
      id: newId('tok'),
      tenant_id: actor.tenantId,
      user_id: actor.id,
      name: input.name,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 5),
      secret_hash: hashSecret(secret),
      roles: toJson(roles),
      created_at: now.toISOString(),
      expires_at: input.expiresInDays ? addMs(now, input.expiresInDays * 86_400_000).toISOString() : null,
      revoked_at: null,
      last_used_at: null,
    };
    await this.k.db.transaction().execute(async (tx) => {
      await tx.insertInto('api_tokens').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'token.create', subjectType: 'token', subjectId: row.id, after: { name: row.name, roles, expiresAt: row.expires_at } });
    });
    return { token: secret, ...tokenView(row) };
  }

  async listTokens(actor: Actor) {
    let q = this.k.db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', actor.tenantId);
    if (!can(actor.roles, 'tenant:admin')) q = q.where('user_id', '=', actor.id);
    return (await q.orderBy('created_at', 'desc').execute()).map(tokenView);
  }

  async revokeToken(actor: Actor, id: string) {
    const row = await this.k.db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row || (row.user_id !== actor.id && !can(actor.roles, 'tenant:admin'))) throw new NotFound('token', id);
    if (row.revoked_at) return tokenView(row);
    const at = this.k.clock.now().toISOString();
    await this.k.db.transaction().execute(async (tx) => {
      await tx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
      await this.k.ledger.append(tx, actor, { action: 'token.revoke', subjectType: 'token', subjectId: id });
    });
    await this.forgetCredentials(actor.tenantId);
    return tokenView({ ...row, revoked_at: at });
  }

  async me(actor: Actor) {
    const tenants = await this.k.db
      .selectFrom('memberships')
      .innerJoin('tenants', 'tenants.id', 'memberships.tenant_id')
      .select(['tenants.id', 'tenants.slug', 'tenants.name', 'memberships.roles'])
      .where('memberships.user_id', '=', actor.id)
      .orderBy('tenants.name')
      .execute();
    const user = await this.k.db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', actor.id).executeTakeFirst();
    return {
      user: user ?? { id: actor.id, email: '', name: actor.name },
      tenantId: actor.tenantId,
      roles: actor.roles,
      permissions: permissionsOf(actor.roles) as Permission[],
      tenants: tenants.map((t) => ({ id: t.id, slug: t.slug, name: t.name, roles: fromJson<Role[]>(t.roles, []) })),
    };
  }

  /** The tenant's teams with how many members and use cases each holds, by name. */
  async listTeams(tenantId: string) {
    const rows = await this.k.db
      .selectFrom('teams')
      .select((eb) => [
        'teams.id', 'teams.name', 'teams.created_at',
        eb.selectFrom('memberships').select((m) => m.fn.countAll<number>().as('n')).whereRef('memberships.team_id', '=', 'teams.id').where('memberships.tenant_id', '=', tenantId).as('members'),
        eb.selectFrom('use_cases').select((u) => u.fn.countAll<number>().as('n')).whereRef('use_cases.team_id', '=', 'teams.id').where('use_cases.tenant_id', '=', tenantId).as('useCases'),
      ])
      .where('teams.tenant_id', '=', tenantId)
      .orderBy('teams.name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, members: Number(r.members ?? 0), useCases: Number(r.useCases ?? 0), createdAt: r.created_at }));
  }

  /** A platform admin adds a team; names are unique in the tenant, whatever their case. */
  async addTeam(actor: Actor, name: string) {
    return this.k.db.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom('teams').select('id').where('tenant_id', '=', actor.tenantId).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
      if (taken) throw new Conflict(`a team named ${name} exists`, { errors: [{ path: 'body.name', message: 'a team with this name exists' }] });
      const row = await this.createTeam(tx, actor.tenantId, name);
      await this.k.ledger.append(tx, actor, { action: 'team.create', subjectType: 'team', subjectId: row.id, after: { name } });
      return { id: row.id, name: row.name, members: 0, useCases: 0, createdAt: row.created_at };
    });
  }

  async listMembers(tenantId: string) {
    const rows = await this.k.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .leftJoin('teams', 'teams.id', 'memberships.team_id')
      .select(['users.id', 'users.email', 'users.name', 'memberships.roles', 'memberships.team_id', 'teams.name as teamName'])
      .where('memberships.tenant_id', '=', tenantId)
      .orderBy('users.name')
      .execute();
    return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, roles: fromJson<Role[]>(r.roles, []), teamId: r.team_id, teamName: r.teamName }));
  }
}

// A valid argon2id hash of a random string, used to spend the same time on unknown emails.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2k2m0M6oQ6m5a7W0nN0bXz7c8sY0f6Qq1nYb7V2ZfXk';

function tokenView(row: { id: string; name: string; prefix: string; roles: string; created_at: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roles: fromJson<Role[]>(row.roles, []),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
