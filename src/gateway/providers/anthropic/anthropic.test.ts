import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../kernel/clock.js';
import { UpstreamError } from '../errors.js';
import { bytePieces, type FixtureReply, type FixtureServer, readFixture, startFixtureServer } from '../fixtures/fixture-server.js';
import { createProvider } from '../index.js';
import type { ChatStream, Provider } from '../model.js';
import { UpstreamPools } from '../transport.js';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../wire.js';
import { chatRequest } from './request.js';

let reply: () => FixtureReply = () => ({ status: 500 });
let server: FixtureServer;
const pools = new UpstreamPools();
const clock = new ManualClock('2026-01-05T09:00:00Z');

beforeAll(async () => {
  server = await startFixtureServer(() => reply());
});
afterAll(async () => {
  await pools.close();
  await server.close();
});

const provider = (): Provider => createProvider({ kind: 'anthropic', model: 'claude-sonnet-4-20250514', baseUrl: server.origin, apiKey: 'sk-ant-upstream' }, { pools, clock });
const weatherTool = { type: 'function' as const, function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } };
const request = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'assistant',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
    { role: 'user', content: 'Weather in SF?' },
  ],
  ...extra,
});
const sse = (name: string): FixtureReply => ({ headers: { 'content-type': 'text/event-stream' }, pieces: bytePieces(readFixture(name), 29) });

async function drain(stream: ChatStream): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('Anthropic Messages adapter: request translation', () => {
  const endpoint = { kind: 'anthropic' as const, model: 'claude-sonnet-4-20250514', apiKey: 'k' };
  const body = (r: ChatCompletionRequest) => JSON.parse(chatRequest(endpoint, '', r).body);

  it('moves system and developer messages to system and defaults max_tokens', () => {
    expect(body(request())).toEqual({
      model: 'claude-sonnet-4-20250514',
      system: 'You are terse.\n\nAnswer in English.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in SF?' }] }],
      max_tokens: 4096,
    });
    expect(chatRequest(endpoint, '', request()).headers).toMatchObject({ 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
  });

  it('maps tools, tool_choice, parallel_tool_calls, stop, temperature, user and max_completion_tokens', () => {
    const mapped = body(request({ tools: [weatherTool], tool_choice: 'required', parallel_tool_calls: false, stop: 'END', temperature: 1.6, user: 'u-42', max_completion_tokens: 300 }));
    expect(mapped).toMatchObject({
      tools: [{ name: 'get_weather', description: 'Current weather', input_schema: weatherTool.function.parameters }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 1,
      metadata: { user_id: 'u-42' },
      max_tokens: 300,
    });
    expect(body(request({ tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } })).tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(body(request({ tools: [weatherTool], tool_choice: 'none' })).tool_choice).toEqual({ type: 'none' });
  });

  it('turns assistant tool calls into tool_use and tool results into one user turn', () => {
    const mapped = body({
      model: 'a',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Compare' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0' } }] },
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 't1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"SF"}' } }, { id: 't2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"LA"}' } }] },
        { role: 'tool', tool_call_id: 't1', content: '18C' },
        { role: 'tool', tool_call_id: 't2', content: '24C' },
      ],
    });
    expect(mapped.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Compare' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { location: 'SF' } }, { type: 'tool_use', id: 't2', name: 'get_weather', input: { location: 'LA' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '18C' }, { type: 'tool_result', tool_use_id: 't2', content: '24C' }] },
    ]);
  });

  it('refuses what Messages cannot do, before any call', () => {
    expect(() => chatRequest(endpoint, '', request({ n: 2 }))).toThrow(UpstreamError);
    expect(() => chatRequest(endpoint, '', request({ response_format: { type: 'json_object' } }))).toThrow(/response_format/);
  });
});

describe('Anthropic Messages adapter: answers', () => {
  it('translates a tool_use message into a chat.completion', async () => {
    reply = () => ({ body: readFixture('anthropic/message-tool-use.json') });
    const { completion, usage } = await provider().chat(request({ tools: [weatherTool] }));
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/messages', headers: { 'x-api-key': 'sk-ant-upstream' } });
    expect(completion).toMatchObject({
      id: 'msg_01Aq9w938a90dw8q',
      object: 'chat.completion',
      created: Date.parse('2026-01-05T09:00:00Z') / 1000,
      model: 'claude-sonnet-4-20250514',
      choices: [{ finish_reason: 'tool_calls', message: { role: 'assistant', content: "I'll check the current weather in San Francisco for you.", tool_calls: [{ id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' } }] } }],
    });
    expect(usage).toEqual({ prompt_tokens: 572, completion_tokens: 89, total_tokens: 661, prompt_tokens_details: { cached_tokens: 100 } });
  });

  it('translates a text stream into chunks with usage', async () => {
    reply = () => sse('anthropic/stream-text.sse');
    const stream = await provider().chatStream(request({ stream: true, stream_options: { include_usage: true } }));
    const chunks = await drain(stream);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello!');
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 25, completion_tokens: 15, total_tokens: 40 } });
    expect(stream.timing.firstTokenMs).toBeDefined();
  });

  it('translates input_json_delta fragments into tool-call argument deltas', async () => {
    reply = () => sse('anthropic/stream-tool-use.sse');
    const stream = await provider().chatStream(request({ stream: true, tools: [weatherTool] }));
    const chunks = await drain(stream);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toEqual({ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ location: 'San Francisco, CA', unit: 'fahrenheit' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe("Okay, let's check the weather for San Francisco, CA:");
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
    expect(stream.usage).toMatchObject({ prompt_tokens: 472, completion_tokens: 89 });
  });

  it('raises an error event mid-stream as a retryable upstream failure', async () => {
    reply = () => sse('anthropic/stream-error.sse');
    const chunks: ChatCompletionChunk[] = [];
    const err = await (async () => {
      for await (const chunk of await provider().chatStream(request({ stream: true }))) chunks.push(chunk);
    })().catch((e: unknown) => e);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hel');
    expect(err).toMatchObject({ failure: 'server', retryable: true, code: 'overloaded_error' });
  });

  it('maps error bodies: a rejected request keeps its status, overload is retryable', async () => {
    reply = () => ({ status: 400, body: readFixture('anthropic/error-400-invalid-request.json') });
    const rejected = await provider().chat(request()).catch((e: UpstreamError) => e);
    expect(rejected).toMatchObject({ failure: 'rejected', status: 400, code: 'invalid_request_error', retryable: false });
    expect((rejected as UpstreamError).toOpenAI().error.message).toContain('tool_use_id not found');
    reply = () => ({ status: 529, body: readFixture('anthropic/error-529-overloaded.json') });
    expect(await provider().chatStream(request({ stream: true })).catch((e: unknown) => e)).toMatchObject({ failure: 'server', status: 502, upstreamStatus: 529 });
  });

  it('offers no embeddings', async () => {
    await expect(provider().embeddings({ model: 'x', input: 'a' })).rejects.toMatchObject({ failure: 'unsupported', status: 400 });
  });
});
