import type { DataClasses } from '../kernel/dataclasses.js';
import type { Tier, Stage } from '../portfolio/schema.js';
import type { ReleaseParams } from '../releases/schema.js';
import type { Scanner } from './detectors/scanner.js';
import type { Provider } from './providers/index.js';
import type { RuntimePolicy } from './runtime.js';

/** An upstream as the hot path needs it, credential already opened. */
export interface EndpointRuntime {
  id: string;
  name: string;
  provider: 'openai' | 'anthropic' | 'simulated';
  kind: 'chat' | 'embeddings';
  baseUrl: string | null;
  model: string;
  region: string;
  status: 'approved' | 'deprecated' | 'blocked';
  approvedTiers: Tier[];
  allowed: DataClasses;
  priceIn: number;
  priceOut: number;
  /** The adapter that speaks this endpoint's wire format (credential inside, never logged). */
  adapter: Provider;
}

export interface ReleaseTarget {
  releaseId: string;
  name: string;
  endpoint: EndpointRuntime;
  fallbacks: EndpointRuntime[];
  /** The prompt template's system text, when the release has one. */
  system: string | null;
  promptVersionId: string | null;
  variables: string[];
  params: ReleaseParams;
}

/** Everything a request with one key needs, loaded once and cached until the change feed says otherwise. */
export interface KeyContext {
  keyId: string;
  keyName: string;
  tenantId: string;
  environment: 'pilot' | 'production';
  expiresAt: number | null;
  revoked: boolean;
  useCase: { id: string; title: string; tier: Tier | null; stage: Stage; dataClasses: DataClasses; valueStream: string; teamId: string | null };
  /** Undefined when the use case has no tier yet: every call is then refused (fail closed). */
  policy?: RuntimePolicy;
  policyProblem?: string;
  active?: ReleaseTarget;
  canary?: { target: ReleaseTarget; weight: number };
  endpoints: ReadonlyMap<string, EndpointRuntime>;
  scanner: Scanner;
  loadedAt: number;
  /** A lower request rate imposed by an open incident's containment, on top of the pack's budget. */
  throttle?: { requestsPerMinute: number };
}
