/**
 * Charter as a bench target, in its own process: SQLite (WAL, a temporary file, as production runs it), one tenant,
 * one `high`-tier use case in pilot governed by Charter's default `high` pack, an `openai`-kind catalogue endpoint
 * whose base URL is the mock upstream (credential sealed at rest as usual), an active release and a pilot gateway
 * key. Every control of the pack runs on each call: key resolution, stage and environment, the model and region
 * allowlists, the tool allowlist, the detectors over every text, the CEL rules, request and token budgets for the key
 * and the use case, redacted logging, and durable Merkle-anchored records (the `high` pack asks for records committed
 * before the response completes).
 *
 * One change to the pack, made only inside this process: the budgets. The shipped pack allows 120 requests and
 * 200,000 tokens a minute per key and use case, which the bench would hit within a second, so the memoised default
 * pack is given bench-sized budgets before Charter compiles it (publishing a tenant pack would also change its
 * version and approvals, which is not what is measured here). The limiter still counts every call against
 * them, so its cost stays in the figures.
 *
 *   node --import tsx bench/gateway/charter.ts --upstream http://127.0.0.1:PORT/v1 --dir /tmp/x [--pii]
 * prints `{"port":…,"key":…,"model":…}` once it listens on 127.0.0.1; SIGTERM closes it cleanly (so --cpu-prof
 * profiles are written).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCharter } from '../../src/app.js';
import type { Actor } from '../../src/kernel/actor.js';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { loadConfig } from '../../src/kernel/config.js';
import { defaultPacks } from '../../src/policy/packs.js';
import { UseCaseCreate } from '../../src/portfolio/schema.js';
import { ANSWERS_FOR, walkGoverned } from '../../test/support/governance.js';
import type { Harness, TenantFixture } from '../../test/support/harness.js';

export const BENCH_BUDGETS = { requestsPerMinute: 10_000_000, tokensPerMinute: 2_000_000_000, spendPerDay: 1_000_000_000, spendPerMonth: 10_000_000_000 };

const ROLES: Role[] = ['platform_admin', 'risk_reviewer', 'business_owner', 'builder', 'change_lead', 'executive', 'viewer'];

export async function startCharterTarget(opts: { upstream: string; dir: string }) {
  // The shipped pack with bench-sized budgets (see the header); everything else as shipped.
  const high = defaultPacks().high;
  Object.assign(high.runtime.budgets, BENCH_BUDGETS);

  const config = loadConfig({}, {
    logLevel: 'silent', host: '127.0.0.1', port: 0, masterKey: randomBytes(32).toString('base64'), sqlitePath: join(opts.dir, 'charter.db'),
  });
  const charter = await createCharter(config);
  const { auth, portfolio, catalogue, releases, keys } = charter.services;
  const db = charter.kernel.db;
  const tenant = await auth.createTenant(db, 'bench', 'Bench Insurance');
  const actors = {} as Record<Role, Actor>;
  const headers = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    const user = await auth.addMember(db, tenant.id, { email: `${role}@bench.test`, name: `${role} of bench`, roles: [role] });
    actors[role] = { tenantId: tenant.id, kind: 'user', id: user.id, name: user.name, roles: [role] };
    headers[role] = { authorization: `Bearer ${(await auth.createToken(actors[role], { name: 'bench' })).token}` };
  }
  const vs = await portfolio.createValueStream(actors.platform_admin, { name: 'Claims', description: 'First notice of loss to settlement' });
  const uc = await portfolio.create(actors.business_owner, UseCaseCreate.parse({
    title: 'Claims triage assistant',
    outcome: 'Reduce claims triage time by 30% while preserving human review for high-risk cases',
    valueStreamId: vs.id,
    dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
    priority: { impact: 5, strategicFit: 4, reach: 4, dataReadiness: 3, complexity: 3, risk: 4 },
  }));
  // Screened to the high tier and taken to pilot through its governance (readiness, controls with evidence, each
  // approval granted by the member of that role), as the gateway tests do it: test/support/governance.ts.
  await charter.services.risk.screen(actors.risk_reviewer, uc.id, ANSWERS_FOR.high);
  const fixture: TenantFixture = { id: tenant.id, slug: 'bench', headers, actors, valueStreamId: vs.id };
  // (walkGoverned also trains the tenant's members in the skill paths the pack asks of approvers and key holders.)
  await walkGoverned({ inject: charter.http.inject.bind(charter.http), charter } as unknown as Harness, fixture, uc.id, 'pilot');
  const governed = await portfolio.get(actors.viewer, uc.id);
  if (governed.stage !== 'pilot' || governed.riskTier !== 'high') throw new Error(`the bench use case is ${governed.riskTier}/${governed.stage}, not high/pilot`);
  const model = 'gpt-4o-mini-bench';
  const ep = await catalogue.create(actors.platform_admin, {
    name: model, provider: 'openai', kind: 'chat', model: 'gpt-4o-mini', modelVersion: '2024-07-18', region: 'eu-west', baseUrl: opts.upstream,
    credential: 'sk-bench-upstream', approvedTiers: ['high', 'limited', 'minimal'],
    allowedDataClasses: { maxSensitivity: 'confidential', categories: ['personal'] }, pricePer1kInput: 0.00015, pricePer1kOutput: 0.0006, status: 'approved',
  });
  const release = await releases.create(actors.builder, uc.id, { name: 'r1', endpointId: ep.id, fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 10_000, retries: 1, allowedTools: [] } });
  await releases.activate(actors.builder, release.id, 'pilot');
  const key = await keys.issue(actors.builder, uc.id, { environment: 'pilot', name: 'bench app', expiresInDays: 30 });
  await charter.http.listen({ host: '127.0.0.1', port: 0 });
  const { port } = charter.http.server.address() as AddressInfo;
  return { charter, port, key: key.key, model };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const upstream = arg('upstream');
  const dir = arg('dir');
  if (!upstream || !dir) throw new Error('--upstream and --dir are required');
  const { charter, port, key, model } = await startCharterTarget({ upstream, dir });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    charter.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ port, key, model })}\n`);
}
