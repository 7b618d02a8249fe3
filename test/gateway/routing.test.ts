import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulatedUpstream } from '../../src/gateway/providers/index.js';
import { describeEachDb } from '../support/databases.js';
import { liveUseCase, type LiveUseCase } from '../support/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';

const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));

describeEachDb('routing, fallback, disconnects and telemetry', (db) => {
  let h: Harness;
  let live: LiveUseCase;
  let slow: Awaited<ReturnType<typeof startSimulatedUpstream>>;
  beforeAll(async () => {
    h = await startHarness(db);
    live = await liveUseCase(h, { tier: 'limited' });
    slow = await startSimulatedUpstream({ chunkIntervalMs: 40, answerTokens: 400, tokensPerChunk: 1 });
  });
  afterAll(async () => {
    await slow?.close();
    await h?.close();
  });

  it('falls back to the next endpoint when the primary fails, and records which one answered', async () => {
    const s = h.charter.services;
    const a = h.acme.actors;
    const mk = (name: string, errorRate: number) => s.catalogue.create(a.platform_admin, {
      name, provider: 'simulated', kind: 'chat', model: 'charter-sim', modelVersion: '1', region: 'eu-west', approvedTiers: ['limited'],
      allowedDataClasses: { maxSensitivity: 'restricted', categories: ['personal'] }, pricePer1kInput: 1, pricePer1kOutput: 1, status: 'approved',
      simulated: { mode: 'safe', latencyMs: 0, errorRate, accuracy: 0.9 },
    });
    const broken = await mk(`broken-${db}`, 1);
    const healthy = await mk(`healthy-${db}`, 0);
    const rel = await s.releases.create(a.builder, live.useCaseId, { name: 'with fallback', endpointId: broken.id, fallbackEndpointIds: [healthy.id], promptVersionId: null, params: { timeoutMs: 5000, retries: 0, allowedTools: [] } });
    await s.releases.activate(a.builder, rel.id, 'pilot');
    const res = await live.client.chat.completions.create({ model: broken.name, messages: [{ role: 'user', content: 'hello' }] });
    expect(res.model).toBe(healthy.name);
    await h.charter.gateway.recorder.flush();
    const event = await h.charter.kernel.db.selectFrom('gateway_events').selectAll().where('id', '=', res.id).executeTakeFirstOrThrow();
    expect(event.endpoint_id).toBe(healthy.id);
    await s.releases.rollback(a.builder, live.useCaseId, 'pilot', 'back to the plain release');
  });

  it('aborts the upstream call when the client disconnects mid-stream and records it', async () => {
    const s = h.charter.services;
    const a = h.acme.actors;
    const ep = await s.catalogue.create(a.platform_admin, {
      name: `slow-${db}`, provider: 'openai', kind: 'chat', baseUrl: slow.url, model: 'simulated-1', modelVersion: '1', region: 'eu-west', approvedTiers: ['limited'],
      allowedDataClasses: { maxSensitivity: 'restricted', categories: ['personal'] }, pricePer1kInput: 1, pricePer1kOutput: 1, status: 'approved', credential: 'sk-test',
    });
    const rel = await s.releases.create(a.builder, live.useCaseId, { name: 'slow stream', endpointId: ep.id, fallbackEndpointIds: [], promptVersionId: null, params: { timeoutMs: 5000, retries: 0, allowedTools: [] } });
    await s.releases.activate(a.builder, rel.id, 'pilot');
    const controller = new AbortController();
    const stream = await live.client.chat.completions.create({ model: ep.name, stream: true, messages: [{ role: 'user', content: 'Tell me a long story.' }] }, { signal: controller.signal });
    let chunks = 0;
    try {
      for await (const _ of stream) if (++chunks === 3) controller.abort();
    } catch {
      // the client's own abort surfaces here or ends the iteration; either way the connection is gone
    }
    expect(chunks).toBe(3);
    // The server notices the closed socket asynchronously: poll for the record rather than guess a delay.
    const recorded = async () => {
      await h.charter.gateway.recorder.flush();
      return h.charter.kernel.db.selectFrom('gateway_events').selectAll().where('release_id', '=', rel.id).execute();
    };
    let rows = await recorded();
    for (let i = 0; i < 100 && rows.length === 0; i++) rows = await new Promise((r) => setImmediate(r)).then(recorded);
    expect(rows.map((r) => r.outcome)).toEqual(['aborted']);
    expect(rows[0].http_status).toBe(499);
    await s.releases.rollback(a.builder, live.useCaseId, 'pilot', 'back');
  });

  it('emits one span per call with the GenAI semantic conventions, and Prometheus counters', async () => {
    spans.reset();
    const res = await live.client.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'hi' }] });
    const span = spans.getFinishedSpans().find((sp) => sp.attributes['gen_ai.response.id'] === res.id);
    expect(span?.name).toBe(`chat ${live.endpointName}`);
    expect(span?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.system': 'simulated', 'charter.use_case.id': live.useCaseId });
    expect(Number(span?.attributes['gen_ai.usage.output_tokens'])).toBeGreaterThan(0);
    const metrics = await h.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(`charter_gateway_requests_total{use_case="${live.useCaseId}",outcome="ok",kind="chat"}`);
  });

  it('is reachable only with the OpenAI client shape for unknown gateway paths', async () => {
    const res = await fetch(`${live.client.baseURL}/unknown`, { headers: { authorization: `Bearer ${live.key}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_url');
  });
});
