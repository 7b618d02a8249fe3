/** The evaluation API's records, as `src/evals/schema.ts` publishes them. */

export const TASK_KINDS = ['classification', 'generation', 'rag'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface DatasetVersion {
  id: string;
  datasetId: string;
  number: number;
  /** SHA-256 of the canonical JSONL of the rows */
  contentHash: string;
  rows: number;
  source: string;
  frozen: boolean;
  frozenAt: string | null;
  /** the gate decision that froze it */
  frozenBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Dataset {
  id: string;
  name: string;
  kind: TaskKind;
  description: string;
  useCaseId: string | null;
  createdBy: string;
  createdAt: string;
  versions: DatasetVersion[];
}

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunKind = 'evaluation' | 'red_team';

export interface Progress {
  status: RunStatus;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
}

/** A metric's value with its bootstrap confidence interval; `value` is null when no case applied. */
export interface MetricInterval {
  value: number | null;
  low: number | null;
  high: number | null;
  support: number;
  details?: Record<string, unknown>;
}

export interface MetricComparison {
  method: 'paired_bootstrap' | 'mcnemar';
  baseline: number | null;
  candidate: number | null;
  delta: number | null;
  significantRegression: boolean;
  pValue?: number;
  low?: number | null;
  high?: number | null;
}

export interface EvaluationSummary {
  cases: number;
  metrics: Record<string, MetricInterval>;
  comparison: { baselineReleaseId: string; baselineRunId: string; alpha: number; metrics: Record<string, MetricComparison> } | null;
  computeMs: number;
}

export interface AttackTally {
  attempts: number;
  answered: number;
  successes: number;
  errors: number;
  attackSuccessRate: number | null;
}

export interface RedTeamSummary {
  overall: AttackTally;
  byCategory: Record<string, AttackTally & { owasp: string; title: string; atlas: string[] }>;
  results: { attackId: string; probeId: string; category: string; success: boolean; evidence?: string; error?: string }[];
}

export interface EvalRun {
  id: string;
  useCaseId: string;
  releaseId: string;
  kind: RunKind;
  mode: 'live' | 'offline';
  datasetVersionId: string | null;
  datasetHash: string | null;
  progress: Progress;
  summary: EvaluationSummary | RedTeamSummary | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface CaseResult {
  caseId: string;
  output: string | null;
  error: string | null;
  latencyMs: number;
  costUsd: number | null;
  attempts: number;
  /** the gateway call that answered it */
  eventId: string | null;
}

export const SIGN_OFF_ROLES = ['business_owner', 'risk_reviewer'] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];

export interface SignOff {
  id: string;
  releaseId: string;
  role: string;
  signedBy: string;
  signerName: string;
  note: string;
  createdAt: string;
}

export type CriterionStatus = 'pass' | 'fail' | 'missing';

export interface Criterion {
  /** stable key, e.g. `metric:f1`, `regression:f1`, `red_team:misinformation`, `sign_off:business_owner` */
  id: string;
  kind: string;
  status: CriterionStatus;
  value: number | string | boolean | null;
  threshold: string;
  /** API addresses of the records that prove it */
  evidence: string[];
  reason: string;
}

export interface GateDecision {
  id: string;
  releaseId: string;
  useCaseId: string;
  passed: boolean;
  tier: string;
  pack: string;
  criteria: Criterion[];
  counts: Record<CriterionStatus, number>;
  evidence: { evaluationRunId: string | null; redTeamRunId: string | null; baselineRunId: string | null; datasetVersionIds: string[]; signOffIds: string[] };
  evaluatedBy: string;
  createdAt: string;
}

/** An item of a promptfoo config that Charter did not bring over, as `PromptfooImported.unsupported` lists it. */
export interface ImportGap {
  test: number | null;
  assertion?: number;
  type?: string;
  reason: string;
}

/** What `POST /api/v1/datasets/import-promptfoo` answers (`PromptfooImported` in src/evals/schema.ts). */
export interface PromptfooImported {
  dataset: Dataset;
  prompts: number;
  /** providers as written in the config; runs call the release under test instead */
  providers: string[];
  unsupported: ImportGap[];
}

export const isRedTeamSummary = (s: EvalRun['summary']): s is RedTeamSummary => !!s && 'overall' in s;
export const isEvaluationSummary = (s: EvalRun['summary']): s is EvaluationSummary => !!s && 'metrics' in s;
