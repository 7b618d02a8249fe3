import type { Response } from 'light-my-request';
import type { GatewayEventRow } from '../../src/gateway/migrations.js';
import type { CharterOptions } from '../../src/app.js';
import type { PeopleWiring } from '../../src/people/index.js';
import type { Stage, Tier } from '../../src/portfolio/schema.js';
import type { TestDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface PeopleHarness extends Harness {
  people: PeopleWiring;
  /** Calls the management API with the people and programme routes served. */
  api(method: Method, url: string, headers: Record<string, string>, payload?: unknown): Promise<Response>;
  /** Like api, and insists on a 2xx; returns the JSON body. */
  ok(method: Method, url: string, headers: Record<string, string>, payload?: unknown): Promise<any>;
  /** An acme use case in `stage` with a risk tier (the lifecycle and its guards are the portfolio's to test). */
  useCase(tier: Tier | null, stage?: Stage, overrides?: Record<string, unknown>): Promise<string>;
  /** Records gateway calls of acme as the gateway writes them. */
  calls(rows: Partial<GatewayEventRow>[]): Promise<void>;
  /** Ids of the default catalogue's items, by slug. */
  itemIds(headers: Record<string, string>): Promise<Record<string, string>>;
}

/** A harness over a Charter with people and programme wired as src/app.ts wires them; `reads` stand in for other capabilities' figures. */
export async function startPeople(db: TestDb, reads: CharterOptions['peopleReads'] = {}): Promise<PeopleHarness> {
  const h = await startHarness(db, {}, { peopleReads: reads });
  const k = h.charter.kernel;
  const s = h.charter.services;
  const people = h.charter.people;
  const http = h.charter.http;
  let seq = 0;
  const api: PeopleHarness['api'] = (method, url, headers, payload) =>
    http.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const harness: PeopleHarness = {
    ...h,
    people,
    api,
    async ok(method, url, headers, payload) {
      const res = await api(method, url, headers, payload);
      if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
      return res.json();
    },
    async useCase(tier, stage = 'pilot', overrides = {}) {
      const created = await harness.ok('POST', '/api/v1/use-cases', h.acme.headers.business_owner, useCaseBody(h.acme.valueStreamId, overrides));
      if (tier) await k.db.transaction().execute((tx) => s.portfolio.setGovernance(tx, h.acme.actors.risk_reviewer, created.id, tier, null));
      await k.db.updateTable('use_cases').set({ stage }).where('id', '=', created.id).execute();
      return created.id as string;
    },
    async calls(rows) {
      for (const row of rows) {
        await h.charter.gateway.recorder.record({
          id: `ge_people_${++seq}`, tenant_id: h.acme.id, use_case_id: null, release_id: null, endpoint_id: null, key_id: null, environment: 'production',
          at: h.clock.now().toISOString(), kind: 'chat', outcome: 'ok', http_status: 200, error_code: null, latency_ms: 800, ttft_ms: null, tokens_in: 100,
          tokens_out: 50, cost_usd: 0.001, end_user_id: null, end_user_role: null, end_user_verified: 1, case_id: null, data_classes: 'null', redactions: 0,
          decisions: '[]', review_id: null, streamed: 0, prompt_sha256: null, answer_sha256: null, prompt_text: null, answer_text: null, purge_after: null, ...row,
        }, true);
      }
    },
    async itemIds(headers) {
      const items = (await harness.ok('GET', '/api/v1/skill-items', headers)).items as { id: string; slug: string }[];
      return Object.fromEntries(items.map((i) => [i.slug, i.id]));
    },
  };
  return harness;
}

type FixtureRole = 'change_lead' | 'platform_admin';
/** Calls the API as a member of one tenant holding the role, insisting on a 2xx (the shape of isolation.test.ts's `call`). */
export type TenantCall = (method: string, url: string, role: FixtureRole, payload?: unknown) => Promise<any>;

/**
 * Makes a member hold skill paths, through the API as a change lead records them: modules completed, applied labs
 * done on `useCaseId` and signed off by the platform admin. For fixtures whose members need a gateway key or approve.
 */
export async function holdPaths(call: TenantCall, userId: string, paths: string[], useCaseId: string, skillRole = 'builder'): Promise<void> {
  const personId = (await call('GET', `/api/v1/people?userId=${userId}`, 'change_lead')).items[0]?.id ?? (await call('POST', '/api/v1/people', 'change_lead', { userId, skillRole })).id;
  const [catalogue, items] = await Promise.all([call('GET', '/api/v1/skill-paths', 'change_lead'), call('GET', '/api/v1/skill-items', 'change_lead')]);
  const slugs = new Set<string>(catalogue.items.filter((p: { slug: string }) => paths.includes(p.slug)).flatMap((p: { items: string[] }) => p.items));
  for (const item of items.items as { id: string; slug: string; kind: string }[]) {
    if (!slugs.has(item.slug)) continue;
    if (item.kind === 'module') await call('POST', `/api/v1/people/${personId}/completions`, 'change_lead', { itemId: item.id, evidence: 'fixture' });
    else {
      const attempt = await call('POST', `/api/v1/people/${personId}/lab-attempts`, 'change_lead', { labId: item.id, useCaseId, evidence: { summary: 'fixture' } });
      await call('POST', `/api/v1/lab-attempts/${attempt.id}/sign-off`, 'platform_admin', { decision: 'sign_off', note: 'fixture' });
    }
  }
}
