import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, systemClock } from '../../../kernel/clock.js';
import { UpstreamError } from '../errors.js';
import { type CallOptions, type CallTiming, type ChatResult, type ChatStream, DEFAULT_TIMEOUTS, type EmbeddingsResult, type Provider } from '../model.js';
import { countTextTokens } from '../tokens.js';
import type { ChatCompletionChunk, ChatCompletionRequest, EmbeddingsRequest, Usage } from '../wire.js';
import { chunksOf, completionOf, frameOf } from './answer.js';
import { decideReply } from './behaviour.js';
import { FaultPlan } from './faults.js';
import { seededRandom } from './random.js';
import { type FaultKind, SimulationSettings, type SimulationSettingsInput } from './settings.js';

/** Waits, unless the call is aborted first (the client went away). */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new UpstreamError('aborted', 'the client went away; the simulated call was aborted');
  }
}

/** The failure each fault stands for, shaped as the HTTP adapters would report it from a real upstream. */
async function fail(fault: FaultKind, call: CallOptions): Promise<never> {
  if (fault === 'http_429') throw new UpstreamError('rate_limited', 'the simulated upstream is rate limiting', { upstreamStatus: 429, retryAfterSeconds: 1 });
  if (fault === 'reset') throw new UpstreamError('connection', 'the simulated upstream reset the connection');
  if (fault === 'malformed_sse') throw new UpstreamError('malformed', 'the simulated upstream sent a malformed answer');
  if (fault === 'timeout') {
    await pause(call.timeouts?.firstByteMs ?? DEFAULT_TIMEOUTS.firstByteMs, call.signal);
    throw new UpstreamError('timeout', 'the simulated upstream sent no response headers in time');
  }
  const status = fault === 'http_503' ? 503 : 500;
  throw new UpstreamError('server', `the simulated upstream failed with ${status}`, { upstreamStatus: status });
}

/** Unit-length vectors drawn from a seeded generator keyed by the input, so equal inputs embed equally. */
function embed(input: string, dimensions: number, seed: number): number[] {
  const random = seededRandom(seed, 'embedding', input);
  const vector = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...vector);
  return vector.map((x) => x / norm);
}

/**
 * SIMULATED provider, in process: no network, deterministic answers (see `decideReply`), optional latency, token
 * counts from gpt-tokenizer, and seeded faults. For demos, tests and red-team targets; never a real model.
 */
export class SimulatedProvider implements Provider {
  readonly kind = 'simulated' as const;
  readonly settings: SimulationSettings;
  private readonly faults: FaultPlan;

  constructor(
    private readonly model: string,
    settings: SimulationSettingsInput = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.settings = SimulationSettings.parse(settings);
    this.faults = new FaultPlan(this.settings);
  }

  async chat(request: ChatCompletionRequest, call: CallOptions = {}): Promise<ChatResult> {
    const started = performance.now();
    const fault = this.faults.next();
    if (fault) await fail(fault, call);
    await pause(this.settings.latencyMs, call.signal);
    const reply = decideReply(request, this.settings);
    const completion = completionOf(reply, frameOf(request, reply, this.model, this.clock.now()));
    const elapsed = performance.now() - started;
    return { completion, usage: completion.usage, timing: { headersMs: elapsed, firstByteMs: elapsed, totalMs: elapsed } };
  }

  async chatStream(request: ChatCompletionRequest, call: CallOptions = {}): Promise<ChatStream> {
    const started = performance.now();
    const fault = this.faults.next();
    if (fault && fault !== 'malformed_sse') await fail(fault, call);
    const reply = decideReply(request, this.settings);
    const frame = frameOf(request, reply, this.model, this.clock.now());
    const chunks = chunksOf(reply, frame, this.settings.tokensPerChunk, request.stream_options?.include_usage === true);
    const timing: CallTiming = { headersMs: performance.now() - started };
    const { latencyMs, chunkIntervalMs } = this.settings;
    let usage: Usage | undefined;
    return {
      get usage() {
        return usage;
      },
      timing,
      async *[Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
        await pause(latencyMs, call.signal);
        for (const [i, chunk] of chunks.entries()) {
          if (i > 0) await pause(chunkIntervalMs, call.signal);
          if (fault === 'malformed_sse' && i === 2) throw new UpstreamError('malformed', 'the simulated upstream sent a stream event that is not JSON');
          timing.firstByteMs ??= performance.now() - started;
          if (timing.firstTokenMs === undefined && (chunk.choices[0]?.delta.content || chunk.choices[0]?.delta.tool_calls)) {
            timing.firstTokenMs = performance.now() - started;
          }
          yield chunk;
        }
        usage = frame.usage;
        timing.totalMs = performance.now() - started;
      },
    };
  }

  async embeddings(request: EmbeddingsRequest, call: CallOptions = {}): Promise<EmbeddingsResult> {
    const started = performance.now();
    const fault = this.faults.next();
    if (fault) await fail(fault, call);
    await pause(this.settings.latencyMs, call.signal);
    const inputs = (Array.isArray(request.input) ? request.input : [request.input]).map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));
    const dimensions = request.dimensions ?? this.settings.embeddingDimensions;
    const tokens = inputs.reduce((sum, i) => sum + countTextTokens(i), 0);
    const data = inputs.map((input, index) => {
      const vector = embed(input, dimensions, this.settings.seed);
      const embedding = request.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding' as const, index, embedding };
    });
    const elapsed = performance.now() - started;
    return {
      embeddings: { object: 'list', data, model: this.model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
      timing: { headersMs: elapsed, firstByteMs: elapsed, totalMs: elapsed },
    };
  }
}
