import { DAY_MS } from '../kernel/clock.js';
import { focusUseCases, liveUseCases, openUseCases, type ProgrammeFacts, usedUseCases } from './facts.js';

/** The seed's 90-day blueprint (section 9), in three phases. */
export const PHASES = [
  { phase: 1, title: 'Define and prioritise', fromDay: 1, toDay: 30 },
  { phase: 2, title: 'Harden the platform and metrics', fromDay: 31, toDay: 60 },
  { phase: 3, title: 'Launch the skilling and adoption loop', fromDay: 61, toDay: 90 },
] as const;

export type MilestoneStatus = 'met' | 'in_progress' | 'not_started';
/** What a rule found: a status, progress 0–1 and the figures behind it; or that its data is not available here. */
export type RuleResult = { decided: true; status: MilestoneStatus; progress: number; evidence: string } | { decided: false; why: string };

const result = (progress: number, evidence: string): RuleResult => ({ decided: true, status: progress >= 1 ? 'met' : progress > 0 ? 'in_progress' : 'not_started', progress: Math.min(1, progress), evidence });
const TRAINED_TARGET = 0.8;
const LESSON_DAYS = 90;

/**
 * The rules that decide a milestone from Charter's own data (docs/programme.md lists them). Each reads the facts and
 * returns progress 0–1 with its evidence; 1 is met. A milestone without a rule is reported by its owner.
 */
export const RULES = {
  inventory: (f) => {
    const open = openUseCases(f);
    const known = open.filter((u) => u.hasOwner && u.dataSourcesStated).length;
    return result(open.length ? known / open.length : 0, `${known} of ${open.length} open use cases have a business owner and stated data sources (sensitivity is recorded for all)`);
  },
  focus: (f) => {
    const n = focusUseCases(f).length;
    const over = n > 5 ? `; ${n} is more than the five the blueprint advises, so narrow the focus` : '';
    return result(n / 3, `${n} use cases past intake are tied to a measurable outcome (metric, baseline, target, date) with high visibility (impact 4 or 5)${over}`);
  },
  owners: (f) => {
    const focus = focusUseCases(f);
    const owned = focus.filter((u) => u.hasOwner && u.screened && u.changePlan).length;
    return result(focus.length ? owned / focus.length : 0, `${owned} of ${focus.length} focus use cases have a business owner, a risk screening and a change plan with its owner`);
  },
  'no-orphans': (f) => {
    const open = openUseCases(f);
    const orphans = open.filter((u) => u.orphaned).length;
    return result(open.length ? (open.length - orphans) / open.length : 0, `${orphans} of ${open.length} open use cases are orphaned (no owner, no outcome metric, or idle)`);
  },
  platform: (f) => {
    const live = liveUseCases(f);
    const checks = [f.modelEndpoints > 0, live.some((u) => u.gatewayKeys > 0), live.length > 0 && live.every((u) => u.screened)];
    return result(checks.filter(Boolean).length / checks.length,
      `${f.modelEndpoints} approved model endpoints; ${live.filter((u) => u.gatewayKeys > 0).length} live use cases call through gateway keys (logged); ${live.filter((u) => u.screened).length} of ${live.length} live use cases governed by a policy pack`);
  },
  evaluation: (f) => {
    if (!f.wired.gateDecisions) return { decided: false, why: 'evaluations are not wired into this Charter' };
    const used = usedUseCases(f);
    const gated = used.filter((u) => u.gateDecided).length;
    return result(used.length ? gated / used.length : 0, `${gated} of ${used.length} use cases in pilot or production have a release gate decision`);
  },
  dashboard: (f) => {
    if (!f.wired.scorecards) return { decided: false, why: 'measurement is not wired into this Charter' };
    const live = liveUseCases(f);
    const measured = live.filter((u) => u.scorecardHasData).length;
    return result(live.length ? measured / live.length : 0, `${measured} of ${live.length} live use cases have scorecard data`);
  },
  training: (f) => {
    const roles = f.coverage.byRole.filter((r) => r.people > 0);
    const weakest = roles.reduce((m, r) => Math.min(m, r.coverage ?? 0), 1);
    const text = roles.map((r) => `${r.role.replace('_', ' ')} ${Math.round((r.coverage ?? 0) * 100)}%`).join(', ');
    return result(roles.length ? weakest / TRAINED_TARGET : 0, `coverage by role against ${TRAINED_TARGET * 100}%: ${text || 'nobody in the skilling register'}`);
  },
  labs: (f) => {
    const focus = focusUseCases(f);
    const practised = focus.filter((u) => u.signedOffLabs > 0).length;
    return result(focus.length ? practised / focus.length : 0, `${practised} of ${focus.length} focus use cases have an applied lab signed off on them`);
  },
  'adoption-tracking': (f) => {
    const used = usedUseCases(f);
    const tracked = used.filter((u) => u.changePlan && u.adoptionMeasurable && u.feedbackLast30d > 0).length;
    return result(used.length ? tracked / used.length : 0,
      `${tracked} of ${used.length} use cases in pilot or production track adoption by a gateway role and had feedback in the last 30 days`);
  },
  'early-wins': (f) => {
    const recent = f.latestReviewAt !== null && Date.parse(f.at) - Date.parse(f.latestReviewAt) <= LESSON_DAYS * DAY_MS;
    const checks = [f.lessonsLast90d.wins > 0, f.lessonsLast90d.failures > 0, recent];
    return result(checks.filter(Boolean).length / checks.length,
      `${f.lessonsLast90d.wins} early wins and ${f.lessonsLast90d.failures} lessons from what did not work in the last ${LESSON_DAYS} days; ${recent ? 'published in a review pack' : 'no review pack in that time'}`);
  },
} satisfies Record<string, (f: ProgrammeFacts) => RuleResult>;
export type RuleKey = keyof typeof RULES;

export interface MilestoneTemplate {
  key: string;
  phase: 1 | 2 | 3;
  title: string;
  rule: RuleKey | null;
}

/** The plan's milestones, one per step of the blueprint; those with a rule are decided by Charter's data. */
export const MILESTONES: MilestoneTemplate[] = [
  { key: 'inventory', phase: 1, title: 'Inventory current pilots, business sponsors, data sensitivity and production readiness', rule: 'inventory' },
  { key: 'focus', phase: 1, title: 'Pick three to five use cases tied to measurable outcomes and high business visibility', rule: 'focus' },
  { key: 'owners', phase: 1, title: 'Assign owners for outcome metrics, platform design, risk review and change management', rule: 'owners' },
  { key: 'no-orphans', phase: 1, title: 'Eliminate orphaned experiments', rule: 'no-orphans' },
  { key: 'platform', phase: 2, title: 'Stand up the approved architecture, logging and policy controls', rule: 'platform' },
  { key: 'evaluation', phase: 2, title: 'Run the evaluation pipeline with release gates', rule: 'evaluation' },
  { key: 'dashboard', phase: 2, title: 'Establish the dashboard for business, model and operational metrics', rule: 'dashboard' },
  { key: 'intake-release-criteria', phase: 2, title: 'Publish the intake and release criteria, so teams know how to move from prototype to production', rule: null },
  { key: 'training', phase: 3, title: 'Roll out role-based training', rule: 'training' },
  { key: 'office-hours', phase: 3, title: 'Hold office hours', rule: null },
  { key: 'labs', phase: 3, title: 'Run workflow-specific labs', rule: 'labs' },
  { key: 'adoption-tracking', phase: 3, title: 'Track adoption and user feedback alongside the primary business metrics', rule: 'adoption-tracking' },
  { key: 'early-wins', phase: 3, title: 'Publish early wins and the lessons learned from what did not work', rule: 'early-wins' },
];
