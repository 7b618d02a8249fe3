import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS } from '../../src/kernel/clock.js';
import type { ScoreStatus } from '../../src/metrics/scorecard.js';
import { describeEachDb } from '../support/databases.js';
import { type PeopleHarness, startPeople } from './people-harness.js';

const plan = (overrides: Record<string, unknown> = {}) => ({
  workflowChange: 'The assistant proposes a severity and a queue; the handler accepts or changes it; senior handlers decide high-risk claims.',
  audiences: [
    { group: 'Claims handlers', skillRole: 'end_user', gatewayRole: 'claims_handler', headcount: 10 },
    { group: 'Team leads', skillRole: 'manager', headcount: 2 },
  ],
  support: ['Safe-use path before access', 'Floor walkers in week one'],
  successMetrics: [{ metric: 'claims triage time', target: '100 → 70 minutes' }],
  feedbackHandling: 'Pulse survey every two weeks; the change lead answers within five working days.',
  communications: [
    { on: '2026-02-20', audience: 'everyone', channel: 'town hall', message: 'What changes and what stays your decision.' },
    { on: '2026-03-20', audience: 'Team leads', channel: 'email', message: 'Results of the first month.' },
  ],
  ...overrides,
});

describeEachDb('change management: plans per use case, feedback, and adoption by role with its diagnosis', (db) => {
  let h: PeopleHarness;
  let quality: ScoreStatus = 'no_data';
  let useCaseId: string;
  beforeAll(async () => {
    h = await startPeople(db, { modelQuality: async () => quality });
    useCaseId = await h.useCase('limited', 'production');
  });
  afterAll(async () => h?.close());

  const url = () => `/api/v1/use-cases/${useCaseId}/change-plan`;

  it('records a change plan saying what changes, for whom, support, success metrics, feedback handling and dates', async () => {
    expect((await h.api('GET', url(), h.acme.headers.viewer)).statusCode).toBe(404);
    const badAudience = await h.api('PUT', url(), h.acme.headers.change_lead, plan({ communications: [{ on: '2026-04-01', audience: 'Underwriters', channel: 'email', message: 'x' }] }));
    expect(badAudience.statusCode).toBe(400);
    expect(badAudience.json().errors[0].path).toBe('body.communications.0.audience');
    expect((await h.api('PUT', url(), h.acme.headers.viewer, plan())).statusCode).toBe(403);
    expect((await h.api('PUT', url(), h.acme.headers.change_lead, plan({ ownerId: h.globex.actors.change_lead.id }))).json().errors[0].path).toBe('body.ownerId');

    const created = await h.api('PUT', url(), { ...h.acme.headers.change_lead, 'if-none-match': '*' }, plan());
    expect(created.statusCode).toBe(201);
    // A second first plan (If-None-Match: *) does not overwrite the one recorded meanwhile.
    const second = await h.api('PUT', url(), { ...h.acme.headers.change_lead, 'if-none-match': '*' }, plan({ support: ['A different plan'] }));
    expect(second.statusCode).toBe(412);
    expect(second.json().detail).toContain('has a change plan already');
    expect(created.headers.etag).toBe('"v1"');
    expect(created.json()).toMatchObject({ owner: { id: h.acme.actors.change_lead.id }, nextCommunication: { on: '2026-03-20', audience: 'Team leads' } });
    expect(created.json().audiences[1].gatewayRole).toBeNull();
    const replaced = await h.api('PUT', url(), { ...h.acme.headers.change_lead, 'if-match': '"v1"' }, plan({ support: ['Office hours on Tuesdays'] }));
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ version: 2, support: ['Office hours on Tuesdays'] });
    expect((await h.api('PUT', url(), { ...h.acme.headers.change_lead, 'if-match': '"v1"' }, plan())).statusCode).toBe(412);
    expect((await h.api('PUT', url(), h.acme.headers.change_lead, plan())).statusCode).toBe(200);
    const ledger = await h.ok('GET', `/api/v1/ledger?subjectId=${useCaseId}`, h.acme.headers.risk_reviewer);
    expect(ledger.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['change_plan.create', 'change_plan.update']));
  });

  it('takes feedback from the plan’s audiences only', async () => {
    const feedback = `/api/v1/use-cases/${useCaseId}/change-feedback`;
    expect((await h.api('POST', feedback, h.acme.headers.viewer, { audience: 'Underwriters', satisfaction: 4 })).json().errors[0].path).toBe('body.audience');
    expect((await h.api('POST', feedback, h.acme.headers.viewer, { audience: 'Claims handlers', satisfaction: 6 })).statusCode).toBe(400);
    for (const satisfaction of [4, 2, 3]) expect((await h.api('POST', feedback, h.acme.headers.viewer, { audience: 'Claims handlers', satisfaction, comment: 'pulse' })).statusCode).toBe(201);
    expect((await h.ok('GET', feedback, h.acme.headers.viewer)).items).toHaveLength(3);
    const other = await h.useCase('limited', 'pilot');
    expect((await h.api('POST', `/api/v1/use-cases/${other}/change-feedback`, h.acme.headers.viewer, { audience: 'Claims handlers', satisfaction: 3 })).statusCode).toBe(409);
  });

  it('measures adoption by role and names the likely cause of low adoption as the data changes', async () => {
    const adoption = async () => (await h.ok('GET', `/api/v1/use-cases/${useCaseId}/adoption`, h.acme.headers.viewer)).audiences;
    const handler = (n: number, over: Record<string, unknown> = {}) => ({ use_case_id: useCaseId, end_user_id: `handler-${n}`, end_user_role: 'claims_handler', ...over });
    await h.calls([handler(1), handler(2), handler(3), handler(1, { case_id: 'c9', outcome: 'upstream_error' }), { use_case_id: useCaseId, end_user_id: 'someone', end_user_role: 'underwriter' }]);

    let [handlers, leads] = await adoption();
    expect(handlers).toMatchObject({ activeUsers: 3, headcount: 10, adoptionRate: 0.3, calls: 4, trainingCoverage: 0, satisfaction: 3, satisfactionResponses: 3, errorRate: 0.25 });
    expect(handlers.taskCompletion).toBe(0.75);
    expect(handlers.diagnosis).toMatchObject({ low: true, cause: 'training' });
    expect(leads).toMatchObject({ activeUsers: null, adoptionRate: null, diagnosis: { low: false, cause: null } });
    expect(leads.diagnosis.advice).toContain('gatewayRole');

    // Train eight of the ten handlers: coverage is no longer the cause.
    const items = await h.itemIds(h.acme.headers.viewer);
    for (let i = 0; i < 10; i++) {
      const person = await h.ok('POST', '/api/v1/people', h.acme.headers.change_lead, { name: `Handler ${i}`, skillRole: 'end_user', workGroup: 'Claims handlers' });
      if (i < 8) for (const slug of ['assistant-in-your-workflow', 'how-ai-works', 'safe-daily-use', 'escalate-and-report']) await h.ok('POST', `/api/v1/people/${person.id}/completions`, h.acme.headers.change_lead, { itemId: items[slug] });
    }
    [handlers] = await adoption();
    expect(handlers).toMatchObject({ trainingCoverage: 0.8, trainedPeople: 8, diagnosis: { low: true, cause: 'performance' } });
    expect(handlers.diagnosis.findings[0].evidence).toContain('error rate 25%');

    // Slow but no longer failing calls: still performance, now by latency.
    h.clock.advance(31 * DAY_MS);
    await h.calls([handler(1, { latency_ms: 9500 }), handler(2, { latency_ms: 9000 }), handler(3)]);
    [handlers] = await adoption();
    expect(handlers).toMatchObject({ calls: 3, errorRate: 0, latencyP95Ms: 9500, satisfaction: null, diagnosis: { cause: 'performance' } });

    // People change good answers: trust or design comes first; with poor answers, model quality.
    const review = async (eventId: string, action: 'approve' | 'edit') => {
      const id = await h.charter.gateway.reviews.hold({ tenantId: h.acme.id, useCaseId, eventId, keyId: 'gk_test', mode: 'sample', reasons: ['sampled'], dataClasses: [], request: [{ role: 'user', content: 'claim' }], answer: 'severity 2', keepPayloads: false, retentionDays: 30 });
      await h.charter.gateway.reviews.decide(h.acme.actors.business_owner, id, action === 'edit' ? { action, answer: 'severity 3' } : { action });
    };
    await h.calls([handler(4, { id: 'ev_reviewed_1' }), handler(4, { id: 'ev_reviewed_2' })]);
    await review('ev_reviewed_1', 'edit');
    await review('ev_reviewed_2', 'approve');
    quality = 'on_track';
    [handlers] = await adoption();
    expect(handlers).toMatchObject({ overrideRate: 0.5, activeUsers: 4, diagnosis: { low: true, cause: 'trust_or_design' } });
    quality = 'off_track';
    expect((await adoption())[0].diagnosis.cause).toBe('model_quality');

    // Half the handlers active: adoption is no longer low.
    await h.calls([handler(5)]);
    expect((await adoption())[0]).toMatchObject({ adoptionRate: 0.5, diagnosis: { low: false, cause: null } });
  });
});
