/** Provider adapters: what the gateway calls to reach a model endpoint, whatever its kind. */
import { type Clock, systemClock } from '../../kernel/clock.js';
import { anthropicSpec } from './anthropic/index.js';
import { HttpProvider } from './http-provider.js';
import type { Provider, UpstreamEndpoint } from './model.js';
import { openaiSpec } from './openai/index.js';
import { SimulatedProvider } from './simulated/provider.js';
import type { UpstreamPools } from './transport.js';

export { UPSTREAM_FAILURES, type UpstreamFailure, UpstreamError } from './errors.js';
export * from './model.js';
export { parseSse } from './sse.js';
export { FAULT_KINDS, type FaultKind, SimulatedProvider, SimulationSettings, type SimulationSettingsInput, startSimulatedUpstream } from './simulated/index.js';
export { countPromptTokens, countTextTokens } from './tokens.js';
export { type PoolOptions, UpstreamPools } from './transport.js';
export type * from './wire.js';

export interface ProviderDeps {
  pools: UpstreamPools;
  clock?: Clock;
}

/** The adapter for one endpoint. Build it once per endpoint (it parses the base URL) and reuse it for every call. */
export function createProvider(endpoint: UpstreamEndpoint, deps: ProviderDeps): Provider {
  const clock = deps.clock ?? systemClock;
  switch (endpoint.kind) {
    case 'openai':
      return new HttpProvider('openai', openaiSpec, { ...endpoint, baseUrl: endpoint.baseUrl ?? 'https://api.openai.com/v1' }, deps.pools, clock);
    case 'anthropic':
      return new HttpProvider('anthropic', anthropicSpec, { ...endpoint, baseUrl: endpoint.baseUrl ?? 'https://api.anthropic.com' }, deps.pools, clock);
    case 'simulated':
      return new SimulatedProvider(endpoint.model, endpoint.simulation, clock);
  }
}
