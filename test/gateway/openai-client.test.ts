import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { liveUseCase, listen, type LiveUseCase } from '../support/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';

describeEachDb('the official openai client against the gateway', (db) => {
  let h: Harness;
  let live: LiveUseCase;
  beforeAll(async () => {
    h = await startHarness(db);
    live = await liveUseCase(h, { tier: 'limited', allowedTools: ['lookup_policy'] });
  });
  afterAll(async () => h?.close());

  it('answers a chat completion and records the call', async () => {
    const res = await live.client.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'Summarise the claim in one line.' }], metadata: { retrieval_sources: 'kb://claims/handbook#s4' } });
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0].message.content).toBeTruthy();
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
    await h.charter.gateway.recorder.flush();
    const event = await h.charter.kernel.db.selectFrom('gateway_events').selectAll().where('id', '=', res.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ use_case_id: live.useCaseId, release_id: live.releaseId, outcome: 'ok', http_status: 200 });
    expect(event.batch_id).toBeTruthy();
    expect(JSON.parse(event.decisions)).toContainEqual({ control: 'retrieval', outcome: 'allow', detail: 'kb://claims/handbook#s4' });
  });

  it('streams chunks over SSE with usage at the end', async () => {
    const stream = await live.client.chat.completions.create({ model: live.endpointName, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Write two sentences about claims triage.' }] });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(10);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('passes tool calls through for allowed tools and refuses others', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'lookup_policy', description: 'Find a policy', parameters: { type: 'object', properties: { number: { type: 'string' } }, required: ['number'] } } }];
    const res = await live.client.chat.completions.create({ model: live.endpointName, tools, messages: [{ role: 'user', content: 'Use lookup_policy for policy 12345' }] });
    expect(res.choices[0].message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'lookup_policy' } });
    const other = [{ type: 'function' as const, function: { name: 'wire_money', parameters: { type: 'object', properties: {} } } }];
    await expect(live.client.chat.completions.create({ model: live.endpointName, tools: other, messages: [{ role: 'user', content: 'pay' }] })).rejects.toMatchObject({ status: 403, code: 'tool_not_allowed' });
  });

  it('lists only the models the key may use', async () => {
    const models = await live.client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([live.endpointName]);
  });

  it('gives OpenAI-shaped errors the client understands', async () => {
    const bad = new OpenAI({ apiKey: 'chr_gw_pilot_nope', baseURL: await listen(h), maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(live.client.chat.completions.create({ model: 'gpt-unknown', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(live.client.chat.completions.create({ model: live.endpointName, messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('refuses a suspended use case at once, and serves it again when resumed', async () => {
    const s = h.charter.services;
    await s.portfolio.transition(h.acme.actors.platform_admin, live.useCaseId, 'suspended', { reason: 'incident' });
    await expect(live.client.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 403, code: 'use_case_suspended' });
    await s.portfolio.transition(h.acme.actors.platform_admin, live.useCaseId, 'pilot', { reason: 'mitigated' });
    const ok = await live.client.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'hi' }] });
    expect(ok.choices).toHaveLength(1);
  });
});
