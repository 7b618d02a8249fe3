import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { describeEachDb } from '../support/databases.js';
import { ANSWERS_FOR, QUIET_ANSWERS, screenedUseCase, walkGoverned } from '../support/governance.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

/** A handful over HTTP, each citing the questions it exercises; the 37-scenario table is src/risk/model.test.ts. */
const SCENARIOS = [
  { name: 'CV screening that profiles applicants (H2 area 4, H3 profiling, F1)', answers: { H2: ['4'], H3: true, F1: false }, tier: 'high', eu: 'high_risk', obligations: ['Art. 4', 'Art. 26(1)', 'Art. 86'] },
  { name: 'customer chatbot (T1 interaction, T2 synthetic text)', answers: { T1: true, T2: true }, tier: 'limited', eu: 'limited_risk_transparency', obligations: ['Art. 50(1)', 'Art. 50(2)'] },
  { name: 'internal document summarisation (peopleAffected, dataSensitivity)', answers: { peopleAffected: 'hundreds', dataSensitivity: 'internal' }, tier: 'minimal', eu: 'minimal_risk', obligations: ['Art. 4'] },
  { name: 'emotion recognition of staff at work (P6)', answers: { P6: true }, tier: 'prohibited', eu: 'prohibited', obligations: ['Art. 5'] },
  { name: 'critical-infrastructure load control (R1, H2 area 2, impact IV)', answers: ANSWERS_FOR.critical, tier: 'critical', eu: 'high_risk', obligations: ['Art. 9', 'Art. 43'] },
  {
    name: 'claims triage with human review of every claim: mitigation lowers level III to II (reversibility … testing)',
    answers: { reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['personal', 'payment'], vulnerableGroups: 'incidental', customerFacing: 'via_staff', regulatedDomain: 'decisions', financialExposure: 'significant', humanReview: 'every_decision', monitoring: true, rollback: true, explanation: true, testing: 'evaluated' },
    tier: 'limited', eu: 'minimal_risk', obligations: ['Art. 4'],
  },
] as const;

describeEachDb('risk screening over HTTP', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const as = (role: Role) => h.acme.headers[role];
  const create = async (title: string) => (await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: as('business_owner'), payload: useCaseBody(h.acme.valueStreamId, { title }) })).json();
  const screen = (id: string, answers: object, role: Role = 'business_owner') => h.inject({ method: 'POST', url: `/api/v1/use-cases/${id}/screenings`, headers: as(role), payload: { answers } });
  const ledger = async (id: string) => (await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${id}&limit=200`, headers: as('risk_reviewer') })).json().items as { action: string; after: any; before: any }[];

  it('serves the questionnaire so the UI can render it', async () => {
    const res = await h.inject({ method: 'GET', url: '/api/v1/risk/questionnaire', headers: as('viewer') });
    expect(res.statusCode).toBe(200);
    const q = res.json();
    expect(q.version).toBe(1);
    expect(q.eu.questions.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['S1', 'P6', 'H2', 'T1', 'F1']));
    expect(q.impact.questions.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['reversibility', 'financialExposure']));
    expect((await h.inject({ method: 'GET', url: '/api/v1/risk/questionnaire?version=9', headers: as('viewer') })).statusCode).toBe(404);
  });

  it.each(SCENARIOS)('screens $name → $tier, binds the pack and ledgers it', async (s) => {
    const uc = await create(s.name.slice(0, 60));
    const res = await screen(uc.id, { ...QUIET_ANSWERS, ...s.answers });
    expect(res.statusCode).toBe(201);
    const { screening, useCase, tierRaised } = res.json();
    expect(screening.result).toMatchObject({ tier: s.tier, euOutcome: s.eu, blocked: s.tier === 'prohibited' });
    expect(screening.result.obligations.map((o: { ref: string }) => o.ref)).toEqual(expect.arrayContaining([...s.obligations]));
    expect(screening.result.trace.length).toBeGreaterThan(3);
    expect(useCase).toMatchObject({ riskTier: s.tier, policyPackVersion: `${s.tier}@default` });
    expect(tierRaised).toBe(false);
    const [entry] = await ledger(uc.id);
    expect(entry).toMatchObject({ action: 'risk.screen', before: { tier: null }, after: { tier: s.tier, screeningId: screening.id, policyPackVersion: `${s.tier}@default` } });
    expect(entry.after.answers).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('lists every missing and unknown answer with its path, and stores nothing', async () => {
    const uc = await create('Incomplete answers');
    const { S1: _s1, reversibility: _r, ...rest } = QUIET_ANSWERS;
    const res = await screen(uc.id, { ...rest, bogus: true, T1: 'maybe' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.answers.S1', 'body.answers.reversibility', 'body.answers.bogus', 'body.answers.T1']));
    expect(res.json().detail).toContain('S1 (missing answer)');
    const history = await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/screenings`, headers: as('viewer') });
    expect(history.json().items).toEqual([]);
    expect((await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}`, headers: as('viewer') })).json().riskTier).toBeNull();
  });

  it('blocks a prohibited use case: it may be triaged or rejected, never assessed', async () => {
    const uc = await screenedUseCase(h, h.acme, 'prohibited');
    const move = (to: string) => h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/transitions`, headers: as('business_owner'), payload: { to } });
    expect((await move('triage')).statusCode).toBe(200);
    const refused = await move('assessed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().problems).toEqual([expect.objectContaining({ guard: 'policy', code: 'stage-forbidden', message: expect.stringContaining('prohibited practice') })]);
    expect((await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/approvals`, headers: as('viewer') })).json().items).toEqual([]);
    expect((await move('rejected')).statusCode).toBe(200);
  });

  it('sends a live use case whose tier rises back for the approvals of the new tier, ledgered', async () => {
    const uc = await screenedUseCase(h, h.acme, 'minimal');
    await walkGoverned(h, h.acme, uc.id, 'approved');
    const res = await screen(uc.id, ANSWERS_FOR.high);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ tierRaised: true, useCase: { riskTier: 'high', stage: 'suspended', suspendedFrom: 'approved', policyPackVersion: 'high@default' } });
    const actions = (await ledger(uc.id)).map((e) => `${e.action}${e.after?.stage ? `:${e.after.stage}` : ''}`);
    expect(actions.slice(0, 2)).toEqual(['usecase.transition:suspended', 'risk.screen']);

    // Resuming owes what the high pack asks of the stages already passed: the missing risk reviewer approvals.
    const resume = await h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/transitions`, headers: as('builder'), payload: { to: 'approved' } });
    expect(resume.statusCode).toBe(409);
    const owed = resume.json().problems.filter((p: { guard: string }) => p.guard === 'approvals');
    expect(owed.map((p: { message: string }) => p.message.split(' needs')[0]).sort()).toEqual(['assessed → approved', 'triage → assessed']);
    expect(owed.flatMap((p: { pending: { role: string }[] }) => p.pending.map((r) => r.role))).toEqual(['risk_reviewer', 'risk_reviewer']);
    expect(resume.json().problems.some((p: { guard: string }) => p.guard === 'controls')).toBe(true);
    await walkGoverned(h, h.acme, uc.id, 'approved');
    expect((await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}`, headers: as('viewer') })).json().stage).toBe('approved');
  });

  it('sends a live use case back for approvals when a risk reviewer overrides its tier upwards, and rejects a prohibited one', async () => {
    const uc = await screenedUseCase(h, h.acme, 'limited');
    await walkGoverned(h, h.acme, uc.id, 'build');
    const justification = 'Adjusters act on the ranking without reading the claim: treat it as high-risk.';
    const raised = await h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/tier-override`, headers: as('risk_reviewer'), payload: { tier: 'high', justification } });
    expect(raised.statusCode).toBe(200);
    const after = (await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}`, headers: as('viewer') })).json();
    expect(after).toMatchObject({ riskTier: 'high', stage: 'suspended', suspendedFrom: 'build', policyPackVersion: 'high@default' });
    const [suspension, override] = await ledger(uc.id);
    expect(suspension).toMatchObject({ action: 'usecase.transition', after: { stage: 'suspended' } });
    expect(override).toMatchObject({ action: 'risk.override', before: { tier: 'limited' }, after: { tier: 'high', justification } });
    const resume = await h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/transitions`, headers: as('builder'), payload: { to: 'build' } });
    expect(resume.statusCode).toBe(409);
    expect(resume.json().problems.filter((p: { guard: string }) => p.guard === 'approvals').length).toBeGreaterThan(0);

    const early = await screenedUseCase(h, h.acme, 'minimal');
    await h.inject({ method: 'POST', url: `/api/v1/use-cases/${early.id}/transitions`, headers: as('business_owner'), payload: { to: 'triage' } });
    await walkGoverned(h, h.acme, early.id, 'assessed');
    await h.inject({ method: 'POST', url: `/api/v1/use-cases/${early.id}/tier-override`, headers: as('risk_reviewer'), payload: { tier: 'prohibited', justification: 'The scoring infers emotions of staff at work (Art. 5(1)(f)).' } });
    expect((await h.inject({ method: 'GET', url: `/api/v1/use-cases/${early.id}`, headers: as('viewer') })).json()).toMatchObject({ riskTier: 'prohibited', stage: 'rejected' });
  });

  it('lets a risk reviewer override the tier with a justification, both ledgered, and keeps the history', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    const override = (role: Role, payload: object) => h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/tier-override`, headers: as(role), payload });
    const justification = 'The Annex III purpose is ancillary: the output only orders the queue, a handler decides.';
    expect((await override('builder', { tier: 'limited', justification })).statusCode).toBe(403);
    expect((await override('risk_reviewer', { tier: 'limited', justification: 'no' })).statusCode).toBe(400);
    expect((await override('risk_reviewer', { tier: 'high', justification })).statusCode).toBe(409);
    const res = await override('risk_reviewer', { tier: 'limited', justification });
    expect(res.statusCode).toBe(200);
    expect(res.json().useCase).toMatchObject({ riskTier: 'limited', policyPackVersion: 'limited@default' });
    await screen(uc.id, ANSWERS_FOR.high);
    const first = await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/screenings?limit=1`, headers: as('viewer') });
    expect(first.json().items.map((s: { number: number }) => s.number)).toEqual([2]);
    const second = await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/screenings?limit=1&cursor=${first.json().nextCursor}`, headers: as('viewer') });
    expect(second.json().items[0]).toMatchObject({ number: 1, overrides: [{ fromTier: 'high', toTier: 'limited', justification, overriddenBy: { id: h.acme.actors.risk_reviewer.id } }] });
    expect(second.json().nextCursor).toBeNull();
    const actions = (await ledger(uc.id)).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['risk.screen', 'risk.override', 'risk.screen']);
    const unscreened = await create('Never screened');
    expect((await h.inject({ method: 'POST', url: `/api/v1/use-cases/${unscreened.id}/tier-override`, headers: as('risk_reviewer'), payload: { tier: 'high', justification } })).statusCode).toBe(409);
  });
});
