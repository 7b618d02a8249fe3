/**
 * Tenant isolation, proven over every route: a platform admin of globex, holding every permission, calls each
 * /api/v1 route that takes an id with acme's ids and must get 404 (problem+json) and change nothing; listings never
 * show globex a row of acme's. Routes are discovered from Fastify's route tree, so routes added later are walked too;
 * the RESOURCES map below says how to make a tenant's resource for each kind of path parameter, and the test fails,
 * naming the route, when a route has a parameter the map does not know. Request bodies are built from each route's
 * schema in /openapi.json; fields that name a resource (BODY_FIELDS) get the target tenant's ids, and a last probe
 * sends globex's writes whose bodies name acme's resources, which must be refused without writing anything.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { ANSWERS_FOR, QUIET_ANSWERS } from '../support/governance.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { type ApiRoute, apiRoutes } from '../kernel/helpers.js';
import { holdPaths } from './people-harness.js';

type Json = Record<string, any>;
type Injected = Awaited<ReturnType<Harness['inject']>>;

type Tenant = 'acme' | 'globex';
type RoleName = keyof Harness['acme']['headers'];

interface Ctx {
  h: Harness;
  /** Whose resource is being made. */
  tenant: Harness['acme'];
  /** The id of another resource of the same tenant (created once, on first need). */
  need(key: string): Promise<string>;
  /** Calls the API as a member of the tenant and insists on a 2xx. */
  call(method: string, url: string, role: RoleName, payload?: unknown): Promise<Json>;
}

/**
 * How to create, in a tenant, the resource that a path parameter names. The key is the path segment before the
 * parameter and the parameter (`use-cases/:id` for /api/v1/use-cases/:id/…). Other keys are resources that request
 * bodies and queries refer to (see BODY_FIELDS). A new capability with new routes adds its entries here.
 */
const RESOURCES: Record<string, (c: Ctx) => Promise<string>> = {
  'use-cases/:id': async (c) => {
    const uc = await c.call('POST', '/api/v1/use-cases', 'business_owner', useCaseBody(c.tenant.valueStreamId, { title: `${c.tenant.slug} isolation probe` }));
    // A governed use case (tier set), so release and key routes can act on it.
    await c.h.charter.kernel.db.transaction().execute((tx) => c.h.charter.services.portfolio.setGovernance(tx, c.tenant.actors.risk_reviewer, uc.id, 'high', 'high@1'));
    // A change plan, so the plan's own route has one to show (when the people capability is served).
    if (c.h.charter.http.hasRoute({ method: 'PUT', url: '/api/v1/use-cases/:id/change-plan' })) await c.call('PUT', `/api/v1/use-cases/${uc.id}/change-plan`, 'change_lead', CHANGE_PLAN);
    return uc.id;
  },
  'tokens/:id': async (c) => (await c.call('POST', '/api/v1/tokens', 'builder', { name: 'isolation probe' })).id,
  'model-endpoints/:id': async (c) =>
    (await c.call('POST', '/api/v1/model-endpoints', 'platform_admin', {
      name: `${c.tenant.slug}-isolation-sim`, provider: 'simulated', model: 'charter-sim', region: 'eu-west', approvedTiers: ['high', 'limited', 'minimal'],
      allowedDataClasses: { maxSensitivity: 'confidential', categories: ['personal'] }, pricePer1kInput: 0.5, pricePer1kOutput: 1.5, credential: `sk-${c.tenant.slug}-isolation`,
    })).id,
  'prompt-templates/:id': async (c) =>
    (await c.call('POST', '/api/v1/prompt-templates', 'builder', {
      name: `${c.tenant.slug}-isolation`, useCaseId: await c.need('use-cases/:id'), firstVersion: { system: 'You triage {{line}} claims.', variables: ['line'], changeNote: 'first version' },
    })).id,
  'prompt-versions': async (c) => {
    const templateId = await c.need('prompt-templates/:id');
    const list = await c.call('GET', '/api/v1/prompt-templates', 'viewer');
    return list.items.find((t: Json) => t.id === templateId).versions[0].id;
  },
  'releases/:id': async (c) =>
    (await c.call('POST', `/api/v1/use-cases/${await c.need('use-cases/:id')}/releases`, 'builder', {
      name: `${c.tenant.slug} isolation release`, endpointId: await c.need('model-endpoints/:id'), promptVersionId: await c.need('prompt-versions'),
    })).id,
  'gateway-keys/:id': async (c) => {
    const useCaseId = await c.need('use-cases/:id');
    // The pack requires skill paths of key holders (when the people capability is served).
    if (c.h.charter.http.hasRoute({ method: 'POST', url: '/api/v1/people' })) await holdPaths(c.call, c.tenant.actors.builder.id, ['ai-literacy', 'responsible-ai-builder'], useCaseId);
    return (await c.call('POST', `/api/v1/use-cases/${useCaseId}/keys`, 'builder', { environment: 'pilot', name: 'isolation key' })).id;
  },
  'reviews/:id': async (c) =>
    c.h.charter.gateway.reviews.hold({
      tenantId: c.tenant.id, useCaseId: await c.need('use-cases/:id'), eventId: `chatcmpl-${c.tenant.slug}-probe`, keyId: 'gk_probe', mode: 'hold',
      reasons: ['isolation probe'], dataClasses: [], request: [{ role: 'user', content: 'probe' }], answer: 'probe answer', keepPayloads: false, retentionDays: 30,
    }),
  'events/:id': async (c) => {
    const id = `chatcmpl-${c.tenant.slug}-isolation`;
    await c.h.charter.gateway.recorder.record({
      id, tenant_id: c.tenant.id, use_case_id: await c.need('use-cases/:id'), release_id: null, endpoint_id: null, key_id: null, environment: 'pilot',
      at: c.h.clock.now().toISOString(), kind: 'chat', outcome: 'ok', http_status: 200, error_code: null, latency_ms: 1, ttft_ms: null, tokens_in: 1, tokens_out: 1,
      cost_usd: 0, end_user_id: null, end_user_role: null, end_user_verified: 0, case_id: null, data_classes: 'null', redactions: 0, decisions: '[]', review_id: null,
      streamed: 0, prompt_sha256: null, answer_sha256: null, prompt_text: null, answer_text: null, purge_after: null,
    }, true);
    return id;
  },
  'policy-packs/:id': async (c) => {
    // Renamed, so its content hash is the tenant's own and not the shipped default's (which every tenant may read).
    const draft = await c.call('POST', '/api/v1/policy-packs', 'risk_reviewer', { tier: 'high' });
    return (await c.call('PUT', `/api/v1/policy-packs/${draft.id}`, 'risk_reviewer', { ...draft.pack, name: `${c.tenant.slug} isolation pack` })).id;
  },
  'approval-requests/:id': async (c) => {
    // triage → assessed of a high-tier use case waits for a risk reviewer: the refused move opens the request.
    const uc = await c.call('POST', '/api/v1/use-cases', 'business_owner', useCaseBody(c.tenant.valueStreamId, { title: `${c.tenant.slug} approval probe` }));
    await c.call('POST', `/api/v1/use-cases/${uc.id}/screenings`, 'risk_reviewer', { answers: ANSWERS_FOR.high });
    await c.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, 'business_owner', { to: 'triage' });
    const refused = await c.h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/transitions`, headers: c.tenant.headers.business_owner, payload: { to: 'assessed' } });
    return refused.json().problems.find((p: Json) => p.guard === 'approvals').pending[0].requestId;
  },
  'exceptions/:id': async (c) =>
    (await c.call('POST', `/api/v1/use-cases/${await c.need('use-cases/:id')}/exceptions`, 'builder', { control: 'GOVERN 1.1', rationale: 'isolation probe waiver', days: 30 })).id,
  'datasets/:id': async (c) => {
    const dataset = await c.call('POST', '/api/v1/datasets', 'builder', { name: `${c.tenant.slug} isolation set`, kind: 'classification', useCaseId: await c.need('use-cases/:id') });
    const rows = ['billing', 'outage', 'billing', 'other'].map((label, i) => JSON.stringify({ id: `c${i + 1}`, input: `probe ticket ${i + 1}`, label }));
    await c.h.charter.evals.services.datasets.addVersion(c.tenant.actors.builder, dataset.id, rows.join('\n'), 'jsonl');
    return dataset.id;
  },
  'versions/:number': async (c) => {
    await c.need('datasets/:id');
    return '1';
  },
  'eval-runs/:id': async (c) => {
    const predictions = ['billing', 'outage', 'billing', 'other'].map((output, i) => JSON.stringify({ id: `c${i + 1}`, output }));
    const run = await c.h.charter.evals.services.runs.scoreOffline(c.tenant.actors.builder, await c.need('releases/:id'), { datasetId: await c.need('datasets/:id') }, predictions.join('\n'));
    return run.id;
  },
  'gate-decisions/:id': async (c) => {
    await c.need('eval-runs/:id');
    return (await c.call('POST', `/api/v1/releases/${await c.need('releases/:id')}/gate`, 'risk_reviewer')).id;
  },
  'incidents/:id': async (c) =>
    (await c.call('POST', '/api/v1/incidents', 'risk_reviewer', { useCaseId: await c.need('use-cases/:id'), title: `${c.tenant.slug} isolation incident`, severity: 'low' })).id,
  'metrics/:key': async (c) =>
    (await c.call('POST', '/api/v1/metrics', 'business_owner', {
      key: `probe.${c.tenant.slug}`, name: 'Isolation probe', layer: 'business_outcome', unit: 'min', direction: 'decrease', baseline: 40, target: 28,
      thresholds: { warning: 36, critical: 40 }, owner: 'probe team', reviewCadence: 'monthly', source: 'api', useCaseIds: [await c.need('use-cases/:id')],
    })).key,
  'people/:id': async (c) => (await c.call('POST', '/api/v1/people', 'change_lead', { name: `${c.tenant.slug} isolation learner`, skillRole: 'end_user' })).id,
  'skill-items/:id': async (c) => (await c.call('POST', '/api/v1/skill-items', 'change_lead', { slug: 'isolation-module', kind: 'module', title: 'Isolation module', summary: 'probe', minutes: 30 })).id,
  'skill-paths/:id': async (c) => (await c.call('POST', '/api/v1/skill-paths', 'change_lead', { slug: 'isolation-path', title: 'Isolation path', description: 'probe', requiredFor: [], items: ['how-ai-works'] })).id,
  'lab-attempts/:id': async (c) => {
    const lab = (await c.call('GET', '/api/v1/skill-items', 'viewer')).items.find((i: Json) => i.slug === 'lab-map-the-process');
    const body = { labId: lab.id, useCaseId: await c.need('use-cases/:id'), evidence: { summary: 'isolation probe' } };
    return (await c.call('POST', `/api/v1/people/${await c.need('people/:id')}/lab-attempts`, 'change_lead', body)).id;
  },
  'assets/:id': async (c) =>
    (await c.call('POST', '/api/v1/assets', 'builder', { kind: 'integration_pattern', name: `${c.tenant.slug} isolation pattern`, description: 'probe', firstVersion: { location: 'https://example.com/pattern', changeNote: 'first' } })).id,
  'funding-asks': async (c) => (await c.call('POST', `/api/v1/use-cases/${await c.need('use-cases/:id')}/funding-asks`, 'business_owner', { amount: 1000, currency: 'EUR', purpose: 'isolation probe' })).id,
  'portfolio-reviews/:id': async (c) => (await c.call('POST', '/api/v1/portfolio-reviews', 'executive', {})).id,
  'milestones/:id': async (c) => (await c.call('POST', '/api/v1/programme/plan', 'executive', { startsOn: '2026-03-02' })).phases[0].milestones[0].id,
  teams: async (c) => (await c.h.charter.services.auth.createTeam(c.h.charter.kernel.db, c.tenant.id, 'Isolation team')).id,
  'value-streams': async (c) => c.tenant.valueStreamId,
  members: async (c) => c.tenant.actors.business_owner.id,
  tenants: async (c) => c.tenant.id,
  'ledger/:seq': async (c) => {
    // Ledger seqs count per tenant: the entry must lie beyond the other tenant's head to be one it does not have.
    const head = async (tenantId: string) => Number((await c.h.charter.kernel.db.selectFrom('ledger_heads').select('seq').where('tenant_id', '=', tenantId).executeTakeFirst())?.seq ?? 0);
    const other = c.tenant.id === c.h.acme.id ? c.h.globex.id : c.h.acme.id;
    while ((await head(c.tenant.id)) <= (await head(other))) await c.call('POST', '/api/v1/tokens', 'builder', { name: 'filler' });
    return String(await head(c.tenant.id));
  },
};

/** Request-body and query fields that refer to another resource (a list of them when the name ends in Ids). */
const BODY_FIELDS: Record<string, string> = {
  useCaseId: 'use-cases/:id',
  endpointId: 'model-endpoints/:id',
  fallbackEndpointIds: 'model-endpoints/:id',
  releaseId: 'releases/:id',
  promptVersionId: 'prompt-versions',
  templateId: 'prompt-templates/:id',
  valueStreamId: 'value-streams',
  ownerId: 'members',
  actorId: 'members',
  subjectId: 'use-cases/:id',
  tokenId: 'tokens/:id',
  keyId: 'gateway-keys/:id',
  tenantId: 'tenants',
  personId: 'people/:id',
  eventId: 'events/:id',
  datasetId: 'datasets/:id',
  userId: 'members',
  teamId: 'teams',
  itemId: 'skill-items/:id',
  labId: 'skill-items/:id',
  assetId: 'assets/:id',
  fundingAskId: 'funding-asks',
  sourceId: 'policy-packs/:id',
};

/** Bodies for routes whose schema alone does not make a valid request; resource fields are then set as usual. */
const BODY_SAMPLES: Record<string, (c: Ctx) => unknown> = {
  'POST /api/v1/use-cases': (c) => useCaseBody(c.tenant.valueStreamId, { title: 'Cross-tenant probe' }),
  'POST /api/v1/use-cases/:id/funding-asks': () => ({ amount: 1000, currency: 'EUR', purpose: 'cross-tenant probe' }),
  'POST /api/v1/intake': (c) => ({ ...useCaseBody(c.tenant.valueStreamId, { title: 'Cross-tenant intake probe' }), targetDate: '2026-12-31', answers: QUIET_ANSWERS }),
};

/** Routes left out of the body-reference probe, and why. */
const BODY_PROBE_EXEMPT: Record<string, string> = {
  'POST /api/v1/me/tenant': 'switches a session, not a token; test/kernel/auth.test.ts proves a tenant one does not belong to answers 404',
};

/**
 * Cross-tenant references that a capability still accepts (found by this test and reported to its owner). The test
 * proves each still reproduces, so when one is fixed it fails until its entry is removed here.
 */
const KNOWN_CROSS_TENANT_REFERENCES: Record<string, string> = {
};

/** The change plan every probe use case carries, so the plan's route has one to show. */
const CHANGE_PLAN = {
  workflowChange: 'Isolation probe', audiences: [{ group: 'Probe users', skillRole: 'end_user', headcount: 1 }], support: ['none'],
  successMetrics: [{ metric: 'probe', target: 'probe' }], feedbackHandling: 'none', communications: [{ on: '2026-12-31', audience: 'everyone', channel: 'probe', message: 'probe' }],
};

type Route = ApiRoute;

/** The map key of a path parameter: the segment before it and its name. */
const keyOf = (path: string, param: string) => {
  const segments = path.split('/');
  const at = segments.indexOf(`:${param}`);
  return `${segments[at - 1]}/:${param}`;
};

const HIDDEN_COLUMNS = new Set(['last_used_at']); // touched by every authenticated request, by design

describeEachDb('tenant isolation over every route', (dbKind) => {
  let h: Harness;
  let routes: Route[];
  let doc: Json;
  const contexts = {} as Record<Tenant, Ctx>;
  const makeContext = (tenant: Tenant): Ctx => {
    const ids = new Map<string, Promise<string>>();
    const c: Ctx = {
      get h() {
        return h;
      },
      get tenant() {
        return h[tenant];
      },
      need(key) {
        const make = RESOURCES[key];
        if (!make) throw new Error(`no way to create a "${key}": add it to RESOURCES in test/api/isolation.test.ts`);
        if (!ids.has(key)) ids.set(key, make(c));
        return ids.get(key)!;
      },
      async call(method, url, role, payload) {
        const res = await h.inject({ method: method as 'GET', url, headers: h[tenant].headers[role], ...(payload === undefined ? {} : { payload: payload as object }) });
        if (res.statusCode >= 300) throw new Error(`setting up ${tenant}: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
        return res.json();
      },
    };
    return c;
  };
  contexts.acme = makeContext('acme');
  contexts.globex = makeContext('globex');
  const ctx = contexts.acme;

  beforeAll(async () => {
    h = await startHarness(dbKind);
    routes = apiRoutes(h.charter.http.printRoutes());
    doc = (await h.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(async () => h?.close());

  const deref = (s: Json | undefined): Json => {
    let out = s ?? {};
    while (out.$ref) out = out.$ref.replace(/^#\//, '').split('/').reduce((o: Json, k: string) => o?.[k], doc) ?? {};
    return out;
  };

  interface SampleOptions {
    /** Whose resources id-like fields name. */
    refs: Ctx;
    /** Also fill optional fields that name a resource (to probe cross-tenant references). */
    optionalRefs?: boolean;
    /** Filled in: the id-like fields set and the ids they got. */
    used?: { field: string; id: string }[];
  }

  /** A minimal value that satisfies a JSON schema, with id-like fields naming the resources of `o.refs`'s tenant. */
  async function sample(schema: Json | undefined, o: SampleOptions, name?: string): Promise<unknown> {
    const s = deref(schema);
    if ('const' in s) return s.const;
    const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (name && BODY_FIELDS[name]) {
      const id = await o.refs.need(BODY_FIELDS[name]);
      o.used?.push({ field: name, id });
      return types.includes('array') ? [id] : id;
    }
    if (s.default !== undefined) return s.default;
    if (s.enum) return s.enum[0];
    if (s.anyOf || s.oneOf) {
      const options = (s.anyOf ?? s.oneOf).map(deref);
      return sample(options.find((x: Json) => x.type !== 'null') ?? options[0], o, name);
    }
    if (s.allOf) return sample(Object.assign({}, ...s.allOf.map(deref)), o, name);
    const type = types.find((t) => t !== 'null');
    switch (type) {
      case 'object': {
        const out: Json = {};
        const keys = new Set<string>(s.required ?? []);
        if (o.optionalRefs) for (const key of Object.keys(s.properties ?? {})) if (BODY_FIELDS[key]) keys.add(key);
        for (const key of keys) out[key] = await sample(s.properties?.[key], o, key);
        return out;
      }
      case 'array':
        return Promise.all(Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, o)));
      case 'integer':
      case 'number':
        if (s.minimum !== undefined) return s.minimum;
        // A share such as (0, 1) exclusive: its middle.
        if (s.exclusiveMinimum !== undefined && s.exclusiveMaximum !== undefined && s.type === 'number') return (s.exclusiveMinimum + s.exclusiveMaximum) / 2;
        return s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : Math.min(1, s.maximum ?? 1);
      case 'boolean':
        return false;
      case 'null':
        return null;
      case 'string': {
        if (name && /Ids?$/.test(name)) throw new Error(`request field "${name}" names a resource: add it to BODY_FIELDS in test/api/isolation.test.ts`);
        const formats: Json = { date: '2026-12-31', 'date-time': '2026-12-31T00:00:00.000Z', email: 'probe@example.com', uri: 'https://example.com', url: 'https://example.com', uuid: '00000000-0000-4000-8000-000000000000' };
        return formats[s.format] ?? 'x'.repeat(Math.max(s.minLength ?? 0, 3));
      }
      default:
        return {};
    }
  }

  /** The resource kinds that served routes name, by a path parameter or a request field (capabilities not wired name none). */
  function namedKinds(): Set<string> {
    const kinds = new Set(routes.flatMap((r) => r.params.map((p) => keyOf(r.path, p))));
    const fields = new Set<string>();
    const walk = (schema: Json | undefined, depth: number): void => {
      if (depth > 4) return;
      const s = deref(schema);
      for (const [name, child] of Object.entries((s.properties ?? {}) as Json)) {
        fields.add(name);
        walk(child, depth + 1);
      }
      for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(part, depth + 1);
      if (s.items) walk(s.items, depth + 1);
    };
    for (const ops of Object.values(doc.paths as Json)) {
      for (const op of Object.values(ops as Json) as Json[]) {
        for (const p of op.parameters ?? []) fields.add(p.name);
        walk(op.requestBody?.content?.['application/json']?.schema, 0);
      }
    }
    for (const [field, kind] of Object.entries(BODY_FIELDS)) if (fields.has(field)) kinds.add(kind);
    return kinds;
  }

  const operationOf = (route: Route) => doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method === 'HEAD' ? 'get' : route.method.toLowerCase()];

  /** A request for a route: path ids of `pathOwner`'s tenant, and a body and query the route's schema accepts. */
  async function requestFor(route: Route, pathOwner: Ctx, o: SampleOptions) {
    let url = route.path;
    for (const p of route.params) url = url.replace(`:${p}`, encodeURIComponent(await pathOwner.need(keyOf(route.path, p))));
    const op = operationOf(route);
    const query = new URLSearchParams();
    for (const p of op?.parameters ?? []) if (p.in === 'query' && p.required) query.set(p.name, String(await sample(p.schema, o, p.name)));
    const bodySchema = deref(op?.requestBody?.content?.['application/json']?.schema);
    let payload = route.method === 'HEAD' || !op?.requestBody ? undefined : await sample(bodySchema, o);
    const override = BODY_SAMPLES[`${route.method} ${route.path}`];
    if (override && payload !== undefined) {
      const base = override(pathOwner) as Json;
      for (const [field, value] of Object.entries(payload as Json)) if (BODY_FIELDS[field]) base[field] = value;
      payload = base;
    }
    return { method: route.method as 'GET', url: `${url}${query.size ? `?${query}` : ''}`, ...(payload === undefined ? {} : { payload: payload as object }) };
  }

  /** Every row of every table (minus per-request bookkeeping), to prove that nothing changed. */
  async function snapshot(): Promise<Record<string, string[]>> {
    // Call records and their rollups are written in the background; settle them so only requests change rows.
    await h.charter.gateway.recorder.flush();
    await h.charter.measurement.services.rollups.flush();
    const db = h.charter.kernel.db;
    const tables =
      dbKind === 'postgres'
        ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
    const out: Record<string, string[]> = {};
    for (const { name } of tables.filter((t) => !t.name.startsWith('kysely_')).sort((a, b) => a.name.localeCompare(b.name))) {
      const rows = (await sql<Json>`select * from ${sql.table(name)}`.execute(db)).rows;
      out[name] = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !HIDDEN_COLUMNS.has(k)).sort(([a], [b]) => a.localeCompare(b))))).sort();
    }
    return out;
  }

  /** Identifiers that belong to acme alone: every id, *_id and hash in acme's rows that no globex row also holds. */
  async function acmeOnlyIdentifiers(): Promise<Set<string>> {
    const snap = await snapshot();
    const acme = new Set<string>([h.acme.id]);
    const globex = new Set<string>();
    for (const rows of Object.values(snap)) {
      for (const text of rows) {
        const row = JSON.parse(text) as Json;
        const tenant = row.tenant_id === h.acme.id ? acme : row.tenant_id === h.globex.id ? globex : undefined;
        if (!tenant) continue;
        for (const [k, v] of Object.entries(row)) if ((k === 'id' || k.endsWith('_id') || k.endsWith('hash')) && typeof v === 'string' && v.length >= 8) tenant.add(v);
      }
    }
    for (const v of globex) acme.delete(v);
    return acme;
  }

  it('knows how to create an acme resource for every path parameter of every /api/v1 route', async () => {
    // The route tree was read right: every route found exists, and every documented /api/v1 operation was found.
    for (const r of routes) expect(h.charter.http.hasRoute({ method: r.method as 'GET', url: r.path }), `${r.method} ${r.path}`).toBe(true);
    const found = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops as Json)) expect(found.has(`${method.toUpperCase()} ${path}`), `${method.toUpperCase()} ${path}`).toBe(true);
    }
    const withParams = routes.filter((r) => r.params.length);
    expect(withParams.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/use-cases/:id', 'PATCH /api/v1/use-cases/:id', 'DELETE /api/v1/tokens/:id', 'GET /api/v1/ledger/:seq']));
    const unknown = withParams.flatMap((r) => r.params.filter((p) => !RESOURCES[keyOf(r.path, p)]).map((p) => `${r.method} ${r.path}: "${keyOf(r.path, p)}"`));
    expect(unknown, `these routes take parameters that RESOURCES in test/api/isolation.test.ts cannot create for acme; add an entry for each:\n  ${unknown.join('\n  ')}`).toEqual([]);
  });

  it('answers 404 problem+json to globex for every acme id on every route, and changes nothing', async () => {
    const withParams = routes.filter((r) => r.params.length && r.params.every((p) => RESOURCES[keyOf(r.path, p)]));
    const requests: { route: Route; request: Awaited<ReturnType<typeof requestFor>> }[] = [];
    for (const route of withParams) requests.push({ route, request: await requestFor(route, ctx, { refs: ctx }) });
    const before = await snapshot();

    const failures: string[] = [];
    for (const { route, request } of requests) {
      const res: Injected = await h.inject({ ...request, headers: h.globex.headers.platform_admin });
      const label = `${request.method} ${request.url}${request.payload ? ` ${JSON.stringify(request.payload)}` : ''}`;
      if (res.statusCode !== 404) {
        failures.push(`${route.method} ${route.path}: ${res.statusCode} (expected 404) for ${label}: ${res.body.slice(0, 300)}`);
        continue;
      }
      if (route.method === 'HEAD') continue;
      if (!String(res.headers['content-type']).includes('application/problem+json')) failures.push(`${route.method} ${route.path}: 404 without problem+json`);
      else if (res.json().type !== 'https://charter.dev/problems/not-found') failures.push(`${route.method} ${route.path}: 404 of type ${res.json().type}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await snapshot()).toEqual(before);

    // The same requests from acme's own admin do not answer 404: the ids were real, so the 404s above were isolation.
    const vacuous: string[] = [];
    // Deletions last, so a route that follows one still finds its resource.
    const deletionsLast = [...requests].sort((a, b) => Number(a.route.method === 'DELETE') - Number(b.route.method === 'DELETE'));
    for (const { route, request } of deletionsLast) {
      const res = await h.inject({ ...request, headers: h.acme.headers.platform_admin });
      if (res.statusCode === 404) vacuous.push(`${route.method} ${route.path}: acme itself gets 404 for ${request.url}: ${res.body.slice(0, 200)}`);
    }
    expect(vacuous, vacuous.join('\n')).toEqual([]);
  });

  it('never shows globex a row of acme’s in any listing, even when filtered by acme’s ids', async () => {
    // Make sure acme has one of everything a served route names first.
    const named = namedKinds();
    for (const key of Object.keys(RESOURCES)) if (named.has(key)) await ctx.need(key);
    const secret = await acmeOnlyIdentifiers();
    expect(secret.size).toBeGreaterThan(20);
    const listings = routes.filter((r) => r.method === 'GET' && r.params.length === 0);
    expect(listings.length).toBeGreaterThan(3);

    const leaks: string[] = [];
    let acmeSeesOwn = 0;
    for (const route of listings) {
      const op = operationOf(route);
      const urls = [(await requestFor(route, ctx, { refs: ctx })).url];
      // Also every optional query filter that names a resource, set to acme's.
      for (const p of op?.parameters ?? []) {
        if (p.in === 'query' && BODY_FIELDS[p.name]) urls.push(`${route.path}?${p.name}=${encodeURIComponent(await ctx.need(BODY_FIELDS[p.name]))}`);
      }
      for (const url of urls) {
        const res = await h.inject({ method: 'GET', url, headers: h.globex.headers.platform_admin });
        if (res.statusCode >= 500 || (res.statusCode !== 200 && res.statusCode !== 404)) leaks.push(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        // A 404 that names the id asked for reveals nothing.
        const found = [...secret].filter((id) => res.body.includes(id) && !(res.statusCode === 404 && url.includes(id)));
        if (found.length) leaks.push(`GET ${url} shows globex acme's ${found.slice(0, 5).join(', ')}`);
        if (res.body.includes('@acme.test') || res.body.includes('Acme Insurance')) leaks.push(`GET ${url} shows globex acme's people or name`);
        const own = await h.inject({ method: 'GET', url: url.split('?')[0], headers: h.acme.headers.platform_admin });
        if ([...secret].some((id) => own.body.includes(id))) acmeSeesOwn++;
      }
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
    // The identifiers are real: acme's own listings show them.
    expect(acmeSeesOwn).toBeGreaterThan(3);
  });

  it('refuses globex’s writes whose body names acme’s resources, on every route, and changes nothing', async () => {
    const writes = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.params.every((p) => RESOURCES[keyOf(r.path, p)]) && !BODY_PROBE_EXEMPT[`${r.method} ${r.path}`]);
    const probes: { route: Route; request: Awaited<ReturnType<typeof requestFor>>; used: { field: string; id: string }[]; known?: string }[] = [];
    for (const route of writes) {
      const used: { field: string; id: string }[] = [];
      // Path ids are globex's own; every field that names a resource names acme's.
      const request = await requestFor(route, contexts.globex, { refs: contexts.acme, optionalRefs: true, used });
      if (used.length) probes.push({ route, request, used, known: KNOWN_CROSS_TENANT_REFERENCES[`${route.method} ${route.path}`] });
    }
    expect(probes.length).toBeGreaterThan(3);

    const attempt = async ({ route, request, used }: (typeof probes)[number]) => {
      const res: Injected = await h.inject({ ...request, headers: h.globex.headers.platform_admin });
      const label = `${route.method} ${route.path} with ${used.map((u) => u.field).join(', ')} of acme`;
      if (res.statusCode < 400 || res.statusCode >= 500) return `${label}: answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
      if (!used.some((u) => res.body.includes(u.id) || res.body.includes(u.field))) return `${label}: ${res.statusCode} for another reason (fix its BODY_SAMPLES entry): ${res.body.slice(0, 300)}`;
      return undefined;
    };

    const before = await snapshot();
    const failures = (await Promise.all(probes.filter((p) => !p.known).map(attempt))).filter(Boolean);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await snapshot()).toEqual(before);

    // Known, reported defects still reproduce; once one is fixed, remove it from KNOWN_CROSS_TENANT_REFERENCES.
    const fixed: string[] = [];
    for (const p of probes.filter((x) => x.known)) if (!(await attempt(p))?.includes('answered 2')) fixed.push(`${p.route.method} ${p.route.path}`);
    expect(fixed, `fixed, so remove from KNOWN_CROSS_TENANT_REFERENCES: ${fixed.join(', ')}`).toEqual([]);
    expect(probes.filter((p) => p.known).length).toBe(Object.keys(KNOWN_CROSS_TENANT_REFERENCES).length);
  });
});
