import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { describeEachDb } from '../support/databases.js';
import { ANSWERS_FOR, QUIET_ANSWERS, READINESS } from '../support/governance.js';
import { trainTenant } from '../support/skills.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

type Json = Record<string, any>;

describeEachDb('intake for the business, and the way from intake to approved', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, role: Role, payload?: unknown) => h.inject({ method, url, headers: h.acme.headers[role], ...(payload === undefined ? {} : { payload: payload as object }) });
  const submission = (title: string, answers: object, extra: object = {}) => ({
    ...useCaseBody(h.acme.valueStreamId, { title, affectedUsers: [{ group: 'claimants', headcount: 4200 }], ...extra }), targetDate: '2026-12-31', answers,
  });

  it('creates, screens and queues a use case from one submission, and says what its tier demands next', async () => {
    const { dataSensitivity: _s, dataCategories: _c, peopleAffected: _p, ...answers } = ANSWERS_FOR.high;
    const res = await call('POST', '/api/v1/intake', 'change_lead', submission('Claims letter drafting', answers));
    expect(res.statusCode).toBe(201);
    const { useCase, screening, next } = res.json();
    expect(useCase).toMatchObject({ stage: 'intake', source: 'intake', riskTier: 'high', policyPackVersion: 'high@default', targetDate: '2026-12-31' });
    expect(screening.answers).toMatchObject({ dataSensitivity: 'confidential', dataCategories: ['personal'], peopleAffected: 'thousands' });
    expect(next.approvals).toEqual([
      { from: 'triage', to: 'assessed', roles: ['risk_reviewer'], dueDays: 5 },
      { from: 'assessed', to: 'approved', roles: ['business_owner', 'risk_reviewer'], dueDays: 10 },
      { from: 'build', to: 'pilot', roles: ['business_owner', 'risk_reviewer'], dueDays: 5 },
      { from: 'pilot', to: 'production', roles: ['business_owner', 'risk_reviewer'], dueDays: 10 },
    ]);
    expect(next.readiness.map((r: Json) => `${r.item}:${r.met}`)).toEqual(['dataSources:false', 'humanOversight:false', 'rollbackPlan:false']);
    expect(next.controls).toEqual([{ stage: 'approved', controls: 31 }, { stage: 'pilot', controls: expect.any(Number) }, { stage: 'production', controls: expect.any(Number) }]);
    expect(next.steps[0]).toBe('triage → assessed: approval of risk_reviewer, due within 5 days of the request');
    const prohibited = (await call('POST', '/api/v1/intake', 'business_owner', submission('Agent mood scoring', ANSWERS_FOR.prohibited))).json().next;
    expect(prohibited).toMatchObject({ blocked: true, forbiddenStages: ['assessed', 'approved', 'build', 'pilot', 'production'] });
  });

  it('leaves nothing behind when the answers are incomplete', async () => {
    const { S1: _s1, ...answers } = QUIET_ANSWERS;
    const res = await call('POST', '/api/v1/intake', 'business_owner', submission('Half-answered intake', answers));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: 'body.answers.S1' }));
    expect((await call('GET', '/api/v1/use-cases?q=Half-answered', 'viewer')).json().items).toEqual([]);
  });

  it('orders the triage queue by priority score, then tier', async () => {
    const p = (impact: number) => ({ priority: { impact, strategicFit: 3, reach: 3, dataReadiness: 3, complexity: 3, risk: 3 } });
    const ids: Record<string, string> = {};
    for (const [name, tier, impact] of [['queue low', 'minimal', 1], ['queue top limited', 'limited', 5], ['queue top high', 'high', 5], ['queue mid', 'minimal', 3]] as const) {
      ids[name] = (await call('POST', '/api/v1/intake', 'business_owner', submission(name, ANSWERS_FOR[tier], p(impact)))).json().useCase.id;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = (await call('GET', `/api/v1/intake/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'viewer')).json();
      seen.push(...page.items.map((u: Json) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    const order = ['queue top high', 'queue top limited', 'queue mid', 'queue low'].map((n) => seen.indexOf(ids[n]));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reaches approved only through the approvals and evidence its tier demands, every step ledgered', async () => {
    const { useCase } = (await call('POST', '/api/v1/intake', 'business_owner', submission('Fraud referral triage', ANSWERS_FOR.high))).json();
    const id = useCase.id;
    // Approvers hold the paths the pack names; their labs were done on another use case, so this one's trail is its own.
    await trainTenant(h, h.acme, (await call('POST', '/api/v1/use-cases', 'business_owner', useCaseBody(h.acme.valueStreamId, { title: 'Training ground' }))).json().id);
    const move = async (to: string) => call('POST', `/api/v1/use-cases/${id}/transitions`, 'builder', { to });
    const grant = async (res: { json(): Json }) => {
      for (const p of res.json().problems.filter((x: Json) => x.guard === 'approvals').flatMap((x: Json) => x.pending)) {
        expect((await call('POST', `/api/v1/approval-requests/${p.requestId}/decision`, p.role, { decision: 'grant' })).statusCode).toBe(200);
      }
    };
    expect((await move('approved')).statusCode).toBe(409);
    expect((await move('triage')).statusCode).toBe(200);
    const toAssessed = await move('assessed');
    expect(toAssessed.json().problems.map((p: Json) => p.guard)).toEqual(['approvals']);
    await grant(toAssessed);
    expect((await move('assessed')).statusCode).toBe(200);

    const toApproved = await move('approved');
    expect(toApproved.json().problems.map((p: Json) => p.guard)).toEqual(['controls', 'approvals']);
    expect(toApproved.json().problems[0].controls).toHaveLength(31);
    await grant(toApproved);
    const stillOpen = await move('approved');
    expect(stillOpen.json().problems.map((p: Json) => p.guard)).toEqual(['controls']);

    const controls = (await call('GET', `/api/v1/use-cases/${id}/controls`, 'viewer')).json().items.filter((c: Json) => c.requiredBefore === 'approved');
    // The grants just given are evidence already, linked by the published map: those controls need no other.
    expect(controls.find((c: Json) => c.control === 'GOVERN 1.4').linked.map((l: Json) => l.action)).toEqual(['approval.grant', 'approval.grant', 'approval.grant']);
    const items = controls.map((c: Json, i: number) => (i === 0
      ? { control: c.control, status: 'not_applicable', justification: 'Covered by the group-level AI policy, not per use case.' }
      : { control: c.control, status: 'implemented', evidence: c.linked.length ? undefined : [{ kind: 'url', url: `https://grc.example/${encodeURIComponent(c.control)}`, title: 'control record' }] }));
    expect((await call('PATCH', `/api/v1/use-cases/${id}/controls`, 'builder', { items })).statusCode).toBe(200);
    await call('PATCH', `/api/v1/use-cases/${id}`, 'builder', { readiness: READINESS });
    const approved = await move('approved');
    expect(approved.statusCode).toBe(200);
    expect(approved.json().stage).toBe('approved');

    const ledger = (await call('GET', '/api/v1/ledger?limit=500', 'risk_reviewer')).json().items as Json[];
    const mine = ledger.filter((e) => e.subject.id === id || e.after?.useCaseId === id).reverse().map((e) => (e.action === 'usecase.transition' ? `${e.action}:${e.after.stage}` : e.action));
    expect(mine).toEqual([
      'usecase.create', 'risk.screen', 'usecase.transition:triage', 'approval.request', 'approval.grant', 'usecase.transition:assessed',
      'approval.request', 'approval.grant', 'approval.grant', 'control.update', 'usecase.update', 'usecase.transition:approved',
    ]);
    expect((await call('POST', '/api/v1/ledger/verify', 'risk_reviewer')).json().ok).toBe(true);
  });
});
