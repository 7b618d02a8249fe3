/** The 90-day programme, maturity and the portfolio forum, as `/api/v1` answers (src/programme/*-schema.ts, maturity.ts, review-pack.ts). */
export type MilestoneStatus = 'not_started' | 'in_progress' | 'met';
export const MILESTONE_STATUSES: readonly MilestoneStatus[] = ['not_started', 'in_progress', 'met'];

export interface Milestone {
  id: string;
  phase: number;
  key: string;
  title: string;
  owner: { id: string; name: string };
  dueOn: string;
  decidedBy: 'data' | 'owner';
  rule: string | null;
  status: MilestoneStatus;
  progress: number | null;
  evidence: string;
  overdue: boolean;
  note: string;
  version: number;
}

export interface Phase {
  phase: number;
  title: string;
  from: string;
  to: string;
  met: number;
  total: number;
  milestones: Milestone[];
}

export interface Plan {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  day: number;
  phases: Phase[];
  met: number;
  total: number;
}

export type MaturityLevel = 'pilots_only' | 'managed_portfolio' | 'operating_model';

export interface Criterion {
  key: string;
  level: 'managed_portfolio' | 'operating_model';
  rule: string;
  met: boolean;
  evidence: string;
  gap: string | null;
}

export interface MaturityAssessment {
  at: string;
  level: MaturityLevel;
  score: number;
  criteria: Criterion[];
  gaps: string[];
}

export interface ReviewSummary {
  id: string;
  periodFrom: string;
  periodTo: string;
  trigger: 'cadence' | 'manual';
  generatedBy: string;
  generatedAt: string;
}

export interface PackSection {
  key: string;
  title: string;
  wired: boolean;
  summary: string;
  figures: Record<string, number | null>;
  table: { columns: string[]; rows: string[][] } | null;
}

export interface Review extends ReviewSummary {
  pack: { tenant: string; periodFrom: string; periodTo: string; generatedAt: string; sections: PackSection[] };
}

export interface Decision {
  id: string;
  reviewId: string;
  useCaseId: string;
  kind: string;
  summary: string;
  fundingAskId: string | null;
  recordedBy: { id: string; name: string };
  decidedAt: string;
}

export const ASSET_KINDS = ['prompt_template', 'evaluation_dataset', 'policy_pack', 'integration_pattern', 'training_kit', 'approval_workflow'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_STATUSES = ['proposed', 'accepted', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export interface Asset {
  id: string;
  kind: AssetKind;
  name: string;
  description: string;
  owner: { id: string; name: string };
  status: AssetStatus;
  latestVersion: number;
  reuseCount: number;
  acceptedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AssetReuse {
  id: string;
  assetId: string;
  assetName: string;
  kind: AssetKind;
  versionNumber: number;
  useCaseId: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface AssetDetail extends Asset {
  versions: { number: number; location: string; changeNote: string; createdBy: string; createdAt: string }[];
  reuses: AssetReuse[];
}

export interface ReuseSummary {
  assets: number;
  accepted: number;
  reuses: number;
  liveUseCases: number;
  liveUseCasesReusing: number;
  reuseRate: number | null;
  byKind: { kind: AssetKind; assets: number; reuses: number }[];
  mostReused: { id: string; name: string; kind: AssetKind; reuseCount: number }[];
}

export interface AssetFilter {
  kind?: AssetKind;
  status?: AssetStatus;
}

/** What the portfolio forum decides about a use case (src/programme/forum-schema.ts). */
export const DECISION_KINDS = ['continue', 'scale', 'redesign', 'pause', 'stop', 'fund', 'decline_funding'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const FUNDING_STATUSES = ['open', 'funded', 'declined'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export interface FundingAsk {
  id: string;
  useCaseId: string;
  amount: number;
  currency: string;
  purpose: string;
  status: FundingStatus;
  requestedBy: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionId: string | null;
}

export type LessonKind = 'win' | 'failure';

export interface Lesson {
  id: string;
  useCaseId: string;
  kind: LessonKind;
  lesson: string;
  recordedBy: string;
  recordedAt: string;
}
