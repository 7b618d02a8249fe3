import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { DAY_MS } from '../../src/kernel/clock.js';
import { describeEachDb } from '../support/databases.js';
import { screenedUseCase, walkGoverned } from '../support/governance.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

type Json = Record<string, any>;
const link = (control: string) => [{ kind: 'url', url: `https://grc.example/${encodeURIComponent(control)}`, title: `${control} record` }];

describeEachDb('controls, evidence, exceptions and compliance posture over HTTP', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, role: Role, payload?: unknown) => h.inject({ method, url, headers: h.acme.headers[role], ...(payload === undefined ? {} : { payload: payload as object }) });
  const controlsOf = async (id: string) => (await call('GET', `/api/v1/use-cases/${id}/controls`, 'viewer')).json();
  const setControls = (id: string, items: object[]) => call('PATCH', `/api/v1/use-cases/${id}/controls`, 'builder', { items });
  const implementDue = async (id: string, stage: string, except: string[] = []) => {
    const due = (await controlsOf(id)).items.filter((c: Json) => c.requiredBefore === stage && !c.met && !except.includes(c.control));
    expect((await setControls(id, due.map((c: Json) => ({ control: c.control, status: 'implemented', evidence: link(c.control) })))).statusCode).toBe(200);
  };

  it('lists the pack’s controls and the screening’s uncovered EU AI Act obligations, each with the stage it falls due', async () => {
    const uc = await screenedUseCase(h, h.acme, 'critical');
    const view = await controlsOf(uc.id);
    expect(view).toMatchObject({ tier: 'critical', policyPackVersion: 'critical@default', summary: { met: 0 } });
    const byId = new Map<string, Json>(view.items.map((c: Json) => [c.control, c]));
    expect(byId.get('GOVERN 1.1')).toMatchObject({ framework: 'nist-ai-rmf', function: 'GOVERN', category: 'GOVERN 1', requiredBefore: 'approved', status: 'not_started', met: false });
    expect(byId.get('MEASURE 2.11')).toMatchObject({ requiredBefore: 'pilot' });
    expect(byId.get('MANAGE 4.3')).toMatchObject({ requiredBefore: 'production' });
    expect(byId.get('Art. 26')).toMatchObject({ framework: 'eu-ai-act', source: 'pack', requiredBefore: 'pilot' });
    expect(byId.get('Art. 43')).toMatchObject({ framework: 'eu-ai-act', source: 'screening', title: 'Conformity assessment' });
    expect(byId.has('Art. 26(2)')).toBe(false);
    expect(byId.get('A.6.2.4')).toMatchObject({ framework: 'iso-42001', title: null, requiredBefore: 'production' });
    // The screening and the creation are already evidence, linked by the published map.
    expect(byId.get('MAP 5.1')?.linked.map((l: Json) => l.action)).toEqual(['risk.screen']);
    expect(byId.get('GOVERN 1.6')?.linked.map((l: Json) => l.action)).toEqual(['usecase.create']);
    const map = (await call('GET', '/api/v1/controls/evidence-map', 'viewer')).json().items as Json[];
    expect(map).toContainEqual(expect.objectContaining({ action: 'review.*', controls: expect.arrayContaining(['Art. 14']) }));
  });

  it('asks evidence of an implemented control and a justification of a non-applicable one; files are kept as digests', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    const bad = await setControls(uc.id, [
      { control: 'GOVERN 1.1', status: 'implemented' },
      { control: 'MAP 1.2', status: 'not_applicable' },
      { control: 'GOVERN 9.9', status: 'in_progress' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: Json) => e.path)).toEqual(['body.items[0].evidence', 'body.items[1].justification', 'body.items[2].control']);

    const ok = await setControls(uc.id, [
      { control: 'GOVERN 1.1', status: 'implemented', evidence: link('GOVERN 1.1') },
      { control: 'GOVERN 1.6', status: 'implemented' },
      { control: 'MAP 1.2', status: 'not_applicable', justification: 'A vendor model: no interdisciplinary build team of our own.' },
      { control: 'GOVERN 2.1', status: 'in_progress' },
    ]);
    expect(ok.statusCode).toBe(200);
    const byId = new Map<string, Json>(ok.json().items.map((c: Json) => [c.control, c]));
    expect(['GOVERN 1.1', 'GOVERN 1.6', 'MAP 1.2', 'GOVERN 2.1'].map((c) => byId.get(c)?.met)).toEqual([true, true, true, false]);

    const content = Buffer.from('Data protection impact assessment, version 3, signed.');
    const file = await call('POST', `/api/v1/use-cases/${uc.id}/evidence`, 'builder', { control: 'GOVERN 2.1', kind: 'file', name: 'dpia-v3.pdf', contentBase64: content.toString('base64') });
    expect(file.statusCode).toBe(201);
    expect(file.json().file).toEqual({ name: 'dpia-v3.pdf', sha256: (await import('node:crypto')).createHash('sha256').update(content).digest('hex'), bytes: content.length });
    const ledger = (await call('GET', `/api/v1/ledger?subjectId=${uc.id}&action=control.*`, 'risk_reviewer')).json().items as Json[];
    expect(ledger.map((e) => e.action)).toEqual(['control.evidence', 'control.update']);
    expect(JSON.stringify(ledger)).not.toContain(content.toString('base64'));
    expect(ledger[0].after).toMatchObject({ control: 'GOVERN 2.1', kind: 'file', file: { name: 'dpia-v3.pdf', bytes: content.length } });
  });

  it('takes one multi-megabyte evidence file for several controls in one update, beyond the default body limit', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    const content = Buffer.alloc(3 * 1024 * 1024, 'Risk file, section 4: monitoring and rollback. ');
    const evidence = [{ kind: 'file', name: 'risk-file.pdf', contentBase64: content.toString('base64') }];
    const controls = ['GOVERN 1.1', 'GOVERN 1.2', 'GOVERN 1.6'];
    const res = await setControls(uc.id, controls.map((control) => ({ control, status: 'implemented', evidence })));
    expect(res.statusCode).toBe(200);
    const sha256 = (await import('node:crypto')).createHash('sha256').update(content).digest('hex');
    const byId = new Map<string, Json>(res.json().items.map((c: Json) => [c.control, c]));
    for (const control of controls) expect(byId.get(control)).toMatchObject({ met: true, evidence: [{ file: { name: 'risk-file.pdf', sha256, bytes: content.length } }] });
  });

  it('waives a control by an exception someone else approves, within the pack’s limit; once expired it blocks again', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    await walkGoverned(h, h.acme, uc.id, 'assessed');
    const request = (body: object) => call('POST', `/api/v1/use-cases/${uc.id}/exceptions`, 'builder', body);
    expect((await request({ control: 'GOVERN 4.3', rationale: 'Incident sharing agreement is being signed.', days: 91 })).json().errors[0].path).toBe('body.days');
    const asked = await request({ control: 'GOVERN 4.3', rationale: 'Incident sharing agreement is being signed.', days: 30 });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'requested', inForce: false });
    expect((await request({ control: 'GOVERN 4.3', rationale: 'Incident sharing agreement, again.', days: 10 })).statusCode).toBe(409);
    const decide = (role: Role, body: object) => call('POST', `/api/v1/exceptions/${asked.json().id}/decision`, role, body);
    expect((await decide('builder', { decision: 'approve' })).statusCode).toBe(403);
    expect((await decide('risk_reviewer', { decision: 'reject' })).statusCode).toBe(400);
    h.clock.advance(DAY_MS);
    const approved = await decide('risk_reviewer', { decision: 'approve', reason: 'Signed by the end of the month.' });
    expect(approved.json()).toMatchObject({ status: 'approved', inForce: true, expiresAt: '2026-04-02T09:00:00.000Z', decidedBy: { id: h.acme.actors.risk_reviewer.id } });
    expect((await controlsOf(uc.id)).items.find((c: Json) => c.control === 'GOVERN 4.3')).toMatchObject({ met: true, status: 'not_started', waiver: { exceptionId: asked.json().id } });

    await implementDue(uc.id, 'approved', ['GOVERN 4.3']);
    await walkGoverned(h, h.acme, uc.id, 'approved');
    const soon = async (state: string) => (await call('GET', `/api/v1/exceptions?state=${state}&useCaseId=${uc.id}`, 'viewer')).json().items.map((e: Json) => e.id);
    expect(await soon('active')).toEqual([asked.json().id]);
    expect(await soon('expiring')).toEqual([]);
    h.clock.advance(20 * DAY_MS);
    expect(await soon('expiring')).toEqual([asked.json().id]);
    h.clock.advance(11 * DAY_MS);
    expect(await soon('expired')).toEqual([asked.json().id]);
    const blocked = await call('POST', `/api/v1/use-cases/${uc.id}/transitions`, 'builder', { to: 'build' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().problems.find((p: Json) => p.guard === 'controls').controls).toEqual([{ control: 'GOVERN 4.3', status: 'not_started', requiredBefore: 'approved' }]);
    await h.charter.kernel.scheduler.tick();
    const lapse = (await call('GET', `/api/v1/ledger?subjectId=${asked.json().id}`, 'risk_reviewer')).json().items.map((e: Json) => e.action);
    expect(lapse).toEqual(['exception.expire', 'exception.approve', 'exception.request']);
  });

  it('refuses an exception to the requester, and where the pack allows none', async () => {
    const { auth } = h.charter.services;
    const user = await auth.addMember(h.charter.kernel.db, h.acme.id, { email: 'both@acme.test', name: 'Bo Both', roles: ['business_owner', 'risk_reviewer'] });
    const token = await auth.createToken({ tenantId: h.acme.id, kind: 'user', id: user.id, name: user.name, roles: ['business_owner', 'risk_reviewer'] }, { name: 'test' });
    const both = { authorization: `Bearer ${token.token}` };
    const uc = await screenedUseCase(h, h.acme, 'limited');
    const asked = await h.inject({ method: 'POST', url: `/api/v1/use-cases/${uc.id}/exceptions`, headers: both, payload: { control: 'Art. 50', rationale: 'Disclosure banner ships next sprint.', days: 14 } });
    const own = await h.inject({ method: 'POST', url: `/api/v1/exceptions/${asked.json().id}/decision`, headers: both, payload: { decision: 'approve' } });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('separation of duties');
    const prohibited = await screenedUseCase(h, h.acme, 'prohibited');
    const none = await call('POST', `/api/v1/use-cases/${prohibited.id}/exceptions`, 'builder', { control: 'Art. 5', rationale: 'We would like to try it anyway.', days: 1 });
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toContain('allows no exceptions');
  });

  it('reports posture per use case and per portfolio: NIST functions and categories, EU AI Act obligations met and open', async () => {
    const uc = await screenedUseCase(h, h.acme, 'high');
    await setControls(uc.id, [{ control: 'Art. 26', status: 'implemented', evidence: link('Art. 26') }, { control: 'GOVERN 1.1', status: 'implemented', evidence: link('GOVERN 1.1') }]);
    const posture = (await call('GET', `/api/v1/use-cases/${uc.id}/compliance`, 'viewer')).json();
    expect(posture.nist.functions.map((f: Json) => f.function)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    const govern1 = posture.nist.functions[0].categories.find((c: Json) => c.category === 'GOVERN 1');
    expect(govern1).toMatchObject({ required: 7, met: 1 });
    expect(govern1.open).not.toContain('GOVERN 1.1');
    const eu = new Map(posture.euAiAct.obligations.map((o: Json) => [o.ref, o]));
    expect(eu.get('Art. 26(2)')).toMatchObject({ coveredBy: 'Art. 26', status: 'met' });
    expect(eu.get('Art. 86')).toMatchObject({ coveredBy: 'Art. 86', status: 'open' });
    expect(eu.get('Art. 14')).toMatchObject({ coveredBy: 'Art. 14', status: 'open' });
    expect(eu.has('Art. 26')).toBe(false);
    expect(posture.stages.map((s: Json) => s.stage)).toEqual(['approved', 'pilot', 'production']);

    const unscreened = (await call('POST', '/api/v1/use-cases', 'business_owner', useCaseBody(h.acme.valueStreamId, { title: 'Not screened yet' }))).json();
    const portfolio = (await call('GET', '/api/v1/compliance', 'executive')).json();
    expect(portfolio.unscreened).toContain(unscreened.id);
    const row = portfolio.useCases.find((u: Json) => u.id === uc.id);
    expect(row).toMatchObject({ tier: 'high', nist: { required: 55, met: 1 }, euAiAct: { met: 9 } });
    expect(row.openEuObligations).toContain('Art. 86');
    expect(portfolio.nist.functions.find((f: Json) => f.function === 'GOVERN').required).toBeGreaterThanOrEqual(18);
    expect(portfolio.euAiAct.open).toBe(portfolio.euAiAct.required - portfolio.euAiAct.met);
  });
});
