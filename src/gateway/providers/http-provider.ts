import { type Clock, systemClock } from '../../kernel/clock.js';
import { UpstreamError } from './errors.js';
import type {
  AnswerContext, CallOptions, ChatResult, ChatStream, ChunkTranslator, EmbeddingsResult, Provider, ProviderKind,
  ProviderSpec, UpstreamEndpoint,
} from './model.js';
import { parseSse } from './sse.js';
import { CallScope, readText, send, type UpstreamPools, type UpstreamResponse } from './transport.js';
import type { ChatCompletionChunk, ChatCompletionRequest, EmbeddingsRequest, Usage } from './wire.js';

/** Runs a provider spec over undici: the same call, timing, abort and error handling for every HTTP provider. */
export class HttpProvider implements Provider {
  private readonly origin: string;
  private readonly basePath: string;

  constructor(
    readonly kind: ProviderKind,
    private readonly spec: ProviderSpec,
    private readonly endpoint: UpstreamEndpoint,
    private readonly pools: UpstreamPools,
    private readonly clock: Clock = systemClock,
  ) {
    const url = new URL(endpoint.baseUrl ?? '');
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  async chat(request: ChatCompletionRequest, call: CallOptions = {}): Promise<ChatResult> {
    const scope = this.scope(call);
    try {
      const upstream = this.spec.chatRequest(this.endpoint, this.basePath, { ...request, stream: false });
      const response = await send(this.pools, this.origin, upstream, scope);
      const body = await this.json(response, scope);
      const completion = this.spec.chatResponse(body, this.context(request));
      return { completion, usage: completion.usage, timing: scope.timing };
    } finally {
      scope.end();
    }
  }

  async chatStream(request: ChatCompletionRequest, call: CallOptions = {}): Promise<ChatStream> {
    const scope = this.scope(call);
    try {
      const upstream = this.spec.chatRequest(this.endpoint, this.basePath, { ...request, stream: true });
      const response = await send(this.pools, this.origin, upstream, scope);
      if (response.status >= 400) throw await this.failure(response, scope);
      if (String(response.headers['content-type'] ?? '').includes('application/json')) {
        await response.body.dump().catch(() => undefined);
        throw new UpstreamError('malformed', 'the upstream answered a streaming request with JSON, not an event stream');
      }
      return new UpstreamChatStream(response, this.spec.chatStream(this.context(request)), scope);
    } catch (err) {
      scope.end();
      throw err;
    }
  }

  async embeddings(request: EmbeddingsRequest, call: CallOptions = {}): Promise<EmbeddingsResult> {
    const { embeddingsRequest, embeddingsResponse } = this.spec;
    if (!embeddingsRequest || !embeddingsResponse) {
      throw new UpstreamError('unsupported', `${this.kind} endpoints do not offer embeddings`, { code: 'embeddings_unsupported' });
    }
    const scope = this.scope(call);
    try {
      const response = await send(this.pools, this.origin, embeddingsRequest(this.endpoint, this.basePath, request), scope);
      return { embeddings: embeddingsResponse(await this.json(response, scope)), timing: scope.timing };
    } finally {
      scope.end();
    }
  }

  private scope(call: CallOptions): CallScope {
    return new CallScope(call.signal, call.timeouts);
  }

  private context(request: ChatCompletionRequest): AnswerContext {
    return { includeUsage: request.stream_options?.include_usage === true, clock: this.clock };
  }

  private async json(response: UpstreamResponse, scope: CallScope): Promise<unknown> {
    if (response.status >= 400) throw await this.failure(response, scope);
    const text = await readText(response.body, scope);
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError('malformed', `the upstream answered ${response.status} with a body that is not JSON`);
    }
  }

  private async failure(response: UpstreamResponse, scope: CallScope): Promise<UpstreamError> {
    const text = await readText(response.body, scope, 65_536).catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (an HTML error page from a proxy, say): the spec maps the raw text
    }
    return this.spec.error(response.status, body, response.headers);
  }
}

const hasToken = (chunk: ChatCompletionChunk): boolean =>
  chunk.choices.some((c) => Boolean(c.delta.content) || Boolean(c.delta.tool_calls?.length) || Boolean(c.delta.refusal));

/** The upstream SSE body, parsed and translated chunk by chunk as the caller pulls; nothing is buffered ahead. */
class UpstreamChatStream implements ChatStream {
  private consumed = false;

  constructor(
    private readonly response: UpstreamResponse,
    private readonly translator: ChunkTranslator,
    private readonly scope: CallScope,
  ) {}

  get usage(): Usage | undefined {
    return this.translator.usage;
  }

  get timing() {
    return this.scope.timing;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    if (this.consumed) throw new Error('a chat stream can be iterated only once');
    this.consumed = true;
    const { body } = this.response;
    const scope = this.scope;
    let complete = false;
    try {
      const bytes = (async function* () {
        for await (const piece of body as AsyncIterable<Buffer>) {
          scope.bodyProgress();
          yield piece;
        }
      })();
      for await (const event of parseSse(bytes)) {
        const chunks = this.translator.translate(event);
        if (chunks === 'done') {
          complete = true;
          break;
        }
        for (const chunk of chunks) {
          if (scope.timing.firstTokenMs === undefined && hasToken(chunk)) scope.timing.firstTokenMs = scope.elapsed();
          yield chunk;
        }
      }
      if (!complete && !this.translator.finished) {
        throw new UpstreamError('malformed', 'the upstream stream ended before the answer was complete');
      }
      complete = true;
    } catch (err) {
      throw scope.failure(err);
    } finally {
      // A whole answer leaves the connection reusable (dump reads what little is left); anything else closes it.
      if (complete) await body.dump().catch(() => undefined);
      else body.destroy();
      scope.end();
    }
  }
}
