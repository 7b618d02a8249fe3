import { z } from 'zod';
import { DataCategory, Sensitivity } from '../kernel/dataclasses.js';
import { TierSchema } from '../portfolio/schema.js';

export const PROVIDERS = ['openai', 'anthropic', 'simulated'] as const;
export const Provider = z.enum(PROVIDERS).describe('openai covers every OpenAI-compatible host (OpenAI, Azure OpenAI, vLLM, Ollama …); simulated is Charter’s built-in test model');
export const EndpointKind = z.enum(['chat', 'embeddings']);
export const EndpointStatus = z.enum(['approved', 'deprecated', 'blocked']);
export const ENVIRONMENTS = ['pilot', 'production'] as const;
export const Environment = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof Environment>;

/** Settings of the simulated provider; ignored by real ones. */
export const SimulatedOptions = z.strictObject({
  mode: z.enum(['safe', 'vulnerable']).default('safe'),
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  accuracy: z.number().min(0).max(1).default(0.9),
});

export const EndpointCreate = z.strictObject({
  name: z.string().trim().regex(/^[a-zA-Z0-9._:@/-]{2,80}$/, 'letters, digits and . _ : @ / - only').describe('the model id applications send, e.g. "gpt-4o-mini-eu"'),
  provider: Provider,
  kind: EndpointKind.default('chat'),
  baseUrl: z.url().optional().describe('upstream base URL, e.g. https://api.openai.com/v1'),
  model: z.string().trim().min(1).max(120).describe('the upstream model name'),
  modelVersion: z.string().trim().min(1).max(60).default('latest'),
  region: z.string().trim().min(2).max(40),
  approvedTiers: z.array(TierSchema.exclude(['prohibited'])).min(1),
  allowedDataClasses: z.strictObject({ maxSensitivity: Sensitivity, categories: z.array(DataCategory).default([]) }),
  pricePer1kInput: z.number().min(0).max(1000),
  pricePer1kOutput: z.number().min(0).max(1000),
  status: EndpointStatus.default('approved'),
  credential: z.string().min(1).max(4000).optional().describe('upstream API key; encrypted at rest, never returned'),
  simulated: SimulatedOptions.optional(),
});
export type EndpointCreate = z.infer<typeof EndpointCreate>;
export const EndpointUpdate = EndpointCreate.omit({ name: true, provider: true }).partial().strict();

export const Endpoint = z.object({
  id: z.string(), name: z.string(), provider: Provider, kind: EndpointKind, baseUrl: z.string().nullable(), model: z.string(), modelVersion: z.string(),
  region: z.string(), approvedTiers: z.array(TierSchema), allowedDataClasses: z.object({ maxSensitivity: Sensitivity, categories: z.array(DataCategory) }),
  pricePer1kInput: z.number(), pricePer1kOutput: z.number(), status: EndpointStatus, hasCredential: z.boolean(), credentialKeyId: z.string().nullable(),
  simulated: SimulatedOptions.nullable(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const PromptVersionCreate = z.strictObject({
  system: z.string().max(50_000).describe('the system prompt; {{variable}} placeholders are filled per request'),
  variables: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,40}$/)).max(50).default([]),
  changeNote: z.string().trim().min(3).max(1000),
});
export const PromptTemplateCreate = z.strictObject({
  name: z.string().trim().min(2).max(100),
  useCaseId: z.string().optional(),
  ownerId: z.string().optional(),
  firstVersion: PromptVersionCreate,
});
export const PromptVersion = z.object({
  id: z.string(), templateId: z.string(), version: z.number(), system: z.string(), variables: z.array(z.string()), changeNote: z.string(),
  contentHash: z.string(), createdBy: z.string(), createdAt: z.string(),
});
export type PromptVersion = z.infer<typeof PromptVersion>;
export const PromptTemplate = z.object({
  id: z.string(), name: z.string(), ownerId: z.string().nullable(), useCaseId: z.string().nullable(), createdAt: z.string(), versions: z.array(PromptVersion),
});

export const ReleaseParams = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).max(200_000).optional(),
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  retries: z.number().int().min(0).max(5).default(1),
  allowedTools: z.array(z.string().min(1).max(64)).max(128).default([]).describe('function names a request may offer the model; any other tool is refused'),
});
export type ReleaseParams = z.infer<typeof ReleaseParams>;

export const ReleaseCreate = z.strictObject({
  name: z.string().trim().min(1).max(80).describe('e.g. "v3: gpt-4o-mini, prompt v2"'),
  endpointId: z.string(),
  fallbackEndpointIds: z.array(z.string()).max(3).default([]),
  promptVersionId: z.string().nullable().default(null),
  params: ReleaseParams.default({ timeoutMs: 60_000, retries: 1, allowedTools: [] }),
});
export type ReleaseCreate = z.infer<typeof ReleaseCreate>;

export const Release = z.object({
  id: z.string(), useCaseId: z.string(), name: z.string(), endpointId: z.string(), fallbackEndpointIds: z.array(z.string()),
  promptVersionId: z.string().nullable(), params: ReleaseParams, createdBy: z.string(), createdAt: z.string(),
});
export type Release = z.infer<typeof Release>;

export const Slot = z.object({
  environment: Environment, activeReleaseId: z.string().nullable(), previousReleaseId: z.string().nullable(),
  canaryReleaseId: z.string().nullable(), canaryWeight: z.number(), updatedAt: z.string().nullable(), version: z.number(),
});
export type Slot = z.infer<typeof Slot>;

export const ActivateRequest = z.strictObject({ environment: Environment, reason: z.string().max(500).optional() });
export const CanaryRequest = z.strictObject({
  environment: Environment,
  releaseId: z.string().nullable().describe('the candidate; null ends the canary'),
  weight: z.number().int().min(0).max(100).describe('percent of traffic the candidate receives'),
});
export const RollbackRequest = z.strictObject({ environment: Environment, reason: z.string().trim().min(3).max(500) });
