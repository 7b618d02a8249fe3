import type { Tier } from '../portfolio/vocabulary';

export const PROVIDERS = ['openai', 'anthropic', 'simulated'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const ENDPOINT_STATUSES = ['approved', 'deprecated', 'blocked'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];
/** The tiers an endpoint may be approved for: a prohibited use case gets no model. */
export const APPROVABLE_TIERS = ['critical', 'high', 'limited', 'minimal'] as const;

export interface SimulatedOptions {
  mode: 'safe' | 'vulnerable';
  latencyMs: number;
  errorRate: number;
  accuracy: number;
}

/** One entry of the model catalogue, as GET /api/v1/model-endpoints answers (never its credential). */
export interface ModelEndpoint {
  id: string;
  name: string;
  provider: Provider;
  kind: 'chat' | 'embeddings';
  baseUrl: string | null;
  model: string;
  modelVersion: string;
  region: string;
  approvedTiers: Tier[];
  allowedDataClasses: { maxSensitivity: string; categories: string[] };
  pricePer1kInput: number;
  pricePer1kOutput: number;
  status: EndpointStatus;
  hasCredential: boolean;
  credentialKeyId: string | null;
  simulated: SimulatedOptions | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One public key of a JWKS, as the API keeps it. */
export interface Jwk {
  kty: string;
  kid?: string;
  [member: string]: unknown;
}

export interface GatewaySettings {
  endUserJwks: { keys: Jwk[] } | null;
  endUserIssuer: string | null;
  endUserAudience: string | null;
  updatedAt: string | null;
  webhookSigningSecret: string;
}
