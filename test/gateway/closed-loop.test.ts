import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type LiveUseCase, liveUseCase } from '../support/gateway.js';
import { type Harness, startHarness } from '../support/harness.js';

/** What the gateway observes reaches measurement, and what measurement contains reaches the gateway. */
describeEachDb('the closed loop between the gateway and measurement', (db) => {
  let h: Harness;
  let live: LiveUseCase;
  let other: LiveUseCase;
  let base: string;

  beforeAll(async () => {
    h = await startHarness(db);
    live = await liveUseCase(h, { tier: 'limited', title: 'Loop: rated answers' });
    other = await liveUseCase(h, { tier: 'limited', title: 'Loop: another application' });
    base = String(live.client.baseURL);
  });
  afterAll(() => h?.close());

  const rate = (key: string, body: unknown) =>
    fetch(`${base}/charter/feedback`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ask = (c: LiveUseCase) => c.client.chat.completions.create({ model: c.endpointName, messages: [{ role: 'user', content: 'Summarise the reconciliation break.' }] });
  const series = async (key: string, useCaseId = live.useCaseId) => {
    const now = h.clock.now().getTime();
    const url = `/api/v1/metrics/${key}/series?useCaseId=${useCaseId}&from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 3_600_000).toISOString()}&resolution=hour`;
    const res = await h.inject({ method: 'GET', url, headers: h.acme.headers.viewer });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().points as { value: number | null; samples: number }[]).filter((p) => p.samples > 0);
  };

  it("takes an application's rating of its own response once, in OpenAI's error shape otherwise, and counts it as satisfaction", async () => {
    const answer = await ask(live);
    await h.charter.gateway.recorder.flush();

    const bad = await rate(live.key, { response_id: answer.id, score: 7 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_value', param: 'score' } });
    const stranger = await rate(other.key, { response_id: answer.id, score: 5 });
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { code: 'response_not_found', param: 'response_id' } });
    const unauthenticated = await rate('chr_gw_pilot_not-a-key', { response_id: answer.id, score: 5 });
    expect(unauthenticated.status).toBe(401);

    const rated = await rate(live.key, { response_id: answer.id, score: 4, comment: '  Clear and short.  ' });
    expect(rated.status).toBe(201);
    expect(await rated.json()).toMatchObject({ object: 'charter.feedback', response_id: answer.id, score: 4, comment: 'Clear and short.' });
    const again = await rate(live.key, { response_id: answer.id, score: 1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'feedback_exists' } });

    await h.charter.measurement.services.rollups.flush();
    expect(await series('gateway.satisfaction')).toEqual([expect.objectContaining({ value: 4 })]);
  });

  it("counts a reviewer's edit of a held answer as an override of the use case", async () => {
    const held = await liveUseCase(h, { tier: 'high', title: 'Loop: held answers', dataClasses: { sensitivity: 'restricted', categories: ['health'] } });
    const refused = (await held.client.chat.completions.create({ model: held.endpointName, messages: [{ role: 'user', content: 'The claimant has diabetes; summarise the claim.' }] }).catch((e: unknown) => e)) as { status: number; error: { review_id: string } };
    expect(refused).toMatchObject({ status: 403, code: 'review_required' });
    await h.charter.gateway.recorder.flush();
    const decided = await h.inject({ method: 'POST', url: `/api/v1/reviews/${refused.error.review_id}/decision`, headers: h.acme.headers.risk_reviewer, payload: { action: 'edit', answer: 'Chronic condition; severity unchanged.' } });
    expect(decided.statusCode, decided.body).toBe(200);
    await h.charter.measurement.services.rollups.flush();
    expect(await series('gateway.override_rate', held.useCaseId)).toEqual([expect.objectContaining({ value: 1, samples: 1 })]);
    expect(await series('gateway.escalation_rate', held.useCaseId)).toEqual([expect.objectContaining({ value: 1, samples: 1 })]);
  });

  it('holds a throttled use case to the rate its incident set, and lets it run again once resumed', async () => {
    const opened = await h.inject({ method: 'POST', url: '/api/v1/incidents', headers: h.acme.headers.risk_reviewer, payload: { useCaseId: other.useCaseId, title: 'Answers drift on multi-currency breaks', severity: 'high' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const incident = opened.json().id as string;
    const contained = await h.charter.measurement.services.containment.contain(h.acme.id, incident, { kind: 'throttle', fraction: 0.01 });
    expect(contained.control.state).toBe('throttled');
    const { requestsPerMinute } = (await h.charter.measurement.services.containment.activeThrottle(h.acme.id, other.useCaseId))!;

    const outcomes: number[] = [];
    for (let i = 0; i < requestsPerMinute; i++) outcomes.push(await ask(other).then(() => 200, (e: { status?: number }) => e.status ?? 0));
    expect(outcomes).toEqual(outcomes.map(() => 200));
    const refused = await ask(other).catch((e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
    expect(refused).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect((refused as Error).message).toContain('throttled by an open incident');
    // Other use cases are not held back.
    await expect(ask(live)).resolves.toBeDefined();

    const resumed = await h.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/resume`, headers: h.acme.headers.business_owner, payload: { note: 'prompt fixed' } });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await h.charter.measurement.services.containment.activeThrottle(h.acme.id, other.useCaseId)).toBeUndefined();
  });
});
