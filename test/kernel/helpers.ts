import { sql } from 'kysely';
import { expect } from 'vitest';
import { createCharter, type Charter } from '../../src/app.js';
import type { Actor } from '../../src/kernel/actor.js';
import type { Role } from '../../src/kernel/auth/permissions.js';
import type { ChangeEvent, ChangeFeed } from '../../src/kernel/feed.js';
import type { LedgerEvent } from '../../src/kernel/ledger/service.js';
import type { Harness } from '../support/harness.js';

/** The PostgreSQL schema a harness runs in. */
export async function pgSchemaOf(h: Harness): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(h.charter.kernel.db);
  return rows[0].schema;
}

/**
 * A second Charter on the same PostgreSQL schema as the harness: its own connection pool, LISTEN connection and
 * scheduler identity, as a second process would have. Close it before the harness (which drops the schema).
 */
export async function secondInstance(h: Harness): Promise<Charter> {
  if (h.db !== 'postgres') throw new Error('a second instance shares a database only on PostgreSQL');
  return createCharter(h.charter.kernel.config, { clock: h.clock, schema: await pgSchemaOf(h) });
}

export interface FreshTenant {
  id: string;
  slug: string;
  actor: Actor;
  headers: Record<string, string>;
}

let counter = 0;
/** A new tenant with one member holding `roles` and a bearer token for them (creating the token writes ledger entry 1). */
export async function freshTenant(h: Harness, label: string, roles: Role[] = ['platform_admin']): Promise<FreshTenant> {
  const { auth } = h.charter.services;
  const db = h.charter.kernel.db;
  const slug = `${label}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;
  const t = await auth.createTenant(db, slug, `Tenant ${slug}`);
  const user = await auth.addMember(db, t.id, { email: `admin@${slug}.test`, name: `Admin of ${slug}`, roles });
  const actor: Actor = { tenantId: t.id, kind: 'user', id: user.id, name: user.name, roles };
  const token = await auth.createToken(actor, { name: 'probe' });
  return { id: t.id, slug, actor, headers: { authorization: `Bearer ${token.token}` } };
}

/** Appends one ledger entry in its own transaction, as a service would. */
export function append(charter: Charter, actor: Actor, event: LedgerEvent) {
  const k = charter.kernel;
  return k.db.transaction().execute((tx) => k.ledger.append(tx, actor, event));
}

/** Resolves with the first event that matches, or rejects after `timeoutMs` (a deadline, not a sleep). */
export function nextEvent(feed: ChangeFeed, match: (e: ChangeEvent) => boolean, timeoutMs = 5000): Promise<ChangeEvent> {
  return new Promise((resolve, reject) => {
    const off = feed.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching change event within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Asserts a tenant's chain is one line: seq 1..n without gaps, each entry naming its predecessor's hash. */
export async function expectUnforkedChain(charter: Charter, tenantId: string, expectedEntries: number): Promise<void> {
  const rows = await charter.kernel.db.selectFrom('ledger_entries').select(['seq', 'prev_hash', 'hash']).where('tenant_id', '=', tenantId).orderBy('seq').execute();
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: expectedEntries }, (_, i) => i + 1));
  expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
  for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
  const head = await charter.kernel.db.selectFrom('ledger_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: expectedEntries, hash: rows.at(-1)!.hash });
  expect(await charter.kernel.ledger.verify(charter.kernel.db, tenantId)).toMatchObject({ ok: true, entries: expectedEntries, headSeq: expectedEntries });
}

export interface ApiRoute {
  method: string;
  path: string;
  /** Names of the path parameters, in order. */
  params: string[];
}

/**
 * Every route under /api/v1, read from Fastify's route tree (`printRoutes()`), so that tests walk routes added later
 * without being told. HEAD twins of GET routes are included; callers skip them when they do not want them.
 */
export function apiRoutes(tree: string): ApiRoute[] {
  const out: ApiRoute[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (depth ? stack[depth - 1] : '') + m[2];
    stack[depth] = path;
    if (!m[3] || !path.startsWith('/api/v1/')) continue;
    for (const method of m[3].split(',').map((x) => x.trim())) out.push({ method, path, params: [...path.matchAll(/:(\w+)/g)].map((p) => p[1]) });
  }
  return out;
}
