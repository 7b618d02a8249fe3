import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { liveUseCase } from '../support/gateway.js';
import { type MeasuredHarness, startMeasured } from './metrics-harness.js';

describeEachDb('a person contains an incident’s use case at once', (db) => {
  let h: MeasuredHarness;
  let useCaseId: string;
  let gatewayKey: string;
  let model: string;
  let incidentId: string;

  const gatewayCall = () =>
    h.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${gatewayKey}` }, payload: { model, messages: [{ role: 'user', content: 'Reconcile account 4410' }] } });
  const stage = async () => (await h.api('GET', `/api/v1/use-cases/${useCaseId}`, h.acme.headers.viewer)).json();
  const contain = (role: 'builder' | 'viewer' | 'business_owner' | 'risk_reviewer', body: unknown, id = incidentId) =>
    h.api('POST', `/api/v1/incidents/${id}/contain`, h.acme.headers[role], body);

  beforeAll(async () => {
    h = await startMeasured(db);
    ({ useCaseId, key: gatewayKey, endpointName: model } = await liveUseCase(h, { tier: 'limited', stage: 'pilot' }));
    const opened = await h.api('POST', '/api/v1/incidents', h.acme.headers.business_owner, { useCaseId, title: 'Answers quote last year’s rates', severity: 'high' });
    expect(opened.statusCode).toBe(201);
    incidentId = opened.json().id;
  });
  afterAll(() => h?.close());

  it('refuses a containment it cannot read, and people who may not manage incidents, changing nothing', async () => {
    const unknown = await contain('builder', { action: { kind: 'pause' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const throttle = await contain('builder', { action: { kind: 'throttle', fraction: 1.5 } });
    expect(throttle.statusCode).toBe(400);
    expect(JSON.stringify(throttle.json())).toContain('action.fraction');
    expect((await contain('builder', { kind: 'suspend' })).statusCode).toBe(400);
    expect((await contain('viewer', { action: { kind: 'suspend' } })).statusCode).toBe(403);
    expect((await h.api('POST', `/api/v1/incidents/${incidentId}/contain`, h.globex.headers.risk_reviewer, { action: { kind: 'suspend' } })).statusCode).toBe(404);
    expect((await stage()).stage).toBe('pilot');
    expect((await gatewayCall()).statusCode).toBe(200);
  });

  it('refuses a rollback with no earlier release, naming why, and leaves the incident as it was', async () => {
    const refused = await contain('builder', { action: { kind: 'rollback' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('no environment has a previous release');
    const incident = (await h.api('GET', `/api/v1/incidents/${incidentId}`, h.acme.headers.viewer)).json();
    expect(incident.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened']);
  });

  it('suspends the use case when a builder says so: the gateway refuses its calls and the ledger names the person', async () => {
    const suspended = await contain('builder', { action: { kind: 'suspend' }, note: 'stop it while we check the rate tables' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'open', control: { state: 'suspended' } });
    expect(suspended.json().timeline.at(-1)).toMatchObject({ kind: 'action', action: { kind: 'suspend' }, text: 'stop it while we check the rate tables', actorId: h.acme.actors.builder.id });
    expect(await stage()).toMatchObject({ stage: 'suspended', suspendedFrom: 'pilot' });
    const refused = await gatewayCall();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('use_case_suspended');
    const trail = (await h.api('GET', `/api/v1/ledger?subjectId=${useCaseId}&action=usecase.transition`, h.acme.headers.risk_reviewer)).json().items;
    expect(trail[0]).toMatchObject({ actor: { id: h.acme.actors.builder.id } });
    const contained = (await h.api('GET', `/api/v1/ledger?subjectId=${incidentId}&action=incident.contain`, h.acme.headers.risk_reviewer)).json().items;
    expect(contained).toHaveLength(1);
  });

  it('lifts it only through the pack’s resume roles, back to the stage it left', async () => {
    // The limited pack lets business owners and builders resume.
    expect((await h.api('POST', `/api/v1/incidents/${incidentId}/resume`, h.acme.headers.risk_reviewer, {})).statusCode).toBe(403);
    const resumed = await h.api('POST', `/api/v1/incidents/${incidentId}/resume`, h.acme.headers.business_owner, { note: 'rate tables fixed' });
    expect(resumed.statusCode).toBe(200);
    expect((await stage()).stage).toBe('pilot');
    expect((await gatewayCall()).statusCode).toBe(200);
  });

  it('takes no containment once the incident is resolved', async () => {
    for (const to of ['triaged', 'mitigated', 'resolved']) expect((await h.api('POST', `/api/v1/incidents/${incidentId}/status`, h.acme.headers.builder, { to })).statusCode).toBe(200);
    const late = await contain('business_owner', { action: { kind: 'suspend' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('takes no further containment actions');
    expect((await stage()).stage).toBe('pilot');
  });
});
