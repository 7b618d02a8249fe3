import type { Clock } from '../../kernel/clock.js';
import type { UpstreamError } from './errors.js';
import type { SimulationSettingsInput } from './simulated/settings.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, EmbeddingsRequest, EmbeddingsResponse, Usage } from './wire.js';

export const PROVIDER_KINDS = ['openai', 'anthropic', 'simulated'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Where and how to reach one model endpoint of the catalogue. */
export interface UpstreamEndpoint {
  kind: ProviderKind;
  /** The upstream model id (for Azure OpenAI, the deployment name). */
  model: string;
  /** `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama), `https://api.anthropic.com`, an Azure resource URL. */
  baseUrl?: string;
  apiKey?: string;
  /** Set for Azure OpenAI: deployment-style paths, `api-version` and the `api-key` header. */
  azureApiVersion?: string;
  /** Anthropic requires max_tokens; used when the request names none. */
  defaultMaxTokens?: number;
  headers?: Record<string, string>;
  /** The simulated provider's behaviour (kind `simulated` only). */
  simulation?: SimulationSettingsInput;
}

/** Limits on one call; any of them failing gives an `UpstreamError` of failure `timeout`. */
export interface CallTimeouts {
  /** Until the response headers arrive. */
  firstByteMs?: number;
  /** Longest silence between two pieces of the body (a stalled stream). */
  idleMs?: number;
  /** The whole call, stream included. */
  totalMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<CallTimeouts> = { firstByteMs: 30_000, idleMs: 30_000, totalMs: 600_000 };

export interface CallOptions {
  /** Aborted when the client disconnects: the upstream call is aborted with it. */
  signal?: AbortSignal;
  timeouts?: CallTimeouts;
}

/** Milliseconds from the start of the call (performance.now() based, so immune to wall-clock steps). */
export interface CallTiming {
  headersMs?: number;
  firstByteMs?: number;
  /** The first chunk carrying content or a tool call (streams only). */
  firstTokenMs?: number;
  totalMs?: number;
}

export interface ChatResult {
  completion: ChatCompletion;
  usage?: Usage;
  timing: CallTiming;
}

/**
 * A streaming answer in OpenAI chunks. Iterate it once; `usage` and `timing` fill in as it goes. Stopping early
 * (`break`, or the call's signal) releases the upstream connection. Errors mid-stream are `UpstreamError`s.
 */
export interface ChatStream extends AsyncIterable<ChatCompletionChunk> {
  readonly usage: Usage | undefined;
  readonly timing: CallTiming;
}

export interface EmbeddingsResult {
  embeddings: EmbeddingsResponse;
  timing: CallTiming;
}

/**
 * What the gateway calls, whatever the upstream. `chatStream` resolves once the upstream has accepted the request
 * (so a refusal can still fall back before anything reached the client) and rejects with `UpstreamError` otherwise.
 */
export interface Provider {
  readonly kind: ProviderKind;
  chat(request: ChatCompletionRequest, call?: CallOptions): Promise<ChatResult>;
  chatStream(request: ChatCompletionRequest, call?: CallOptions): Promise<ChatStream>;
  embeddings(request: EmbeddingsRequest, call?: CallOptions): Promise<EmbeddingsResult>;
}

/** An HTTP request to an upstream, relative to its origin. */
export interface UpstreamRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Per-call facts the response transforms need. */
export interface AnswerContext {
  /** Whether the client asked for the usage chunk (stream_options.include_usage); usage is recorded either way. */
  includeUsage: boolean;
  clock: Clock;
}

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Turns upstream stream events into OpenAI chunks; one per call, it keeps the stream's state. */
export interface ChunkTranslator {
  /** The chunks an event becomes, or `'done'` when the upstream says the answer is complete. Throws UpstreamError. */
  translate(event: SseEvent): ChatCompletionChunk[] | 'done';
  readonly usage: Usage | undefined;
  /** A finish reason has been seen, so an end of stream without the terminal event is still a whole answer. */
  readonly finished: boolean;
}

/**
 * The uniform shape of an HTTP provider (after Portkey's per-provider folders): request mapping, response transform,
 * stream transform and error mapping. No I/O happens here; `HttpProvider` runs a spec over undici.
 */
export interface ProviderSpec {
  chatRequest(endpoint: UpstreamEndpoint, basePath: string, request: ChatCompletionRequest): UpstreamRequest;
  chatResponse(body: unknown, context: AnswerContext): ChatCompletion;
  chatStream(context: AnswerContext): ChunkTranslator;
  /** Absent when the provider offers no embeddings. */
  embeddingsRequest?(endpoint: UpstreamEndpoint, basePath: string, request: EmbeddingsRequest): UpstreamRequest;
  embeddingsResponse?(body: unknown): EmbeddingsResponse;
  /** Maps an error answer (parsed JSON, or the raw text when it was not JSON) to an UpstreamError. */
  error(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): UpstreamError;
}
