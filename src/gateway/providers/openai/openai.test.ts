import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../kernel/clock.js';
import { UpstreamError } from '../errors.js';
import { bytePieces, type FixtureReply, type FixtureServer, readFixture, startFixtureServer } from '../fixtures/fixture-server.js';
import { createProvider } from '../index.js';
import type { ChatStream, Provider, UpstreamEndpoint } from '../model.js';
import { UpstreamPools } from '../transport.js';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../wire.js';

let reply: (path: string) => FixtureReply = () => ({ status: 500 });
let server: FixtureServer;
const pools = new UpstreamPools();

beforeAll(async () => {
  server = await startFixtureServer((req) => reply(req.path));
});
afterEach(() => server.requests.splice(0));
afterAll(async () => {
  await pools.close();
  await server.close();
});

const provider = (extra: Partial<UpstreamEndpoint> = {}): Provider =>
  createProvider({ kind: 'openai', model: 'gpt-4o-mini', baseUrl: `${server.origin}/v1`, apiKey: 'sk-upstream', ...extra }, { pools, clock: new ManualClock() });
const request = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: 'support-bot', messages: [{ role: 'user', content: 'Weather in Boston?' }], ...extra });
const sse = (name: string, pieceBytes = 37): FixtureReply => ({ headers: { 'content-type': 'text/event-stream' }, pieces: bytePieces(readFixture(name), pieceBytes) });
const json = (name: string, status = 200, headers: Record<string, string> = {}): FixtureReply => ({ status, headers, body: readFixture(name) });

async function drain(stream: ChatStream): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe('OpenAI-compatible adapter', () => {
  it('sends the endpoint model with a bearer key and passes a tool-call completion through', async () => {
    reply = () => json('openai/chat-tool-call.json');
    const result = await provider().chat(request({ tools: [{ type: 'function', function: { name: 'get_current_weather' } }] }));
    const sent = server.requests[0];
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-upstream' } });
    expect(sent.body).toMatchObject({ model: 'gpt-4o-mini', stream: false });
    expect(result.completion.choices[0].message.tool_calls?.[0].function).toEqual({ name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' });
    expect(result.usage).toMatchObject({ prompt_tokens: 82, completion_tokens: 17, total_tokens: 99 });
    expect(result.timing.totalMs).toBeGreaterThan(0);
  });

  it('always asks a stream for usage, records it, and keeps the usage chunk from a client that did not ask', async () => {
    reply = () => sse('openai/chat-stream-usage.sse', 7);
    const stream = await provider().chatStream(request({ stream: true }));
    const chunks = await drain(stream);
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello – héllo 😀!');
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    expect(stream.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 });
    expect(stream.timing.firstTokenMs).toBeGreaterThanOrEqual(stream.timing.firstByteMs ?? 0);
  });

  it('passes the usage chunk on to a client that asked for it', async () => {
    reply = () => sse('openai/chat-stream-usage.sse');
    const chunks = await drain(await provider().chatStream(request({ stream: true, stream_options: { include_usage: true } })));
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 21 } });
  });

  it('streams tool-call deltas that reassemble into each call', async () => {
    reply = () => sse('openai/chat-stream-tool-calls.sse', 11);
    const chunks = await drain(await provider().chatStream(request({ stream: true })));
    const calls: { id?: string; name?: string; arguments: string }[] = [];
    for (const delta of chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])) {
      calls[delta.index] ??= { arguments: '' };
      calls[delta.index].id ??= delta.id;
      calls[delta.index].name ??= delta.function?.name;
      calls[delta.index].arguments += delta.function?.arguments ?? '';
    }
    expect(calls).toEqual([
      { id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', name: 'get_weather', arguments: '{"location":"Paris"}' },
      { id: 'call_Xy1', name: 'get_time', arguments: '{"tz":"CET"}' },
    ]);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('calls embeddings with the endpoint model', async () => {
    reply = () => json('openai/embeddings.json');
    const { embeddings } = await provider({ model: 'text-embedding-3-small' }).embeddings({ model: 'search', input: ['a', 'b'] });
    expect(server.requests[0]).toMatchObject({ path: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: ['a', 'b'] } });
    expect(embeddings.data).toHaveLength(2);
  });

  it('uses Azure deployment paths, api-version and the api-key header', async () => {
    reply = () => json('openai/chat-tool-call.json');
    await provider({ baseUrl: server.origin, model: 'gpt4o-prod', azureApiVersion: '2024-10-21' }).chat(request());
    expect(server.requests[0].path).toBe('/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21');
    expect(server.requests[0].headers).toMatchObject({ 'api-key': 'sk-upstream' });
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  describe('maps upstream errors to the OpenAI error shape', () => {
    it('keeps a rejected request’s status, message, param and code', async () => {
      reply = () => json('openai/error-400-context-length.json', 400);
      const err = await failure(provider().chat(request()));
      expect(err).toMatchObject({ failure: 'rejected', status: 400, retryable: false });
      expect(err.toOpenAI()).toEqual({ error: { message: expect.stringContaining('maximum context length'), type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } });
    });

    it('hides the upstream’s credential trouble behind a 502 that quotes no key', async () => {
      reply = () => json('openai/error-401-invalid-key.json', 401);
      const err = await failure(provider().chat(request()));
      expect(err).toMatchObject({ failure: 'auth', status: 502, upstreamStatus: 401 });
      expect(err.message).not.toContain('sk-');
    });

    it('passes a rate limit on with its Retry-After', async () => {
      reply = () => json('openai/error-429-rate-limit.json', 429, { 'retry-after': '2' });
      const err = await failure(provider().chatStream(request({ stream: true })));
      expect(err).toMatchObject({ failure: 'rate_limited', status: 429, retryAfterSeconds: 2, code: 'rate_limit_exceeded', retryable: true });
    });

    it('reads Ollama’s string errors and a proxy’s HTML page', async () => {
      reply = () => json('openai/error-404-ollama.json', 404);
      expect((await failure(provider().chat(request()))).toOpenAI().error.message).toBe('model "llama3.2" not found, try pulling it first');
      reply = () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' });
      expect(await failure(provider().chat(request()))).toMatchObject({ failure: 'server', status: 502, retryable: true });
      reply = () => json('openai/error-500.json', 500);
      expect((await failure(provider().chat(request()))).message).toContain('The server had an error');
    });
  });

  describe('fails fast and clearly on a broken upstream', () => {
    it('reports a stream cut off mid-JSON as malformed', async () => {
      const cut = readFixture('openai/chat-stream-usage.sse').slice(0, 500);
      reply = () => ({ headers: { 'content-type': 'text/event-stream' }, pieces: [Buffer.from(cut)] });
      const err = await failure(provider().chatStream(request({ stream: true })).then(drain));
      expect(err).toMatchObject({ failure: 'malformed', status: 502 });
      expect(err.message).toMatch(/not JSON/);
    });

    it('reports a stream that ends without finishing, and JSON where a stream was due', async () => {
      const first = readFixture('openai/chat-stream-usage.sse').split('\n\n')[0];
      reply = () => ({ headers: { 'content-type': 'text/event-stream' }, pieces: [Buffer.from(`${first}\n\n`)] });
      expect((await failure(provider().chatStream(request({ stream: true })).then(drain))).message).toMatch(/ended before the answer was complete/);
      reply = () => json('openai/chat-tool-call.json');
      expect(await failure(provider().chatStream(request({ stream: true })))).toMatchObject({ failure: 'malformed' });
    });

    it('times out an upstream that sends no headers, and one that stalls mid-stream', async () => {
      reply = () => ({ stall: 'before-headers' });
      expect(await failure(provider().chat(request(), { timeouts: { firstByteMs: 100 } }))).toMatchObject({ failure: 'timeout', status: 504 });
      reply = () => ({ ...sse('openai/chat-stream-usage.sse'), pieces: [Buffer.from(readFixture('openai/chat-stream-usage.sse').split('\n\n')[0] + '\n\n')], stall: 'after-body' });
      const stream = await provider().chatStream(request({ stream: true }), { timeouts: { idleMs: 150 } });
      expect((await failure(drain(stream))).message).toMatch(/stalled/);
    });

    it('reports a reset connection', async () => {
      reply = () => ({ reset: true });
      expect(await failure(provider().chat(request()))).toMatchObject({ failure: 'connection', retryable: true });
    });

    it('aborts the upstream call when the client goes away mid-stream', async () => {
      reply = () => ({ ...sse('openai/chat-stream-usage.sse'), pieces: [Buffer.from(readFixture('openai/chat-stream-usage.sse').split('\n\n')[0] + '\n\n')], stall: 'after-body' });
      const client = new AbortController();
      const stream = await provider().chatStream(request({ stream: true }), { signal: client.signal });
      const reading = failure(drain(stream));
      client.abort();
      expect(await reading).toMatchObject({ failure: 'aborted', status: 499 });
      expect(await server.requests[0].closedEarly).toBe(true);
    });
  });
});
