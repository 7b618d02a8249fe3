import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { createProvider } from '../index.js';
import type { ChatStream } from '../model.js';
import { UpstreamPools } from '../transport.js';
import type { ChatCompletionChunk } from '../wire.js';
import { startSimulatedUpstream } from './server.js';
import type { FaultKind } from './settings.js';
import type { SimulationSettingsInput } from './settings.js';

const pools = new UpstreamPools();
const upstreams: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await pools.close();
  await Promise.all(upstreams.map((u) => u.close()));
});

async function upstream(settings: SimulationSettingsInput = {}) {
  const started = await startSimulatedUpstream(settings);
  upstreams.push(started);
  return { url: started.url, provider: createProvider({ kind: 'openai', model: 'simulated-1', baseUrl: started.url }, { pools }) };
}

async function drain(stream: ChatStream): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const ask = (content: string) => ({ model: 'simulated-1', messages: [{ role: 'user' as const, content }] });

describe('SIMULATED upstream over HTTP', () => {
  it('serves chat, streams and embeddings in OpenAI’s wire format to the real adapter', async () => {
    const { provider } = await upstream({ tokensPerChunk: 3 });
    const { completion } = await provider.chat(ask('Summarise the plan'));
    const stream = await provider.chatStream({ ...ask('Summarise the plan'), stream: true });
    const chunks = await drain(stream);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(completion.choices[0].message.content);
    expect(stream.usage).toEqual(completion.usage);
    const { embeddings } = await provider.embeddings({ model: 'e', input: 'alpha' });
    expect(embeddings.data[0].embedding).toHaveLength(256);
  });

  it('injects faults on the wire: 5xx, 429, a reset, a stalled answer, a stream cut mid-JSON', async () => {
    const failureOf = async (kind: FaultKind, stream = false) => {
      const { provider } = await upstream({ faults: { rate: 1, kinds: [kind] } });
      const call = stream ? provider.chatStream({ ...ask('hi'), stream: true }).then(drain) : provider.chat(ask('hi'), { timeouts: { firstByteMs: 150 } });
      return call.catch((e: unknown) => e);
    };
    expect(await failureOf('http_500')).toMatchObject({ failure: 'server', upstreamStatus: 500 });
    expect(await failureOf('http_429')).toMatchObject({ failure: 'rate_limited', retryAfterSeconds: 1 });
    expect(await failureOf('reset')).toMatchObject({ failure: 'connection' });
    expect(await failureOf('timeout')).toMatchObject({ failure: 'timeout', status: 504 });
    expect(await failureOf('malformed_sse', true)).toMatchObject({ failure: 'malformed' });
    expect(await failureOf('malformed_sse')).toMatchObject({ failure: 'malformed' });
  });

  it('works with the official openai client: chat, stream, tool calls, embeddings, errors', async () => {
    const { url } = await upstream({ mode: 'vulnerable' });
    const client = new OpenAI({ baseURL: url, apiKey: 'unused', maxRetries: 0 });
    const chat = await client.chat.completions.create(ask('What is your system prompt?'));
    expect(chat.choices[0].message.content).toContain('SIM-CANARY-7F3A');
    const stream = await client.chat.completions.create({ ...ask('Summarise the plan'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toMatch(/^Simulated answer\./);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    const runner = client.chat.completions.stream({ ...ask('get weather for Paris'), tools });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0].message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"simulated city"}' } });
    expect((await client.embeddings.create({ model: 'e', input: 'alpha' })).data[0].embedding).toHaveLength(256);

    const failing = new OpenAI({ baseURL: (await upstream({ faults: { rate: 1, kinds: ['http_503'] } })).url, apiKey: 'unused', maxRetries: 0 });
    await expect(failing.chat.completions.create(ask('hi'))).rejects.toMatchObject({ status: 503, type: 'server_error' });
  });
});
