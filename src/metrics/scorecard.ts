import type { MonitorState } from './monitor.js';
import { isBetter, type Direction, type MetricLayer } from './schema.js';

export type ScoreStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface OutcomeInput {
  baseline: number;
  target: number;
  current: number | null;
  direction: Direction;
  /** When progress starts to count: the baseline's date or the go-live. */
  startAt: string;
  targetDate: string;
}

export interface OutcomeProgress extends OutcomeInput {
  /** Share of the way from baseline to target: 0 at the baseline, 1 at the target, negative when worse than the baseline. */
  progress: number | null;
  /** Share of the time from start to target date already elapsed, 0–1. */
  expected: number;
  achieved: boolean;
  status: ScoreStatus;
}

/** How far behind a straight line from baseline to target progress may be and still count as on track, or at risk. */
export const ON_TRACK_GAP = 0.1;
export const AT_RISK_GAP = 0.25;

/**
 * Outcome progress against a straight-line path from the baseline at `startAt` to the target at `targetDate`.
 * Achieved (the current value reaches the target) is on track; otherwise the gap between the elapsed share of the
 * time and the share of the way covered decides: up to 0.1 on track, up to 0.25 at risk, more off track. Past the
 * target date an outcome not achieved is off track.
 */
export function outcomeProgress(input: OutcomeInput, at: Date): OutcomeProgress {
  const start = Date.parse(input.startAt);
  const end = Date.parse(input.targetDate);
  const now = at.getTime();
  const expected = end > start ? Math.min(1, Math.max(0, (now - start) / (end - start))) : 1;
  if (input.current === null) return { ...input, progress: null, expected, achieved: false, status: 'no_data' };
  const achieved = input.current === input.target || isBetter(input.direction, input.current, input.target);
  const span = input.target - input.baseline;
  const progress = span === 0 ? Number(achieved) : (input.current - input.baseline) / span;
  const gap = expected - progress;
  const status: ScoreStatus = achieved
    ? 'on_track'
    : now >= end
      ? 'off_track'
      : gap <= ON_TRACK_GAP
        ? 'on_track'
        : gap <= AT_RISK_GAP
          ? 'at_risk'
          : 'off_track';
  return { ...input, progress, expected, achieved, status };
}

/** A metric of the use case and the state its monitor is in. */
export interface MetricStatus {
  key: string;
  layer: MetricLayer;
  adoption: boolean;
  state: MonitorState;
}

const FROM_MONITOR: Record<MonitorState, ScoreStatus> = { OK: 'on_track', WARNING: 'at_risk', ALERT: 'off_track', NO_DATA: 'no_data' };
const SEVERITY: Record<ScoreStatus, number> = { no_data: 0, on_track: 1, at_risk: 2, off_track: 3 };

/** The worst status among those with data; no_data only when nothing has data. */
export function worstStatus(statuses: Iterable<ScoreStatus>): ScoreStatus {
  let worst: ScoreStatus = 'no_data';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export const SCORECARD_FACETS = ['outcome', 'modelQuality', 'operationalHealth', 'adoption'] as const;
export type ScorecardFacet = (typeof SCORECARD_FACETS)[number];

export interface UseCaseScorecard {
  useCaseId: string;
  valueStreamId: string | null;
  outcome: OutcomeProgress | null;
  /** Adoption metrics sit in operational health in the registry; the scorecard shows them apart. */
  status: Record<ScorecardFacet, ScoreStatus>;
  overall: ScoreStatus;
}

export function useCaseScorecard(
  input: { useCaseId: string; valueStreamId: string | null; outcome: OutcomeInput | null; metrics: MetricStatus[] },
  at: Date,
): UseCaseScorecard {
  const outcome = input.outcome ? outcomeProgress(input.outcome, at) : null;
  const of = (pick: (m: MetricStatus) => boolean) => worstStatus(input.metrics.filter(pick).map((m) => FROM_MONITOR[m.state]));
  const status: Record<ScorecardFacet, ScoreStatus> = {
    // Business-outcome metrics with monitors (cost per case, say) count beside the outcome statement's progress.
    outcome: worstStatus([outcome?.status ?? 'no_data', of((m) => m.layer === 'business_outcome')]),
    modelQuality: of((m) => m.layer === 'model_quality'),
    operationalHealth: of((m) => m.layer === 'operational_health' && !m.adoption),
    adoption: of((m) => m.adoption),
  };
  return { useCaseId: input.useCaseId, valueStreamId: input.valueStreamId, outcome, status, overall: worstStatus(Object.values(status)) };
}

export interface ScorecardRollup {
  /** The value stream's id, or null for use cases in none; 'portfolio' for the whole portfolio. */
  groupId: string | null;
  useCases: number;
  counts: Record<ScorecardFacet, Record<ScoreStatus, number>>;
  status: Record<ScorecardFacet, ScoreStatus>;
}

/** A group's share of use cases off track (or at risk) from which the group itself is. */
export const GROUP_SHARE = 1 / 3;

/**
 * The status of a group of use cases for one facet, among those with data: off track when a third or more are
 * off track; at risk when any is off track or a third or more are at risk; on track otherwise.
 */
export function groupStatus(counts: Record<ScoreStatus, number>): ScoreStatus {
  const withData = counts.on_track + counts.at_risk + counts.off_track;
  if (withData === 0) return 'no_data';
  if (counts.off_track / withData >= GROUP_SHARE) return 'off_track';
  if (counts.off_track > 0 || counts.at_risk / withData >= GROUP_SHARE) return 'at_risk';
  return 'on_track';
}

function rollup(groupId: string | null, cards: readonly UseCaseScorecard[]): ScorecardRollup {
  const counts = {} as Record<ScorecardFacet, Record<ScoreStatus, number>>;
  const status = {} as Record<ScorecardFacet, ScoreStatus>;
  for (const facet of SCORECARD_FACETS) {
    counts[facet] = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
    for (const card of cards) counts[facet][card.status[facet]]++;
    status[facet] = groupStatus(counts[facet]);
  }
  return { groupId, useCases: cards.length, counts, status };
}

export function rollupByValueStream(cards: readonly UseCaseScorecard[]): ScorecardRollup[] {
  const groups = new Map<string | null, UseCaseScorecard[]>();
  for (const card of cards) {
    const group = groups.get(card.valueStreamId);
    if (group) group.push(card);
    else groups.set(card.valueStreamId, [card]);
  }
  return [...groups].map(([id, group]) => rollup(id, group));
}

export const portfolioRollup = (cards: readonly UseCaseScorecard[]): ScorecardRollup => rollup('portfolio', cards);
