import type { FastifyInstance } from 'fastify';
import type { Services } from '../app.js';
import type { Actor } from '../kernel/actor.js';

/** The live use cases of the demo and the questions their users ask; every answer comes from the simulated model. */
const TRAFFIC: Record<string, { environment: 'pilot' | 'production'; prompts: string[]; users: { id: string; role?: string }[] }> = {
  'Claims triage assistant': {
    environment: 'production',
    prompts: ['Classify this claim as low, medium or high severity: rear-end collision, no injuries, bumper damage.', 'Classify this claim as low, medium or high severity: kitchen fire, family displaced.', 'Summarise the first notice of loss for claim 88213 in two lines.'],
    users: [{ id: 'handler-014' }, { id: 'handler-027' }, { id: 'handler-031' }],
  },
  'Support reply drafting': {
    environment: 'production',
    prompts: ['Draft a reply to a customer asking when their refund arrives.', 'Draft a polite reply explaining our cancellation policy.', 'Draft a reply to a customer who was charged twice.'],
    users: [{ id: 'agent-101' }, { id: 'agent-144' }, { id: 'agent-210' }, { id: 'agent-233' }],
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

/**
 * Puts the demo's live use cases on the gateway: a simulated model in the catalogue, a release per environment,
 * a key, and a few weeks' worth of calls made through the real gateway path, so traffic, cost and adoption screens
 * show figures the gateway itself recorded.
 */
export async function seedGateway(s: Services, http: FastifyInstance, people: { admin: Actor; builder: Actor }, useCases: Map<string, string>, callsPerUseCase = 24): Promise<void> {
  const endpoint = await s.catalogue.create(people.admin, {
    name: 'simulated-eu', provider: 'simulated', kind: 'chat', model: 'charter-simulated', modelVersion: '2026-11', region: 'eu-west',
    approvedTiers: ['critical', 'high', 'limited', 'minimal'], allowedDataClasses: { maxSensitivity: 'restricted', categories: ['personal', 'health', 'payment'] },
    pricePer1kInput: 0.15, pricePer1kOutput: 0.6, status: 'approved', simulated: { mode: 'safe', latencyMs: 0, errorRate: 0.02, accuracy: 0.9 },
  });
  for (const [title, plan] of Object.entries(TRAFFIC)) {
    const useCaseId = useCases.get(title);
    if (!useCaseId) continue;
    const release = await s.releases.create(people.builder, useCaseId, { name: 'v1: simulated model, default prompt', endpointId: endpoint.id, fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 10_000, retries: 1, allowedTools: [] } });
    await s.releases.activate(people.builder, release.id, plan.environment);
    const key = await s.keys.issue(people.builder, useCaseId, { environment: plan.environment, name: `${title} app`, expiresInDays: 90 });
    for (let i = 0; i < callsPerUseCase; i++) {
      const user = plan.users[i % plan.users.length];
      await http.inject({
        method: 'POST', url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', 'x-charter-case-id': `case-${1000 + i}` },
        payload: { model: endpoint.name, user: user.id, messages: [{ role: 'user', content: plan.prompts[i % plan.prompts.length] }] },
      });
    }
  }
}
