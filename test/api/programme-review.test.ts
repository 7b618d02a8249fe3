import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/kernel/actor.js';
import type { Role } from '../../src/kernel/auth/permissions.js';
import { DAY_MS } from '../../src/kernel/clock.js';
import { SECTION_KEYS } from '../../src/programme/review-pack.js';
import type { ProgrammeSources } from '../../src/programme/sources.js';
import { DEMO_PEOPLE, DEMO_TENANT } from '../../src/seed/cast.js';
import { seedDemo } from '../../src/seed/demo.js';
import { describeEachDb } from '../support/databases.js';
import { type PeopleHarness, startPeople } from './people-harness.js';

/**
 * Scorecards, incidents, gate decisions and expiring exceptions come from capabilities wired beside this one; here
 * small sources stand in for them, so the pack's sections can be checked with figures end to end.
 */
function standInSources(h: () => PeopleHarness): ProgrammeSources {
  const titled = async (actor: Actor, title: string) => (await h().charter.services.portfolio.all(actor)).find((u) => u.title === title)?.id;
  /** One line about the Northwind use case of that title; none in other tenants. */
  const about = async <T>(actor: Actor, title: string, line: (useCaseId: string) => T): Promise<T[]> => {
    const id = await titled(actor, title);
    return id ? [line(id)] : [];
  };
  return {
    scorecards: async (_actor, useCases) => useCases.map((uc, i) => ({ useCaseId: uc.id, outcome: i === 0 ? 'at_risk' : 'on_track', modelQuality: 'on_track', operationalHealth: 'on_track', adoption: 'at_risk', outcomeProgress: 0.42 })),
    incidents: async (actor, from) => about(actor, 'Claims triage assistant', (useCaseId) => ({ id: 'inc_1', useCaseId, title: 'Severity proposals drifted on motor claims', severity: 'sev3', status: 'resolved', openedAt: new Date(from.getTime() + DAY_MS).toISOString(), resolvedAt: new Date(from.getTime() + 2 * DAY_MS).toISOString() })),
    gateDecisions: async (actor, from) => about(actor, 'Reconciliation exception explainer', (useCaseId) => ({ id: 'gd_1', useCaseId, releaseId: 'rel_1', passed: false, decidedAt: new Date(from.getTime() + DAY_MS).toISOString(), failures: ['f1 0.81 < 0.85'] })),
    exceptionsExpiring: async (actor, until) => about(actor, 'Code review assistant', (useCaseId) => ({ id: 'exc_1', useCaseId, control: 'A.6.2.4', expiresAt: new Date(until.getTime() - DAY_MS).toISOString() })),
  };
}

describeEachDb('the portfolio forum: review packs on a cadence, for the seeded demo tenant', (db) => {
  let h: PeopleHarness;
  let tenantId: string;
  const headers: Partial<Record<string, Record<string, string>>> = {};
  beforeAll(async () => {
    h = await startPeople(db, { sources: standInSources(() => h) });
    await seedDemo(h.charter);
    tenantId = (await h.charter.kernel.db.selectFrom('tenants').select('id').where('slug', '=', DEMO_TENANT).executeTakeFirstOrThrow()).id;
    for (const p of DEMO_PEOPLE) {
      const user = await h.charter.kernel.db.selectFrom('users').select(['id', 'name']).where('email', '=', p.email).executeTakeFirstOrThrow();
      const token = await h.charter.services.auth.createToken({ tenantId, kind: 'user', id: user.id, name: user.name, roles: p.roles as Role[] }, { name: 'test' });
      headers[p.email.split('@')[0]] = { authorization: `Bearer ${token.token}` };
    }
    h.clock.advance(3_600_000);
  }, 180_000);
  afterAll(async () => h?.close());

  const as = (who: string) => headers[who]!;
  let reviewId: string;

  it('generates a pack for Northwind with every section, each with real figures', async () => {
    const id = async (q: string) => (await h.ok('GET', `/api/v1/use-cases?q=${encodeURIComponent(q)}`, as('eve.exec'))).items[0].id;
    const [claims, replies] = [await id('claims triage'), await id('support reply')];
    for (const [useCaseId, user, role] of [[claims, 'h1', 'claims_handler'], [claims, 'h2', 'claims_handler'], [claims, 'h3', 'claims_handler'], [replies, 'a1', 'support_agent']]) {
      await h.calls([{ tenant_id: tenantId, use_case_id: useCaseId, end_user_id: user, end_user_role: role }]);
    }
    const res = await h.api('POST', '/api/v1/portfolio-reviews', as('eve.exec'), {});
    expect(res.statusCode).toBe(201);
    reviewId = res.json().id;
    const { pack } = res.json();
    expect(pack.tenant).toBe('Northwind Mutual');
    expect(pack.sections.map((s: { key: string }) => s.key)).toEqual([...SECTION_KEYS]);
    expect(pack.sections.filter((s: { wired: boolean }) => !s.wired)).toEqual([]);
    const figures = Object.fromEntries(pack.sections.map((s: { key: string; figures: object }) => [s.key, s.figures]));
    expect(figures['use-cases']).toMatchObject({ portfolio: 12, live: 6, new: 12 });
    expect(figures.scorecards).toMatchObject({ useCases: 6, atRisk: 1, onTrack: 5 });
    expect(figures.incidents).toEqual({ incidents: 1, open: 0 });
    expect(figures['gate-decisions']).toEqual({ decisions: 1, passed: 0, failed: 1 });
    expect(figures['exceptions-expiring']).toEqual({ expiring: 1 });
    expect(figures.adoption).toEqual({ audiences: 3, activeUsers: 4, lowAdoption: 2 });
    expect(figures.skilling).toMatchObject({ people: 31, refresherDue: 1, expired: 1, labsSignedOff: 11 });
    expect(figures.skilling.covered).toBeGreaterThan(10);
    expect(figures.reuse).toMatchObject({ assets: 6, accepted: 5, reuses: 9, reuseRate: 4 / 6 });
    expect(figures['funding-asks']).toEqual({ open: 1, decided: 1 });
    expect(figures.lessons).toEqual({ lessons: 3, wins: 1, failures: 2 });
    expect(figures.decisions).toEqual({ decisions: 3 });
    const adoption = pack.sections.find((s: { key: string }) => s.key === 'adoption');
    expect(adoption.table.rows).toContainEqual(['Claims triage assistant', 'Claims handlers — Leeds', '3 / 12', '25%', '100%', '—', '4.0 / 5', '67%', 'training']);
  });

  it('renders the stored pack as Markdown, HTML and a PDF with pages', async () => {
    const doc = (format: string) => h.api('GET', `/api/v1/portfolio-reviews/${reviewId}/document?format=${format}`, as('victor.viewer'));
    const md = await doc('markdown');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('# Portfolio review — Northwind Mutual');
    expect(md.body).toContain('## 6. Adoption by role');
    expect(md.body).toContain('| Claims triage assistant | Claims handlers — Leeds | 3 / 12 |');
    const html = await doc('html');
    expect(html.headers['content-type']).toContain('text/html');
    for (const key of SECTION_KEYS) expect(html.body).toContain(`<section id="${key}">`);
    const pdf = await doc('pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.rawPayload.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('records the forum’s decisions against use cases, ledgered, and settles funding asks with them', async () => {
    const ask = (await h.ok('GET', '/api/v1/funding-asks?status=open', as('eve.exec'))).items[0];
    const decide = (body: Record<string, unknown>, who = 'eve.exec') => h.api('POST', `/api/v1/portfolio-reviews/${reviewId}/decisions`, as(who), body);
    expect((await decide({ useCaseId: ask.useCaseId, kind: 'fund', summary: 'Fund it.' })).json().errors[0].path).toBe('body.fundingAskId');
    expect((await decide({ useCaseId: ask.useCaseId, kind: 'fund', summary: 'x', fundingAskId: ask.id }, 'victor.viewer')).statusCode).toBe(403);
    const other = (await h.ok('GET', '/api/v1/use-cases?q=claims%20triage', as('eve.exec'))).items[0].id;
    expect((await decide({ useCaseId: other, kind: 'fund', summary: 'x', fundingAskId: ask.id })).json().errors[0].path).toBe('body.fundingAskId');
    const funded = await decide({ useCaseId: ask.useCaseId, kind: 'fund', summary: 'Fund two quarters in Manchester.', fundingAskId: ask.id });
    expect(funded.statusCode).toBe(201);
    expect((await decide({ useCaseId: ask.useCaseId, kind: 'decline_funding', summary: 'x', fundingAskId: ask.id })).statusCode).toBe(409);
    expect((await h.ok('GET', `/api/v1/funding-asks?useCaseId=${ask.useCaseId}`, as('eve.exec'))).items[0]).toMatchObject({ status: 'funded', decisionId: funded.json().id });
    expect((await h.ok('GET', `/api/v1/use-cases/${ask.useCaseId}/decisions`, as('victor.viewer'))).items[0]).toMatchObject({ kind: 'fund', reviewId });
    const ledger = await h.ok('GET', `/api/v1/ledger?subjectId=${ask.useCaseId}&action=forum.decision`, as('riley.risk'));
    expect(ledger.items[0].after).toMatchObject({ decisionId: funded.json().id, kind: 'fund', reviewId });
    expect((await h.ok('GET', `/api/v1/portfolio-reviews/${reviewId}/decisions`, as('victor.viewer'))).items).toHaveLength(1);
  });

  it('generates the pack on the tenant’s cadence, monthly by default, once per review date', async () => {
    const cadence = await h.ok('GET', '/api/v1/programme/review-cadence', as('victor.viewer'));
    expect(cadence).toMatchObject({ everyMonths: 1, dayOfMonth: 1, nextReviewAt: '2026-04-01T00:00:00.000Z', version: 0 });
    const cadenceReviews = async () => (await h.ok('GET', '/api/v1/portfolio-reviews?limit=200', as('victor.viewer'))).items.filter((r: { trigger: string }) => r.trigger === 'cadence');
    expect(await cadenceReviews()).toEqual([]);
    h.clock.set('2026-04-01T00:30:00.000Z');
    expect(await h.charter.kernel.scheduler.tick()).toContain('programme.portfolio-reviews');
    expect(await h.charter.kernel.db.selectFrom('jobs').select('last_error').where('name', '=', 'programme.portfolio-reviews').executeTakeFirst()).toEqual({ last_error: null });
    expect(await cadenceReviews()).toEqual([expect.objectContaining({ periodFrom: '2026-03-01T00:00:00.000Z', periodTo: '2026-04-01T00:00:00.000Z', generatedBy: 'portfolio review cadence' })]);
    h.clock.advance(2 * 3_600_000);
    await h.charter.kernel.scheduler.tick();
    expect(await cadenceReviews()).toHaveLength(1);

    const quarterly = await h.api('PUT', '/api/v1/programme/review-cadence', { ...as('eve.exec'), 'if-match': '"v0"' }, { everyMonths: 3, dayOfMonth: 5 });
    expect(quarterly.json()).toMatchObject({ everyMonths: 3, dayOfMonth: 5, nextReviewAt: '2026-04-05T00:00:00.000Z', version: 1 });
    expect((await h.api('PUT', '/api/v1/programme/review-cadence', as('victor.viewer'), { everyMonths: 1, dayOfMonth: 1 })).statusCode).toBe(403);
  });
});
