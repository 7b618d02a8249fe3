import { z } from 'zod';
import type { SkillingCoverage } from '../people/coverage-service.js';
import type { UseCaseAdoption } from '../people/change-schema.js';
import type { UseCase } from '../portfolio/schema.js';
import { ACTIVE_STAGES } from '../portfolio/stages.js';
import type { ReuseSummary } from './assets-schema.js';
import type { Decision, FundingAsk, Lesson } from './forum-schema.js';
import type { ExpiringExceptionLine, GateDecisionLine, IncidentLine, ScorecardLine } from './sources.js';

export const SECTION_KEYS = ['use-cases', 'scorecards', 'incidents', 'gate-decisions', 'exceptions-expiring', 'adoption', 'skilling', 'reuse', 'funding-asks', 'lessons', 'decisions'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const PackSection = z.object({
  key: z.enum(SECTION_KEYS),
  title: z.string(),
  wired: z.boolean().describe('false: the capability that supplies this section is not wired into this Charter, and the pack shows no figures for it'),
  summary: z.string(),
  figures: z.record(z.string(), z.number().nullable()),
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).nullable(),
});
export type PackSection = z.infer<typeof PackSection>;

export const ReviewPack = z.object({ tenant: z.string(), periodFrom: z.string(), periodTo: z.string(), generatedAt: z.string(), sections: z.array(PackSection) });
export type ReviewPack = z.infer<typeof ReviewPack>;

/** Everything a pack is built from, gathered by the review service for one tenant and period. */
export interface ReviewInputs {
  tenant: string;
  from: string;
  to: string;
  generatedAt: string;
  useCases: UseCase[];
  /** Use cases that moved to approved in the period, from the ledger. */
  approvedInPeriod: { useCaseId: string; at: string }[];
  scorecards: ScorecardLine[] | null;
  incidents: IncidentLine[] | null;
  gateDecisions: GateDecisionLine[] | null;
  exceptionsExpiring: ExpiringExceptionLine[] | null;
  adoption: UseCaseAdoption[];
  coverage: SkillingCoverage;
  labsSignedOff: number;
  reuse: ReuseSummary;
  reusesInPeriod: number;
  fundingAsks: FundingAsk[];
  lessons: Lesson[];
  decisions: Decision[];
}

/** Periods are (from, to]: what happened at the moment a pack is generated is in it, and consecutive periods never overlap. */
export const inPeriod = (from: string, to: string) => (at: string | null | undefined): boolean => !!at && at > from && at <= to;

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const day = (iso: string) => iso.slice(0, 10);
const label = (s: string) => s.replace(/_/g, ' ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function notWired(key: SectionKey, title: string, capability: string, what: string): PackSection {
  return { key, title, wired: false, summary: `Not available: the ${capability} capability is not wired into this Charter, so this pack shows no ${what}. Nothing here is estimated.`, figures: {}, table: null };
}

/** Builds every section of the review pack, in the forum's reading order. */
export function buildReviewPack(i: ReviewInputs): ReviewPack {
  const title = (id: string) => i.useCases.find((uc) => uc.id === id)?.title ?? id;
  const sections: PackSection[] = [];

  const live = i.useCases.filter((uc) => ACTIVE_STAGES.includes(uc.stage));
  const created = i.useCases.filter((uc) => inPeriod(i.from, i.to)(uc.createdAt));
  sections.push({
    key: 'use-cases', title: 'Approved and new use cases', wired: true,
    summary: `${plural(i.approvedInPeriod.length, 'use case')} approved and ${plural(created.length, 'new use case')} admitted in the period; ${live.length} live (approved, build, pilot or production) of ${i.useCases.length} in the portfolio.`,
    figures: { approved: i.approvedInPeriod.length, new: created.length, live: live.length, portfolio: i.useCases.length },
    table: {
      columns: ['Use case', 'Change', 'Stage', 'Risk tier', 'Outcome'],
      rows: [
        ...i.approvedInPeriod.map((a) => [title(a.useCaseId), `approved ${day(a.at)}`, stageOf(i.useCases, a.useCaseId), tierOf(i.useCases, a.useCaseId), outcomeOf(i.useCases, a.useCaseId)]),
        ...created.map((uc) => [uc.title, `new ${day(uc.createdAt)}`, uc.stage, uc.riskTier ?? 'not screened', uc.outcomeSentence ?? '—']),
      ],
    },
  });

  if (!i.scorecards) sections.push(notWired('scorecards', 'Scorecards', 'measurement', 'scorecards'));
  else {
    const count = (s: string) => i.scorecards!.filter((c) => c.outcome === s).length;
    sections.push({
      key: 'scorecards', title: 'Scorecards', wired: true,
      summary: `Outcomes of ${plural(i.scorecards.length, 'live use case')}: ${count('on_track')} on track, ${count('at_risk')} at risk, ${count('off_track')} off track, ${count('no_data')} without data.`,
      figures: { useCases: i.scorecards.length, onTrack: count('on_track'), atRisk: count('at_risk'), offTrack: count('off_track'), noData: count('no_data') },
      table: { columns: ['Use case', 'Outcome', 'Progress', 'Model quality', 'Operational health', 'Adoption'], rows: i.scorecards.map((c) => [title(c.useCaseId), label(c.outcome), pct(c.outcomeProgress), label(c.modelQuality), label(c.operationalHealth), label(c.adoption)]) },
    });
  }

  if (!i.incidents) sections.push(notWired('incidents', 'Incidents', 'incident management', 'incidents'));
  else {
    const open = i.incidents.filter((x) => !x.resolvedAt).length;
    sections.push({
      key: 'incidents', title: 'Incidents', wired: true,
      summary: `${plural(i.incidents.length, 'incident')} in the period, ${open} still open.`,
      figures: { incidents: i.incidents.length, open },
      table: { columns: ['Opened', 'Use case', 'Incident', 'Severity', 'Status'], rows: i.incidents.map((x) => [day(x.openedAt), title(x.useCaseId), x.title, x.severity, x.status]) },
    });
  }

  if (!i.gateDecisions) sections.push(notWired('gate-decisions', 'Release gate decisions', 'evaluations', 'release gate decisions'));
  else {
    const passed = i.gateDecisions.filter((g) => g.passed).length;
    sections.push({
      key: 'gate-decisions', title: 'Release gate decisions', wired: true,
      summary: `${plural(i.gateDecisions.length, 'gate decision')}: ${passed} passed, ${i.gateDecisions.length - passed} failed.`,
      figures: { decisions: i.gateDecisions.length, passed, failed: i.gateDecisions.length - passed },
      table: { columns: ['Decided', 'Use case', 'Release', 'Result', 'Failed criteria'], rows: i.gateDecisions.map((g) => [day(g.decidedAt), title(g.useCaseId), g.releaseId, g.passed ? 'passed' : 'failed', g.failures.join('; ') || '—']) },
    });
  }

  if (!i.exceptionsExpiring) sections.push(notWired('exceptions-expiring', 'Exceptions expiring', 'governance', 'expiring exceptions'));
  else {
    sections.push({
      key: 'exceptions-expiring', title: 'Exceptions expiring', wired: true,
      summary: `${plural(i.exceptionsExpiring.length, 'approved exception')} expire${i.exceptionsExpiring.length === 1 ? 's' : ''} before the next review.`,
      figures: { expiring: i.exceptionsExpiring.length },
      table: { columns: ['Expires', 'Use case', 'Control'], rows: i.exceptionsExpiring.map((x) => [day(x.expiresAt), title(x.useCaseId), x.control]) },
    });
  }

  sections.push(adoptionSection(i.adoption));
  sections.push(skillingSection(i.coverage, i.labsSignedOff));

  sections.push({
    key: 'reuse', title: 'Reusable assets', wired: true,
    summary: `${i.reuse.assets} assets in the library (${i.reuse.accepted} accepted), ${plural(i.reusesInPeriod, 'reuse')} recorded in the period; ${pct(i.reuse.reuseRate)} of live use cases reuse at least one asset.`,
    figures: { assets: i.reuse.assets, accepted: i.reuse.accepted, reuses: i.reuse.reuses, reusesInPeriod: i.reusesInPeriod, reuseRate: i.reuse.reuseRate },
    table: { columns: ['Asset', 'Kind', 'Reused by'], rows: i.reuse.mostReused.map((a) => [a.name, label(a.kind), plural(a.reuseCount, 'use case')]) },
  });

  const open = i.fundingAsks.filter((f) => f.status === 'open');
  const sums = [...new Set(open.map((f) => f.currency))].map((c) => `${money(open.filter((f) => f.currency === c).reduce((s, f) => s + f.amount, 0))} ${c}`);
  sections.push({
    key: 'funding-asks', title: 'Funding asks', wired: true,
    summary: `${plural(open.length, 'open funding ask')}${sums.length ? ` totalling ${sums.join(' and ')}` : ''}; ${i.fundingAsks.length - open.length} decided in the period.`,
    figures: { open: open.length, decided: i.fundingAsks.length - open.length },
    table: { columns: ['Requested', 'Use case', 'Amount', 'Purpose', 'Status'], rows: i.fundingAsks.map((f) => [day(f.requestedAt), title(f.useCaseId), `${money(f.amount)} ${f.currency}`, f.purpose, f.status]) },
  });

  const wins = i.lessons.filter((l) => l.kind === 'win').length;
  sections.push({
    key: 'lessons', title: 'Lessons learned', wired: true,
    summary: `${plural(i.lessons.length, 'lesson')} recorded in the period: ${plural(wins, 'win')} and ${plural(i.lessons.length - wins, 'thing that did not work', 'things that did not work')}.`,
    figures: { lessons: i.lessons.length, wins, failures: i.lessons.length - wins },
    table: { columns: ['Recorded', 'Use case', 'Kind', 'Lesson'], rows: i.lessons.map((l) => [day(l.recordedAt), title(l.useCaseId), l.kind === 'win' ? 'win' : 'did not work', l.lesson]) },
  });

  sections.push({
    key: 'decisions', title: 'Forum decisions in the period', wired: true,
    summary: `${plural(i.decisions.length, 'decision')} recorded against use cases in the period.`,
    figures: { decisions: i.decisions.length },
    table: { columns: ['Decided', 'Use case', 'Decision', 'Summary'], rows: i.decisions.map((d) => [day(d.decidedAt), title(d.useCaseId), label(d.kind), d.summary]) },
  });

  return { tenant: i.tenant, periodFrom: i.from, periodTo: i.to, generatedAt: i.generatedAt, sections };
}

function adoptionSection(adoption: UseCaseAdoption[]): PackSection {
  const rows = adoption.flatMap((a) => a.audiences.map((x) => ({ useCase: a.title, ...x })));
  const low = rows.filter((r) => r.diagnosis.low);
  const active = rows.reduce((s, r) => s + (r.activeUsers ?? 0), 0);
  return {
    key: 'adoption', title: 'Adoption by role', wired: true,
    summary: `${plural(rows.length, 'audience')} across ${plural(adoption.length, 'use case')} in pilot or production or with a change plan, with ${active} active users in the last 30 days; adoption is low for ${low.length}${low.length ? ` (${low.map((r) => `${r.group}: ${label(r.diagnosis.cause ?? '')}`).join('; ')})` : ''}.`,
    figures: { audiences: rows.length, activeUsers: active, lowAdoption: low.length },
    table: {
      columns: ['Use case', 'Audience', 'Active / headcount', 'Adoption', 'Task completion', 'Override rate', 'Satisfaction', 'Trained', 'Likely cause'],
      rows: rows.map((r) => [
        r.useCase, r.group, r.activeUsers === null ? 'not attributable' : `${r.activeUsers} / ${r.headcount}`, pct(r.adoptionRate), pct(r.taskCompletion), pct(r.overrideRate),
        r.satisfaction === null ? '—' : `${r.satisfaction.toFixed(1)} / 5`, pct(r.trainingCoverage), r.diagnosis.low ? label(r.diagnosis.cause ?? '') : '—',
      ]),
    },
  };
}

function skillingSection(c: SkillingCoverage, labsSignedOff: number): PackSection {
  return {
    key: 'skilling', title: 'Skilling coverage', wired: true,
    summary: `${c.overall.covered} of ${plural(c.overall.people, 'person', 'people')} (${pct(c.overall.coverage)}) hold the paths their role requires; ${plural(c.overall.refresherDue, 'refresher')} due, ${plural(c.overall.expired, 'expired path holder')}; ${plural(labsSignedOff, 'applied lab')} signed off in the period.`,
    figures: { people: c.overall.people, covered: c.overall.covered, coverage: c.overall.coverage, refresherDue: c.overall.refresherDue, expired: c.overall.expired, labsSignedOff },
    table: { columns: ['Role', 'People', 'Covered', 'Coverage', 'Refresher due', 'Expired'], rows: c.byRole.map((r) => [r.name, String(r.people), String(r.covered), pct(r.coverage), String(r.refresherDue), String(r.expired)]) },
  };
}

const money = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const stageOf = (ucs: UseCase[], id: string) => ucs.find((u) => u.id === id)?.stage ?? '—';
const tierOf = (ucs: UseCase[], id: string) => ucs.find((u) => u.id === id)?.riskTier ?? 'not screened';
const outcomeOf = (ucs: UseCase[], id: string) => ucs.find((u) => u.id === id)?.outcomeSentence ?? '—';
