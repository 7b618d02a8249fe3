import { describe, expect, it } from 'vitest';
import type { ProgrammeFacts, UseCaseFact } from './facts.js';
import { assessMaturity } from './maturity.js';
import { MILESTONES, RULES } from './milestones.js';

const useCase = (over: Partial<UseCaseFact> = {}): UseCaseFact => ({
  id: `uc_${Math.random().toString(36).slice(2, 8)}`, title: 'x', stage: 'pilot', measurable: true, visible: true, hasOwner: true, orphaned: false,
  dataSourcesStated: true, screened: true, changePlan: true, adoptionMeasurable: true, feedbackLast30d: 2, gatewayKeys: 1, signedOffLabs: 1,
  reusesAsset: true, scorecardHasData: true, gateDecided: true, ...over,
});

const facts = (over: Partial<ProgrammeFacts> = {}): ProgrammeFacts => ({
  at: '2026-06-01T00:00:00.000Z', useCases: [useCase(), useCase(), useCase()], modelEndpoints: 1,
  coverage: { overall: 0.9, byRole: [{ role: 'end_user', people: 10, coverage: 0.9 }, { role: 'executive', people: 0, coverage: null }] },
  lessonsLast90d: { wins: 1, failures: 1 }, decisionsLast90d: 2, latestReviewAt: '2026-05-20T00:00:00.000Z', cadenceMonths: 1,
  wired: { scorecards: true, gateDecisions: true }, ...over,
});

describe('the 90-day plan’s rules', () => {
  it('gives every milestone with a rule a rule that exists, and leaves office hours and intake criteria to their owners', () => {
    for (const m of MILESTONES) if (m.rule) expect(RULES[m.rule]).toBeTypeOf('function');
    expect(MILESTONES.filter((m) => !m.rule).map((m) => m.key)).toEqual(['intake-release-criteria', 'office-hours']);
    expect(MILESTONES.map((m) => m.phase)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  });

  it('meets "three to five use cases" at three, says when there are too many, and ignores intake and invisible ones', () => {
    expect(RULES.focus(facts())).toMatchObject({ decided: true, status: 'met', progress: 1 });
    const two = facts({ useCases: [useCase(), useCase(), useCase({ stage: 'intake' }), useCase({ visible: false }), useCase({ measurable: false })] });
    expect(RULES.focus(two)).toMatchObject({ status: 'in_progress', progress: 2 / 3 });
    const seven = RULES.focus(facts({ useCases: Array.from({ length: 7 }, () => useCase()) }));
    expect(seven).toMatchObject({ status: 'met', evidence: expect.stringContaining('more than the five') });
  });

  it('cannot decide milestones whose source is not wired', () => {
    expect(RULES.evaluation(facts({ wired: { scorecards: true, gateDecisions: false } }))).toEqual({ decided: false, why: 'evaluations are not wired into this Charter' });
    expect(RULES.dashboard(facts({ wired: { scorecards: false, gateDecisions: true } })).decided).toBe(false);
  });

  it('measures training by the weakest role with people against 80%', () => {
    const weak = facts({ coverage: { overall: 0.7, byRole: [{ role: 'end_user', people: 10, coverage: 0.4 }, { role: 'manager', people: 2, coverage: 1 }] } });
    expect(RULES.training(weak)).toMatchObject({ status: 'in_progress', progress: 0.5 });
    expect(RULES.training(facts())).toMatchObject({ status: 'met' });
  });

  it('counts inventory, owners, orphans, platform, labs, adoption tracking and early wins', () => {
    const f = facts({ useCases: [useCase({ hasOwner: false, orphaned: true }), useCase({ dataSourcesStated: false, changePlan: false }), useCase({ signedOffLabs: 0, feedbackLast30d: 0 }), useCase({ stage: 'retired', hasOwner: false })] });
    expect(RULES.inventory(f)).toMatchObject({ progress: 1 / 3 });
    expect(RULES['no-orphans'](f)).toMatchObject({ progress: 2 / 3 });
    expect(RULES.owners(f)).toMatchObject({ progress: 1 / 3 });
    expect(RULES.labs(f)).toMatchObject({ progress: 2 / 3 });
    expect(RULES['adoption-tracking'](f)).toMatchObject({ progress: 1 / 3 });
    expect(RULES.platform(facts({ modelEndpoints: 0 }))).toMatchObject({ status: 'in_progress', progress: 2 / 3 });
    expect(RULES['early-wins'](facts({ latestReviewAt: null, lessonsLast90d: { wins: 1, failures: 0 } }))).toMatchObject({ progress: 1 / 3 });
  });
});

describe('the maturity assessment', () => {
  it('reaches the operating model when every criterion holds', () => {
    expect(assessMaturity(facts())).toMatchObject({ level: 'operating_model', score: 100, gaps: [] });
  });

  it('stays at pilots only while a managed-portfolio criterion fails, and lists every gap lowest level first', () => {
    const a = assessMaturity(facts({ latestReviewAt: null, coverage: { overall: 0.5, byRole: [] } }));
    expect(a.level).toBe('pilots_only');
    expect(a.gaps).toEqual([expect.stringMatching(/^managed portfolio: hold the portfolio forum/), expect.stringMatching(/^operating model: close the skilling gaps/)]);
    expect(a.score).toBe(80);
  });

  it('is a managed portfolio, not an operating model, while measurement is not wired; reuse needs 30% of live use cases', () => {
    const a = assessMaturity(facts({ useCases: [useCase({ reusesAsset: false }), useCase({ reusesAsset: false }), useCase()], wired: { scorecards: false, gateDecisions: true } }));
    expect(a.level).toBe('managed_portfolio');
    expect(a.criteria.filter((c) => !c.met).map((c) => c.key)).toEqual(['measured']);
    const b = assessMaturity(facts({ useCases: [useCase({ reusesAsset: false }), useCase({ reusesAsset: false }), useCase({ reusesAsset: false }), useCase()] }));
    expect(b.criteria.find((c) => c.key === 'reuse')).toMatchObject({ met: false, evidence: 'reuse rate 25%' });
  });
});
