import { z } from 'zod';
import { DAY_MS } from '../kernel/clock.js';
import { focusUseCases, liveUseCases, openUseCases, type ProgrammeFacts, share, usedUseCases } from './facts.js';

export const MATURITY_LEVELS = ['pilots_only', 'managed_portfolio', 'operating_model'] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

export const Criterion = z.object({
  key: z.string(),
  level: z.enum(['managed_portfolio', 'operating_model']).describe('the level this criterion belongs to'),
  rule: z.string(),
  met: z.boolean(),
  evidence: z.string(),
  gap: z.string().nullable().describe('what to do, when not met'),
});
export type Criterion = z.infer<typeof Criterion>;

export const MaturityAssessment = z.object({
  at: z.string(),
  level: z.enum(MATURITY_LEVELS),
  score: z.number().describe('criteria met ÷ criteria, 0–100'),
  criteria: z.array(Criterion),
  gaps: z.array(z.string()).describe('unmet criteria of the levels above the current one, lowest level first'),
});
export type MaturityAssessment = z.infer<typeof MaturityAssessment>;

const REUSE_RATE = 0.3;
const COVERAGE = 0.8;
const RECENT_DAYS = 90;
const pct = (x: number | null) => (x === null ? 'unknown' : `${Math.round(x * 100)}%`);

type Check = (f: ProgrammeFacts) => { met: boolean; evidence: string };
const CRITERIA: { key: string; level: Criterion['level']; rule: string; gap: string; check: Check }[] = [
  {
    key: 'measurable-outcomes', level: 'managed_portfolio', rule: 'at least three use cases past intake tied to measurable outcomes with high visibility',
    gap: 'tie three to five visible use cases to outcome statements with a baseline, target and date',
    check: (f) => ({ met: focusUseCases(f).length >= 3, evidence: `${focusUseCases(f).length} such use cases` }),
  },
  {
    key: 'no-orphans', level: 'managed_portfolio', rule: 'no open use case is orphaned', gap: 'give every orphaned use case an owner and an outcome metric, or retire it',
    check: (f) => {
      const orphans = openUseCases(f).filter((u) => u.orphaned).length;
      return { met: openUseCases(f).length > 0 && orphans === 0, evidence: `${orphans} of ${openUseCases(f).length} open use cases orphaned` };
    },
  },
  {
    key: 'governed', level: 'managed_portfolio', rule: 'every live use case is screened and governed by a policy pack', gap: 'screen every live use case for risk',
    check: (f) => {
      const live = liveUseCases(f);
      return { met: live.length > 0 && live.every((u) => u.screened), evidence: `${live.filter((u) => u.screened).length} of ${live.length} live use cases screened` };
    },
  },
  {
    key: 'forum-cadence', level: 'managed_portfolio', rule: 'a portfolio review pack was generated within one and a half cadence periods', gap: 'hold the portfolio forum on its cadence',
    check: (f) => {
      const days = f.latestReviewAt ? (Date.parse(f.at) - Date.parse(f.latestReviewAt)) / DAY_MS : null;
      return { met: days !== null && days <= f.cadenceMonths * 45, evidence: days === null ? 'no review pack yet' : `latest review pack ${Math.floor(days)} days ago` };
    },
  },
  {
    key: 'reuse', level: 'operating_model', rule: `at least ${REUSE_RATE * 100}% of live use cases reuse an asset of the library`, gap: 'start new use cases from library assets and record the reuse',
    check: (f) => {
      const live = liveUseCases(f);
      const rate = live.length ? share(live, (u) => u.reusesAsset) : null;
      return { met: rate !== null && rate >= REUSE_RATE, evidence: `reuse rate ${pct(rate)}` };
    },
  },
  {
    key: 'skilling', level: 'operating_model', rule: `at least ${COVERAGE * 100}% of the skilling register hold the paths their role requires`, gap: 'close the skilling gaps, role by role',
    check: (f) => ({ met: (f.coverage.overall ?? 0) >= COVERAGE, evidence: `coverage ${pct(f.coverage.overall)}` }),
  },
  {
    key: 'change-managed', level: 'operating_model', rule: 'every use case in pilot or production has a change plan', gap: 'write change plans for the use cases people already use',
    check: (f) => {
      const used = usedUseCases(f);
      return { met: used.length > 0 && used.every((u) => u.changePlan), evidence: `${used.filter((u) => u.changePlan).length} of ${used.length} with a change plan` };
    },
  },
  {
    key: 'decisions', level: 'operating_model', rule: `the forum recorded a decision against a use case in the last ${RECENT_DAYS} days`, gap: 'record the forum’s decisions against use cases',
    check: (f) => ({ met: f.decisionsLast90d > 0, evidence: `${f.decisionsLast90d} decisions` }),
  },
  {
    key: 'lessons', level: 'operating_model', rule: `lessons learned were captured in the last ${RECENT_DAYS} days`, gap: 'capture lessons from wins and failures',
    check: (f) => ({ met: f.lessonsLast90d.wins + f.lessonsLast90d.failures > 0, evidence: `${f.lessonsLast90d.wins} wins, ${f.lessonsLast90d.failures} failures` }),
  },
  {
    key: 'measured', level: 'operating_model', rule: 'every live use case has scorecard data', gap: 'measure every live use case on its scorecard',
    check: (f) => {
      if (!f.wired.scorecards) return { met: false, evidence: 'unknown: measurement is not wired into this Charter' };
      const live = liveUseCases(f);
      return { met: live.length > 0 && live.every((u) => u.scorecardHasData), evidence: `${live.filter((u) => u.scorecardHasData).length} of ${live.length} with data` };
    },
  },
];

/**
 * Pilots only → managed portfolio → operating model. A level is reached when every criterion of it and of the levels
 * below holds; the score is the share of all criteria met; the gaps are the unmet criteria, lowest level first.
 */
export function assessMaturity(f: ProgrammeFacts): MaturityAssessment {
  const criteria: Criterion[] = CRITERIA.map((c) => {
    const { met, evidence } = c.check(f);
    return { key: c.key, level: c.level, rule: c.rule, met, evidence, gap: met ? null : c.gap };
  });
  const holds = (level: Criterion['level']) => criteria.filter((c) => c.level === level).every((c) => c.met);
  const level: MaturityLevel = !holds('managed_portfolio') ? 'pilots_only' : holds('operating_model') ? 'operating_model' : 'managed_portfolio';
  return {
    at: f.at, level, score: Math.round((criteria.filter((c) => c.met).length / criteria.length) * 100), criteria,
    gaps: criteria.filter((c) => !c.met).map((c) => `${c.level.replace('_', ' ')}: ${c.gap} (${c.evidence})`),
  };
}
