import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Services } from '../app.js';
import type { EvalServices } from '../evals/index.js';
import type { Actor } from '../kernel/actor.js';
import { type Example, passReleaseGate } from './gates.js';

/** The live use cases of the demo and the questions their users ask; every answer comes from the simulated model. */
const TRAFFIC: Record<string, { environment: 'pilot' | 'production'; prompts: string[]; users: { id: string; role?: string }[] }> = {
  'Claims triage assistant': {
    environment: 'production',
    prompts: ['Classify this claim as low, medium or high severity: rear-end collision, no injuries, bumper damage.', 'Classify this claim as low, medium or high severity: kitchen fire, family displaced.', 'Summarise the first notice of loss for claim 88213 in two lines.'],
    users: [{ id: 'handler-014', role: 'claims_handler' }, { id: 'handler-027', role: 'claims_handler' }, { id: 'handler-031', role: 'claims_handler' }],
  },
  'Support reply drafting': {
    environment: 'production',
    prompts: ['Draft a reply to a customer asking when their refund arrives.', 'Draft a polite reply explaining our cancellation policy.', 'Draft a reply to a customer who was charged twice.'],
    users: [{ id: 'agent-101', role: 'support_agent' }, { id: 'agent-144', role: 'support_agent' }, { id: 'agent-210', role: 'support_agent' }, { id: 'agent-233', role: 'support_agent' }],
  },
  'Code review assistant': {
    environment: 'production',
    prompts: ['Review this diff for error handling gaps: fetch(url).then(r => r.json())', 'Suggest a clearer name for a function called doStuff.'],
    users: [{ id: 'dev-7' }, { id: 'dev-12' }],
  },
  'Reconciliation exception explainer': {
    environment: 'pilot',
    prompts: ['Explain why bank line 4471 does not match ledger entry JE-2290.', 'Explain the timing difference on the EUR clearing account.'],
    users: [{ id: 'accountant-3' }],
  },
};

/** What each production use case's regression set asks: the routing decision the assistant's answer feeds. */
const REGRESSION_SETS: Record<string, { name: string; examples: Example[] }> = {
  'Claims triage assistant': {
    name: 'FNOL severity, 2026 Q3 sample',
    examples: [
      { input: 'Rear-end collision at low speed, no injuries, bumper damage only.', label: 'low' },
      { input: 'Burst pipe flooded the ground floor; family staying with relatives.', label: 'high' },
      { input: 'Windscreen cracked by a stone on the motorway.', label: 'low' },
      { input: 'Theft of a bicycle from a locked garage, receipt available.', label: 'medium' },
      { input: 'Kitchen fire, smoke damage to two rooms, no injuries.', label: 'high' },
      { input: 'Hail dented the car roof and bonnet.', label: 'medium' },
    ],
  },
  'Support reply drafting': {
    name: 'Inbound email intents, October',
    examples: [
      { input: 'When will my refund arrive? It has been ten days.', label: 'refund' },
      { input: 'I want to cancel my policy from next month.', label: 'cancellation' },
      { input: 'You charged me twice for the same premium.', label: 'billing' },
      { input: 'How do I get my money back for the cancelled trip?', label: 'refund' },
      { input: 'My direct debit amount changed without notice.', label: 'billing' },
    ],
  },
  'Code review assistant': {
    name: 'Reviewed pull requests, platform repos',
    examples: [
      { input: 'Adds retries with backoff around the payment client; tests included.', label: 'approve' },
      { input: 'Catches every exception and ignores it in the claims importer.', label: 'request_changes' },
      { input: 'Renames variables for clarity; no behaviour change.', label: 'approve' },
      { input: 'Logs the full customer record at info level.', label: 'request_changes' },
    ],
  },
};

export interface GatewayCast {
  admin: Actor;
  builder: Actor;
  risk: Actor;
  ownerOf: (useCaseId: string) => Actor;
}

/**
 * Puts the demo's live use cases on the gateway: a simulated model in the catalogue and a release per use case. A
 * production release passes its tier's gate first (regression set, red team, sign-offs) and only then is activated
 * and the use case promoted; then a key, and a few weeks' worth of calls made through the real gateway path, so
 * traffic, cost and adoption screens show figures the gateway itself recorded.
 */
export async function seedGateway(
  s: Services, evals: EvalServices, http: FastifyInstance, people: GatewayCast, useCases: Map<string, string>, promote: (useCaseId: string) => Promise<void>, callsPerUseCase = 24,
): Promise<void> {
  const signIn = await trustDemoIdentityProvider(s, http, people.admin);
  const endpoint = await s.catalogue.create(people.admin, {
    name: 'simulated-eu', provider: 'simulated', kind: 'chat', model: 'charter-simulated', modelVersion: '2026-11', region: 'eu-west',
    approvedTiers: ['critical', 'high', 'limited', 'minimal'], allowedDataClasses: { maxSensitivity: 'restricted', categories: ['personal', 'health', 'payment'] },
    pricePer1kInput: 0.15, pricePer1kOutput: 0.6, status: 'approved', simulated: { mode: 'safe', latencyMs: 0, errorRate: 0.02, accuracy: 0.9 },
  });
  for (const [title, plan] of Object.entries(TRAFFIC)) {
    const useCaseId = useCases.get(title);
    if (!useCaseId) continue;
    const release = await s.releases.create(people.builder, useCaseId, { name: 'v1: simulated model, default prompt', endpointId: endpoint.id, fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 10_000, retries: 1, allowedTools: [] } });
    if (plan.environment === 'production') {
      const set = REGRESSION_SETS[title];
      await passReleaseGate(evals, { builder: people.builder, owner: people.ownerOf(useCaseId), risk: people.risk }, useCaseId, release.id, set.name, set.examples);
    }
    await s.releases.activate(people.builder, release.id, plan.environment);
    if (plan.environment === 'production') await promote(useCaseId);
    const key = await s.keys.issue(people.builder, useCaseId, { environment: plan.environment, name: `${title} app`, expiresInDays: 90 });
    for (let i = 0; i < callsPerUseCase; i++) {
      const user = plan.users[i % plan.users.length];
      // Users with a role come through Northwind's identity provider: a verified end user with their role.
      const verified = user.role ? { 'x-charter-end-user-token': await signIn(user.id, user.role) } : {};
      await http.inject({
        method: 'POST', url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', 'x-charter-case-id': `case-${1000 + i}`, ...verified },
        payload: { model: endpoint.name, user: user.id, messages: [{ role: 'user', content: plan.prompts[i % plan.prompts.length] }] },
      });
    }
  }
}

/**
 * Northwind's identity provider, for the demo: an ES256 key whose public half the tenant's gateway settings trust
 * (set through the API, ledgered) and whose private half signs the end users' tokens during seeding, then is gone.
 */
async function trustDemoIdentityProvider(s: Services, http: FastifyInstance, admin: Actor): Promise<(userId: string, role: string) => Promise<string>> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = 'northwind-idp-demo';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const token = await s.auth.createToken(admin, { name: 'demo seed: gateway settings', expiresInDays: 1 });
  const res = await http.inject({
    method: 'PUT', url: '/api/v1/gateway/settings', headers: { authorization: `Bearer ${token.token}` },
    payload: { endUserJwks: { keys: [jwk] }, endUserIssuer: 'https://id.northwind.example', endUserAudience: 'charter' },
  });
  await s.auth.revokeToken(admin, token.id);
  if (res.statusCode !== 200) throw new Error(`demo gateway settings were refused: ${res.statusCode} ${res.body}`);
  return (userId, role) =>
    new SignJWT({ role }).setProtectedHeader({ alg: 'ES256', kid }).setSubject(userId).setIssuer('https://id.northwind.example').setAudience('charter').setIssuedAt().setExpirationTime('1h').sign(privateKey);
}
