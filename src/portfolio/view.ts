import { fromJson } from '../kernel/db/json.js';
import type { DataCategory, Sensitivity } from '../kernel/dataclasses.js';
import { orphanReasons } from './orphans.js';
import { renderOutcome } from './outcome.js';
import { priorityScore } from './priority.js';
import type { OutcomeStatement, PriorityInputs, PriorityView, Readiness, Stage, Tier, UseCase, UseCaseListItem } from './schema.js';
import type { UseCaseJoined } from './store.js';

/** A stored row as the API shows it, with the derived sentence, priority breakdown and orphan flags. */
export function toUseCase(row: UseCaseJoined, now: Date, orphanDays?: number): UseCase {
  return view(row, now, orphanDays, priorityScore);
}

/** A stored row as the portfolio listing shows it: the priority score without its per-factor breakdown. */
export function toUseCaseListItem(row: UseCaseJoined, now: Date, orphanDays?: number): UseCaseListItem {
  return view(row, now, orphanDays, scoreWithoutBreakdown);
}

function scoreWithoutBreakdown(inputs: PriorityInputs): Omit<PriorityView, 'breakdown'> {
  const { score, value, feasibility } = priorityScore(inputs);
  return { score, value, feasibility };
}

function view<S>(row: UseCaseJoined, now: Date, orphanDays: number | undefined, score: (inputs: PriorityInputs) => S) {
  const outcome = fromJson<OutcomeStatement | null>(row.outcome, null);
  const priority = fromJson<PriorityInputs | null>(row.priority, null);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    outcome,
    outcomeSentence: outcome ? renderOutcome(outcome) : null,
    valueStream: row.value_stream_id ? { id: row.value_stream_id, name: row.value_stream_name ?? '' } : null,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    sponsor: row.sponsor,
    teamId: row.team_id,
    affectedUsers: fromJson(row.affected_users, []),
    dataClasses: { sensitivity: row.data_sensitivity as Sensitivity, categories: fromJson<DataCategory[]>(row.data_categories, []) },
    riskTier: row.risk_tier as Tier | null,
    policyPackVersion: row.policy_pack_version,
    stage: row.stage as Stage,
    suspendedFrom: row.suspended_from as Stage | null,
    priority,
    priorityScore: priority ? score(priority) : null,
    readiness: fromJson<Readiness>(row.readiness, { dataSources: [], humanOversight: [], rollbackPlan: '' }),
    targetDate: row.target_date,
    tags: fromJson(row.tags, []),
    source: row.source as UseCase['source'],
    orphanReasons: orphanReasons({ ownerId: row.owner_id, hasOutcomeMetric: !!outcome?.metric, lastActivityAt: row.last_activity_at, stage: row.stage as Stage }, now, orphanDays),
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
