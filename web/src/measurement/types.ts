/** The measurement and incident API's answers, as docs/measurement.md describes them. */

export type ScoreStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export type MonitorState = 'OK' | 'WARNING' | 'ALERT' | 'NO_DATA';
export type MetricLayer = 'business_outcome' | 'model_quality' | 'operational_health';

/** The four facets a scorecard judges. */
export interface Facets {
  outcome: ScoreStatus;
  modelQuality: ScoreStatus;
  operationalHealth: ScoreStatus;
  adoption: ScoreStatus;
}
export type Facet = keyof Facets;

export interface Rollup {
  groupId: string | null;
  useCases: number;
  counts: Record<string, Record<string, number>>;
  status: Facets;
}

export interface OutcomeFigures {
  baseline: number;
  target: number;
  current: number | null;
  /** Share of the way from baseline to target: 0 at the baseline, 1 at the target. */
  progress: number | null;
  /** Share of the time from start to target date already elapsed. */
  expected: number;
  achieved: boolean;
  status: ScoreStatus;
  targetDate: string;
}

export interface Scorecard {
  useCaseId: string;
  title: string;
  valueStreamId: string | null;
  status: Facets;
  overall: ScoreStatus;
  outcome: OutcomeFigures | null;
  figures: {
    requests: number;
    tokens: number;
    costUsd: number;
    costPerRequest: number | null;
    errorRate: number | null;
    availability: number | null;
    escalationRate: number | null;
    overrideRate: number | null;
    blockRate: number | null;
    satisfaction: number | null;
  };
  metrics: { key: string; layer: MetricLayer; adoption: boolean; state: MonitorState; value: number | null }[];
}

export interface Scorecards {
  from: string;
  to: string;
  overall: Rollup;
  valueStreams: Rollup[];
  useCases: Scorecard[];
}

export interface CostGroup {
  groupId: string | null;
  name: string | null;
  useCases: number;
  requests: number;
  tokens: number;
  costUsd: number;
  costPerRequest: number | null;
}

export interface Costs {
  groupBy: string;
  from: string;
  to: string;
  totalCostUsd: number;
  items: CostGroup[];
}

export interface Monitor {
  thresholds: { warning: number; critical: number };
  windowMs: number;
  minSamples: number;
  onAlert: string[];
  state: MonitorState;
  since: string | null;
  value: number | null;
  samples: number;
  reason: string;
  evaluatedAt: string | null;
}

export interface TrackedMetric {
  key: string;
  name: string;
  description: string;
  layer: MetricLayer;
  adoption: boolean;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number | null;
  target: number | null;
  thresholds: { warning: number; critical: number };
  owner: string;
  reviewCadence: string;
  source: string;
  origin: string;
  monitor: Monitor | null;
}

/** A metric as the registry defines it, before any use case's monitor. */
export type RegistryMetric = Omit<TrackedMetric, 'monitor'> & { useCaseIds: string[] };

export interface Series {
  metric: string;
  unit: string;
  resolution: string;
  useCaseIds: string[];
  points: { start: string; value: number | null; samples: number }[];
}

export interface ReviewDue {
  metricKey: string;
  owner: string;
  reviewCadence: string;
  dueAt: string;
  overdueMs: number;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const INCIDENT_STATUSES = ['open', 'triaged', 'mitigated', 'resolved', 'reviewed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface TimelineEntry {
  at: string;
  actorId: string;
  kind: 'opened' | 'status' | 'alert' | 'action' | 'severity' | 'note' | 'review';
  text: string;
  status?: IncidentStatus;
  action?: { kind: 'throttle'; fraction: number } | { kind: 'suspend' } | { kind: 'rollback' } | { kind: 'resume' };
  metricKey?: string;
}

export interface PostIncidentReview {
  summary: string;
  rootCause: string;
  lessons: string[];
  followUps: string[];
}

export interface Incident {
  id: string;
  useCaseId: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  ownerId: string | null;
  openedAt: string;
  triagedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  reviewedAt: string | null;
  releaseIds: string[];
  metricKeys: string[];
  control: { state: 'normal' | 'throttled' | 'suspended'; throttleFraction: number | null; rolledBack: boolean };
  timeline: TimelineEntry[];
  review: PostIncidentReview | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
  nextStatuses: IncidentStatus[];
  updatedAt: string;
  version: number;
}
