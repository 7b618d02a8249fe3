import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { type Tier, UseCaseCreate } from '../../src/portfolio/schema.js';
import type { Harness } from './harness.js';
import { useCaseBody } from './harness.js';
import { passReleaseGate } from '../../src/seed/gates.js';
import { ANSWERS_FOR, walkGoverned } from './governance.js';

const REGRESSION_EXAMPLES = [{ input: 'I was charged twice', label: 'billing' }, { input: 'The site is down', label: 'outage' }, { input: 'Where is my parcel?', label: 'other' }];
let gated = 0;

/** Takes a release of an acme use case through its tier's gate, as src/seed/gates.ts does for the demo. */
export async function gateRelease(h: Harness, useCaseId: string, releaseId: string): Promise<void> {
  const a = h.acme.actors;
  await passReleaseGate(h.charter.evals.services, { builder: a.builder, owner: a.business_owner, risk: a.risk_reviewer }, useCaseId, releaseId, `fixture regression set ${++gated}`, REGRESSION_EXAMPLES);
}

export interface LiveUseCase {
  useCaseId: string;
  key: string;
  endpointName: string;
  releaseId: string;
  client: OpenAI;
}

/** Starts listening (once) and returns the base URL of the gateway. */
export async function listen(h: Harness): Promise<string> {
  if (!h.charter.http.server.listening) await h.charter.http.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(h.charter.http.server.address() as AddressInfo).port}/v1`;
}

/**
 * A use case of the given tier, moved to the stage, with a simulated endpoint, an active release for the key's
 * environment and a gateway key; returns an unchanged OpenAI client pointed at Charter.
 */
export async function liveUseCase(h: Harness, opts: { tier: Tier; stage?: 'pilot' | 'production'; title?: string; simulated?: Record<string, unknown>; allowedTools?: string[]; dataClasses?: object; categories?: string[] }): Promise<LiveUseCase> {
  const a = h.acme;
  const s = h.charter.services;
  const stage = opts.stage ?? 'pilot';
  const uc = await s.portfolio.create(a.actors.business_owner, UseCaseCreate.parse(useCaseBody(a.valueStreamId, { title: opts.title ?? `Live ${Math.random().toString(36).slice(2, 7)}`, dataClasses: opts.dataClasses ?? { sensitivity: 'confidential', categories: opts.categories ?? ['personal'] } })));
  await s.risk.screen(a.actors.risk_reviewer, uc.id, ANSWERS_FOR[opts.tier]);
  // Production needs a release that passed its gate, so the use case waits in pilot until its release has one.
  await walkGoverned(h, a, uc.id, 'pilot');
  const endpointName = `sim-${uc.id.slice(-6)}`;
  const ep = await s.catalogue.create(a.actors.platform_admin, {
    name: endpointName, provider: 'simulated', kind: 'chat', model: 'charter-sim', modelVersion: '1', region: 'eu-west', approvedTiers: ['critical', 'high', 'limited', 'minimal'],
    allowedDataClasses: { maxSensitivity: 'restricted', categories: ['personal', 'health', 'payment'] }, pricePer1kInput: 0.5, pricePer1kOutput: 1.5, status: 'approved',
    simulated: { mode: 'safe', latencyMs: 0, errorRate: 0, accuracy: 0.9, ...opts.simulated } as never,
  });
  const release = await s.releases.create(a.actors.builder, uc.id, { name: 'r1', endpointId: ep.id, fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 10_000, retries: 1, allowedTools: opts.allowedTools ?? [] } });
  if (stage === 'production') {
    await gateRelease(h, uc.id, release.id);
    await s.releases.activate(a.actors.builder, release.id, stage);
    await walkGoverned(h, a, uc.id, 'production');
  } else await s.releases.activate(a.actors.builder, release.id, stage);
  const key = await s.keys.issue(a.actors.builder, uc.id, { environment: stage, name: 'test app', expiresInDays: 30 });
  const baseURL = await listen(h);
  return { useCaseId: uc.id, key: key.key, endpointName, releaseId: release.id, client: new OpenAI({ apiKey: key.key, baseURL, maxRetries: 0 }) };
}
