import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS } from '../../src/kernel/clock.js';
import { defaultPacks } from '../../src/policy/packs.js';
import { describeEachDb } from '../support/databases.js';
import { screenedUseCase } from '../support/governance.js';
import { type PeopleHarness, startPeople } from './people-harness.js';

describeEachDb('skilling: role-based paths, applied labs, and the pack’s people section on keys and approvals', (db) => {
  let h: PeopleHarness;
  let items: Record<string, string>;
  beforeAll(async () => {
    h = await startPeople(db);
    items = await h.itemIds(h.acme.headers.viewer);
  });
  afterAll(async () => h?.close());

  const person = async (role: keyof PeopleHarness['acme']['actors'], skillRole: string) =>
    (await h.ok('POST', '/api/v1/people', h.acme.headers.change_lead, { userId: h.acme.actors[role].id, skillRole })).id as string;
  const complete = (personId: string, slugs: string[], headers = h.acme.headers.change_lead, completedAt?: string) =>
    Promise.all(slugs.map((slug) => h.ok('POST', `/api/v1/people/${personId}/completions`, headers, { itemId: items[slug], evidence: 'LMS record', ...(completedAt ? { completedAt } : {}) })));
  const LITERACY = ['how-ai-works', 'safe-daily-use', 'escalate-and-report'];

  it('ships the default catalogue of role-based paths, and each tenant edits its own copy', async () => {
    const paths = (await h.ok('GET', '/api/v1/skill-paths', h.acme.headers.viewer)).items;
    expect(paths.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['ai-literacy', 'executive-governance', 'manager-workflow-redesign', 'responsible-ai-builder', 'end-user-safe-use', 'ai-risk-approver']));
    const builder = paths.find((p: { slug: string }) => p.slug === 'responsible-ai-builder');
    expect(builder).toMatchObject({ requiredFor: ['builder'], items: expect.arrayContaining(['lab-build-a-prototype', 'lab-evaluate-the-risks']) });
    const exec = paths.find((p: { slug: string }) => p.slug === 'executive-governance');
    const stale = await h.api('PATCH', `/api/v1/skill-paths/${exec.id}`, { ...h.acme.headers.change_lead, 'if-match': '"v9"' }, { requiredFor: ['executive', 'manager'] });
    expect(stale.statusCode).toBe(412);
    const edited = await h.api('PATCH', `/api/v1/skill-paths/${exec.id}`, { ...h.acme.headers.change_lead, 'if-match': '"v1"' }, { items: [...exec.items, 'no-such-module'] });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().errors[0].path).toMatch(/^body\.items\./);
    expect((await h.api('PATCH', `/api/v1/skill-paths/${exec.id}`, h.acme.headers.viewer, { requiredFor: [] })).statusCode).toBe(403);
    const lab = await h.ok('POST', '/api/v1/skill-items', h.acme.headers.change_lead, { slug: 'lab-claims-bottleneck', kind: 'lab', task: 'find_the_bottleneck', title: 'Claims bottleneck', summary: 'On claims intake', minutes: 60 });
    expect(lab).toMatchObject({ kind: 'lab', task: 'find_the_bottleneck', validityDays: null });
    expect((await h.api('POST', '/api/v1/skill-items', h.acme.headers.change_lead, { slug: 'lab-x', kind: 'lab', title: 'No task', summary: 'x', minutes: 60 })).json().errors[0].path).toBe('body.task');
    const globex = (await h.ok('GET', '/api/v1/skill-items', h.globex.headers.viewer)).items;
    expect(globex.map((i: { slug: string }) => i.slug)).not.toContain('lab-claims-bottleneck');
  });

  it('refuses a gateway key to a requester or owner without the paths the pack requires, and issues it once they hold them (Art. 4)', async () => {
    const useCaseId = await h.useCase('limited', 'build');
    const issue = (headers: Record<string, string>, body: Record<string, unknown> = {}) => h.api('POST', `/api/v1/use-cases/${useCaseId}/keys`, headers, { environment: 'pilot', name: 'claims app', ...body });
    const unregistered = await issue(h.acme.headers.builder);
    expect(unregistered.statusCode).toBe(403);
    expect(unregistered.json().problems[0]).toContain('not in the skilling register');
    expect(unregistered.json().problems[0]).toContain('EU AI Act Art. 4');

    const builder = await person('builder', 'builder');
    const untrained = await issue(h.acme.headers.builder);
    expect(untrained.statusCode).toBe(403);
    expect(untrained.json().problems).toEqual([expect.stringContaining('ai-literacy (not started: 0 of 3 items)')]);
    await complete(builder, LITERACY.slice(0, 2), h.acme.headers.builder);
    expect((await issue(h.acme.headers.builder)).json().problems[0]).toContain('ai-literacy (in progress: 2 of 3 items)');
    await complete(builder, LITERACY.slice(2), h.acme.headers.builder);
    expect((await issue(h.acme.headers.builder)).statusCode).toBe(201);

    // The owner must hold the paths too.
    const forOwner = await issue(h.acme.headers.builder, { ownerId: h.acme.actors.business_owner.id });
    expect(forOwner.statusCode).toBe(403);
    expect(forOwner.json().problems[0]).toContain('(key owner) is not in the skilling register');

    // A high-tier use case asks for the builder path with its applied labs.
    const high = await h.useCase('high', 'build');
    const refused = await h.api('POST', `/api/v1/use-cases/${high}/keys`, h.acme.headers.builder, { environment: 'pilot', name: 'x' });
    expect(refused.json().problems[0]).toMatch(/responsible-ai-builder \(not started: 0 of 7 items\)/);

    // Literacy expires after a year: the key is refused again until the refresher.
    h.clock.advance(366 * DAY_MS);
    const lapsed = await issue(h.acme.headers.builder);
    expect(lapsed.statusCode).toBe(403);
    expect(lapsed.json().problems[0]).toMatch(/ai-literacy \(expired: 0 of 3 items, expired \d{4}-\d{2}-\d{2}\)/);
    await complete(builder, LITERACY, h.acme.headers.builder);
    expect((await issue(h.acme.headers.builder)).statusCode).toBe(201);
  });

  it('lets the learner or a people manager record a module, never a lab and never in the future', async () => {
    const viewer = await person('viewer', 'end_user');
    expect((await h.api('POST', `/api/v1/people/${viewer}/completions`, h.acme.headers.builder, { itemId: items['how-ai-works'] })).statusCode).toBe(403);
    expect((await h.api('POST', `/api/v1/people/${viewer}/completions`, h.acme.headers.viewer, { itemId: items['lab-map-the-process'] })).json().detail).toContain('reviewer sign-off');
    const future = new Date(h.clock.now().getTime() + DAY_MS).toISOString();
    expect((await h.api('POST', `/api/v1/people/${viewer}/completions`, h.acme.headers.viewer, { itemId: items['how-ai-works'], completedAt: future })).statusCode).toBe(400);
    expect((await h.api('POST', `/api/v1/people/${viewer}/completions`, h.acme.headers.viewer, { itemId: items['how-ai-works'] })).statusCode).toBe(201);
  });

  it('completes a lab only with evidence on a use case and the sign-off of a reviewer who is not the learner', async () => {
    const useCaseId = await h.useCase('high', 'assessed');
    const reviewer = await person('risk_reviewer', 'manager');
    const submit = (body: Record<string, unknown>) => h.api('POST', `/api/v1/people/${reviewer}/lab-attempts`, h.acme.headers.risk_reviewer, { labId: items['lab-evaluate-the-risks'], useCaseId, ...body });
    expect((await submit({ evidence: { summary: '' } })).statusCode).toBe(400);
    expect((await submit({ useCaseId: 'uc_missing', evidence: { summary: 'x' } })).json().errors[0].path).toBe('body.useCaseId');
    const attempt = (await submit({ evidence: { summary: 'Risk file walked with the builder; red-team results read.', links: ['https://wiki.example/risk-file'] } })).json();
    expect(attempt).toMatchObject({ status: 'submitted', task: 'evaluate_the_risks', useCaseId, reviewer: null });
    expect((await submit({ evidence: { summary: 'again' } })).statusCode).toBe(409);

    const signOff = (headers: Record<string, string>) => h.api('POST', `/api/v1/lab-attempts/${attempt.id}/sign-off`, headers, { decision: 'sign_off', note: 'Evidence checked against the risk file.' });
    const self = await signOff(h.acme.headers.risk_reviewer);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toContain('not the learner');
    expect((await signOff(h.acme.headers.viewer)).statusCode).toBe(403);
    const signed = await signOff(h.acme.headers.business_owner);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed_off', reviewer: { id: h.acme.actors.business_owner.id } });
    expect((await signOff(h.acme.headers.change_lead)).statusCode).toBe(409);

    const detail = await h.ok('GET', `/api/v1/people/${reviewer}`, h.acme.headers.viewer);
    expect(detail.completions).toEqual([expect.objectContaining({ itemSlug: 'lab-evaluate-the-risks', labAttemptId: attempt.id })]);
    expect(detail.paths.find((p: { slug: string }) => p.slug === 'ai-risk-approver')).toMatchObject({ done: 1, total: 3, status: 'in_progress' });
    const ledger = await h.ok('GET', `/api/v1/ledger?subjectId=${attempt.id}`, h.acme.headers.risk_reviewer);
    expect(ledger.items.map((e: { action: string }) => e.action)).toEqual(['lab.sign_off', 'lab.submit']);
  });

  it('refuses an approval to an approver without the pack’s approver paths, and takes it once they hold them', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    const move = (to: string) => h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/transitions`, headers: h.acme.headers.builder, payload: { to } });
    expect((await move('triage')).statusCode).toBe(200);
    const pending = (await move('assessed')).json().problems.find((p: { guard: string }) => p.guard === 'approvals').pending;
    expect(pending).toEqual([expect.objectContaining({ role: 'risk_reviewer' })]);
    const decide = () => h.inject({ method: 'POST', url: `/api/v1/approval-requests/${pending[0].requestId}/decision`, headers: h.acme.headers.risk_reviewer, payload: { decision: 'grant' } });
    const refused = await decide();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().problems).toEqual([expect.stringMatching(/\(approver\) lacks skill paths the Charter default — high pack requires \(EU AI Act Art. 4, AI literacy\): ai-literacy .*ai-risk-approver \(in progress: 1 of 3 items\)/)]);
    const me = (await h.ok('GET', `/api/v1/people?userId=${h.acme.actors.risk_reviewer.id}`, h.acme.headers.viewer)).items[0].id;
    await complete(me, [...LITERACY, 'approval-duties', 'eu-ai-act-obligations'], h.acme.headers.risk_reviewer);
    expect((await decide()).statusCode).toBe(200);
    const guard = h.people.approverGuard;
    expect(await h.charter.kernel.db.transaction().execute((tx) => guard({ tx, actor: h.acme.actors.executive, pack: defaultPacks().minimal }))).toEqual([]);
  });

  it('reports coverage by role, team and value stream, with refreshers due and expired paths', async () => {
    const team = await h.charter.services.auth.createTeam(h.charter.kernel.db, h.acme.id, 'Claims Operations');
    const handlers = [];
    for (const name of ['Aisha Khan', 'Tom Byrne', 'Marta Nowak', 'Declan Shaw']) {
      handlers.push((await h.ok('POST', '/api/v1/people', h.acme.headers.change_lead, { name, skillRole: 'end_user', teamId: team.id, valueStreamId: h.acme.valueStreamId, workGroup: 'Claims handlers' })).id);
    }
    const endUserPath = ['assistant-in-your-workflow', ...LITERACY];
    await complete(handlers[0], endUserPath);
    await complete(handlers[1], endUserPath, undefined, new Date(h.clock.now().getTime() - 350 * DAY_MS).toISOString());
    await complete(handlers[2], endUserPath, undefined, new Date(h.clock.now().getTime() - 400 * DAY_MS).toISOString());
    const coverage = await h.ok('GET', '/api/v1/skilling/coverage', h.acme.headers.viewer);
    expect(coverage.byTeam.find((t: { key: string }) => t.key === team.id)).toEqual({ key: team.id, name: 'Claims Operations', people: 4, covered: 2, coverage: 0.5, refresherDue: 1, expired: 1 });
    expect(coverage.byWorkGroup.find((t: { key: string }) => t.key === 'Claims handlers')).toMatchObject({ people: 4, covered: 2 });
    expect(coverage.byValueStream.find((t: { key: string }) => t.key === h.acme.valueStreamId)).toMatchObject({ name: 'Claims', people: 4 });
    expect(coverage.byRole.map((r: { key: string }) => r.key)).toEqual(['executive', 'manager', 'builder', 'end_user']);
    expect(coverage.overall.people).toBeGreaterThanOrEqual(7);
    expect((await h.ok('GET', `/api/v1/people?teamId=${team.id}`, h.acme.headers.viewer)).items.map((p: { covered: boolean }) => p.covered)).toEqual([true, false, false, true]);
    expect((await h.api('POST', '/api/v1/people', h.acme.headers.change_lead, { name: 'X', skillRole: 'end_user', teamId: 'team_other' })).json().errors[0].path).toBe('body.teamId');
    // A member already in the register is refused at the field that names them.
    const twice = await h.api('POST', '/api/v1/people', h.acme.headers.change_lead, { userId: h.acme.actors.builder.id, skillRole: 'builder' });
    await h.api('POST', '/api/v1/people', h.acme.headers.change_lead, { userId: h.acme.actors.builder.id, skillRole: 'builder' }).then((again) => {
      expect(again.statusCode).toBe(409);
      expect(again.json().errors).toEqual([{ path: 'body.userId', message: 'already in the skilling register' }]);
    });
    expect([201, 409]).toContain(twice.statusCode);
  });
});
