import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { DAY_MS } from '../../src/kernel/clock.js';
import { describeEachDb } from '../support/databases.js';
import { READINESS, screenedUseCase, walkGoverned } from '../support/governance.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { trainTenant } from '../support/skills.js';

type Json = Record<string, any>;

describeEachDb('approvals and stage guards over HTTP', (db) => {
  let h: Harness;
  /** A member who is both business owner and risk reviewer, to prove one person grants one role. */
  let dual: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness(db);
    const { auth } = h.charter.services;
    const user = await auth.addMember(h.charter.kernel.db, h.acme.id, { email: 'dual@acme.test', name: 'Dana Dual', roles: ['business_owner', 'risk_reviewer'] });
    const token = await auth.createToken({ tenantId: h.acme.id, kind: 'user', id: user.id, name: user.name, roles: ['business_owner', 'risk_reviewer'] }, { name: 'test' });
    dual = { authorization: `Bearer ${token.token}` };
    // Approvers hold the skill paths the packs name (the people capability's guard); their labs were done on a first use case.
    const first = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: h.acme.headers.business_owner, payload: useCaseBody(h.acme.valueStreamId, { title: 'Training ground' }) });
    await trainTenant(h, h.acme, first.json().id);
  });
  afterAll(async () => h?.close());

  const headersOf = (who: Role | Record<string, string>) => (typeof who === 'string' ? h.acme.headers[who] : who);
  const move = (id: string, to: string, who: Role | Record<string, string> = 'builder') => h.inject({ method: 'POST', url: `/api/v1/use-cases/${id}/transitions`, headers: headersOf(who), payload: { to } });
  const decide = (requestId: string, who: Role | Record<string, string>, decision: 'grant' | 'reject', reason?: string) =>
    h.inject({ method: 'POST', url: `/api/v1/approval-requests/${requestId}/decision`, headers: headersOf(who), payload: { decision, ...(reason ? { reason } : {}) } });
  const pendingOf = (res: { json(): Json }) => res.json().problems.filter((p: Json) => p.guard === 'approvals').flatMap((p: Json) => p.pending) as { requestId: string; role: Role; dueAt: string }[];
  const actions = async (id: string) => (await h.inject({ method: 'GET', url: `/api/v1/ledger?subjectId=${id}&limit=200`, headers: h.acme.headers.risk_reviewer })).json().items.map((e: Json) => e.action);

  it('opens one request per role the pack names, holds the move until all grant, then lets it through', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    expect((await move(uc.id, 'triage')).statusCode).toBe(200);
    const first = await move(uc.id, 'assessed');
    expect(first.statusCode).toBe(409);
    expect(first.json().problems).toEqual([expect.objectContaining({ guard: 'approvals', code: 'approval-requested', message: 'triage → assessed needs the approval of risk_reviewer, due 2026-03-07' })]);
    const [request] = pendingOf(first);
    expect(request).toMatchObject({ role: 'risk_reviewer', dueAt: '2026-03-07T09:00:00.000Z' });
    const again = await move(uc.id, 'assessed');
    expect(again.json().problems[0].code).toBe('approval-pending');
    expect(pendingOf(again)[0].requestId).toBe(request.requestId);

    const granted = await decide(request.requestId, 'risk_reviewer', 'grant');
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', approvalStatus: 'granted', decidedBy: { id: h.acme.actors.risk_reviewer.id } });
    expect((await move(uc.id, 'assessed')).statusCode).toBe(200);
    const [approval] = (await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/approvals`, headers: h.acme.headers.viewer })).json().items;
    expect(approval).toMatchObject({ from: 'triage', to: 'assessed', status: 'completed', requestedBy: { id: h.acme.actors.builder.id } });
    const ledger = await h.inject({ method: 'GET', url: `/api/v1/ledger?action=approval.*&limit=50`, headers: h.acme.headers.risk_reviewer });
    expect(ledger.json().items.filter((e: Json) => e.after.useCaseId === uc.id).map((e: Json) => e.action)).toEqual(['approval.grant', 'approval.request']);
  });

  it('keeps separation of duties: nobody approves their own move, one person grants one role, only holders of the role decide', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    await walkGoverned(h, h.acme, uc.id, 'assessed');
    const controls = (await h.inject({ method: 'GET', url: `/api/v1/use-cases/${uc.id}/controls`, headers: h.acme.headers.viewer })).json().items as Json[];
    const due = controls.filter((c) => c.requiredBefore === 'approved').map((c) => ({ control: c.control, status: 'implemented', evidence: [{ kind: 'url', url: 'https://wiki.example/ai-policy', title: 'AI policy' }] }));
    expect((await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}/controls`, headers: h.acme.headers.builder, payload: { items: due } })).statusCode).toBe(200);

    const asked = await move(uc.id, 'approved', dual);
    const byRole = Object.fromEntries(pendingOf(asked).map((p) => [p.role, p.requestId]));
    expect(Object.keys(byRole).sort()).toEqual(['business_owner', 'risk_reviewer']);
    const own = await decide(byRole.business_owner, dual, 'grant');
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('you requested this move');
    expect((await decide(byRole.risk_reviewer, 'business_owner', 'grant')).json().detail).toContain('needs a risk_reviewer');
    expect((await decide(byRole.risk_reviewer, 'platform_admin', 'grant')).statusCode).toBe(403);
    expect((await decide(byRole.risk_reviewer, 'builder', 'grant')).statusCode).toBe(403);

    // A rejection closes the approval; the builder asks again, and the dual-role member may now grant one role, not two.
    const rejected = await decide(byRole.risk_reviewer, 'risk_reviewer', 'reject', 'The fallback path is untested.');
    expect(rejected.json()).toMatchObject({ status: 'rejected', approvalStatus: 'rejected', reason: 'The fallback path is untested.' });
    const retry = await move(uc.id, 'approved');
    const next = Object.fromEntries(pendingOf(retry).map((p) => [p.role, p.requestId]));
    expect(next.business_owner).not.toBe(byRole.business_owner);
    expect((await decide(next.business_owner, dual, 'grant')).statusCode).toBe(200);
    const twice = await decide(next.risk_reviewer, dual, 'grant');
    expect(twice.statusCode).toBe(403);
    expect(twice.json().detail).toContain('one person grants one role');
    expect((await decide(next.risk_reviewer, 'risk_reviewer', 'grant')).json().approvalStatus).toBe('granted');
    expect((await move(uc.id, 'approved')).statusCode).toBe(200);
  });

  it('needs a reason to reject, closes the approval and withdraws the other requests', async () => {
    const uc = await screenedUseCase(h, h.acme, 'critical');
    await walkGoverned(h, h.acme, uc.id, 'assessed');
    const asked = await move(uc.id, 'approved');
    const requests = pendingOf(asked);
    expect(requests.map((r) => r.role).sort()).toEqual(['business_owner', 'executive', 'risk_reviewer']);
    const exec = requests.find((r) => r.role === 'executive')!;
    const noReason = await decide(exec.requestId, 'executive', 'reject');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    expect((await decide(exec.requestId, 'executive', 'reject', 'No budget for the second-line review this year.')).statusCode).toBe(200);
    const all = (await h.inject({ method: 'GET', url: `/api/v1/approval-requests?useCaseId=${uc.id}&limit=10`, headers: h.acme.headers.viewer })).json().items as Json[];
    const latest = all.filter((r) => r.approvalId === all.find((x) => x.id === exec.requestId)!.approvalId);
    expect(latest.map((r) => `${r.role}:${r.status}`).sort()).toEqual(['business_owner:withdrawn', 'executive:rejected', 'risk_reviewer:withdrawn']);
    const late = await decide(requests.find((r) => r.role === 'business_owner')!.requestId, 'business_owner', 'grant');
    expect(late.statusCode).toBe(409);
    expect((await move(uc.id, 'approved')).json().problems.find((p: Json) => p.guard === 'approvals').code).toBe('approval-requested');
    expect(await actions(exec.requestId)).toEqual(['approval.reject']);
  });

  it('lists overdue requests and marks them once, ledgered, when the scheduler runs', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    await move(uc.id, 'triage');
    const [request] = pendingOf(await move(uc.id, 'assessed'));
    const overdue = async () => (await h.inject({ method: 'GET', url: '/api/v1/approval-requests?overdue=true&limit=200', headers: h.acme.headers.viewer })).json().items as Json[];
    expect((await overdue()).map((r) => r.id)).not.toContain(request.requestId);
    h.clock.advance(6 * DAY_MS);
    const listed = (await overdue()).find((r) => r.id === request.requestId);
    expect(listed).toMatchObject({ overdue: true, status: 'pending', role: 'risk_reviewer', useCaseId: uc.id });
    await h.charter.kernel.scheduler.tick();
    await h.charter.kernel.scheduler.tick();
    expect(await actions(request.requestId)).toEqual(['approval.overdue']);
  });

  it('lets the people capability add approver requirements', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    await move(uc.id, 'triage');
    const [request] = pendingOf(await move(uc.id, 'assessed'));
    let asked: Json | undefined;
    h.charter.services.approvals.addApproverGuard(async ({ actor, useCase, pack, role }) => {
      if (useCase.id !== uc.id) return [];
      asked = { actor: actor.id, skills: pack.people.approverSkills, role };
      return actor.id === h.acme.actors.risk_reviewer.id ? ['complete the ai-risk-approver skill path first'] : [];
    });
    const refused = await decide(request.requestId, 'risk_reviewer', 'grant');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().problems).toEqual(['complete the ai-risk-approver skill path first']);
    expect(asked).toEqual({ actor: h.acme.actors.risk_reviewer.id, skills: ['ai-literacy', 'ai-risk-approver'], role: 'risk_reviewer' });
    expect((await decide(request.requestId, dual, 'grant')).statusCode).toBe(200);
  });

  it('refuses an unscreened move past triage, and holds pilot until readiness is stated, quoting the operating model', async () => {
    const created = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: h.acme.headers.business_owner, payload: useCaseBody(h.acme.valueStreamId, { title: 'Unscreened' }) });
    const id = created.json().id;
    await move(id, 'triage');
    expect((await move(id, 'assessed')).json().problems).toEqual([expect.objectContaining({ guard: 'risk', code: 'screening-missing' })]);

    const uc = await screenedUseCase(h, h.acme, 'limited');
    await walkGoverned(h, h.acme, uc.id, 'build');
    await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, headers: h.acme.headers.builder, payload: { readiness: { dataSources: ['Claims system'], humanOversight: [], rollbackPlan: '' } } });
    const held = await move(uc.id, 'pilot');
    const readiness = held.json().problems.find((p: Json) => p.guard === 'readiness');
    expect(readiness.message).toContain('If a use case cannot clearly state its data sources, human oversight points, and rollback plan, it is not ready for enterprise scale');
    expect(readiness.gaps.map((g: Json) => g.item)).toEqual(['humanOversight', 'rollbackPlan']);
    await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, headers: h.acme.headers.builder, payload: { readiness: READINESS } });
    await walkGoverned(h, h.acme, uc.id, 'pilot');
    // Stepping back reduces exposure: no readiness, control or approval stands in the way.
    await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${uc.id}`, headers: h.acme.headers.builder, payload: { readiness: { dataSources: [], humanOversight: [], rollbackPlan: '' } } });
    expect((await move(uc.id, 'build')).statusCode).toBe(200);
  });
});
