import { z } from 'zod';
import { CRITERION_STATUSES } from './gate.js';
import { TASK_KINDS } from './datasets/rows.js';
import { RED_TEAM_CATEGORIES } from './redteam/categories.js';
import { ProbeSchema } from './redteam/probe.js';

export const DatasetCreate = z.strictObject({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(TASK_KINDS),
  description: z.string().trim().max(2000).default(''),
  useCaseId: z.string().optional().describe('the use case the dataset tests, when it belongs to one'),
});
export type DatasetCreate = z.infer<typeof DatasetCreate>;

export const DatasetVersion = z.object({
  id: z.string(), datasetId: z.string(), number: z.number(), contentHash: z.string().describe('SHA-256 of the canonical JSONL of the rows'),
  rows: z.number(), source: z.string(), frozen: z.boolean(), frozenAt: z.string().nullable(), frozenBy: z.string().nullable().describe('the gate decision that froze it'),
  createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});
export type DatasetVersion = z.infer<typeof DatasetVersion>;

export const Dataset = z.object({
  id: z.string(), name: z.string(), kind: z.enum(TASK_KINDS), description: z.string(), useCaseId: z.string().nullable(),
  createdBy: z.string(), createdAt: z.string(), versions: z.array(DatasetVersion),
});
export type Dataset = z.infer<typeof Dataset>;

export const PromptfooImported = z.object({
  dataset: Dataset,
  prompts: z.number(), providers: z.array(z.string()).describe('as written in the config; runs call the release under test instead'),
  unsupported: z.array(z.object({ test: z.number().nullable(), assertion: z.number().optional(), type: z.string().optional(), reason: z.string() })),
});

const Concurrency = z.number().int().min(1).max(64).default(8).describe('calls in flight at once');
const MaxAttempts = z.number().int().min(1).max(10).default(3).describe('attempts per case; retryable failures only');

export const EvalRunCreate = z.strictObject({
  datasetId: z.string(),
  version: z.number().int().min(1).optional().describe('the dataset version; the latest when absent'),
  useCaseId: z.string().optional().describe('checked against the release, so a script cannot evaluate the wrong use case'),
  concurrency: Concurrency,
  maxAttempts: MaxAttempts,
});
export type EvalRunCreate = z.infer<typeof EvalRunCreate>;

export const RedTeamRunCreate = z.strictObject({
  categories: z.array(z.enum(RED_TEAM_CATEGORIES)).min(1).optional().describe('only these OWASP categories; all when absent'),
  includeDefaultSuite: z.boolean().default(true).describe("Charter's default probes, besides the tenant's own"),
  seed: z.string().trim().min(1).max(100).optional().describe('plants the same canaries again; a fresh seed when absent'),
  concurrency: Concurrency,
  maxAttempts: MaxAttempts,
});
export type RedTeamRunCreate = z.infer<typeof RedTeamRunCreate>;

export const OfflineRunQuery = z.object({
  datasetId: z.string(),
  version: z.coerce.number().int().min(1).optional(),
});

const Interval = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), support: z.number(), details: z.record(z.string(), z.unknown()).optional() });
const Comparison = z.object({
  method: z.enum(['paired_bootstrap', 'mcnemar']), baseline: z.number().nullable(), candidate: z.number().nullable(), delta: z.number().nullable(),
  significantRegression: z.boolean(), pValue: z.number().optional(), low: z.number().nullable().optional(), high: z.number().nullable().optional(),
});
const Tally = z.object({ attempts: z.number(), answered: z.number(), successes: z.number(), errors: z.number(), attackSuccessRate: z.number().nullable() });

export const EvaluationSummary = z.object({
  cases: z.number(),
  metrics: z.record(z.string(), Interval),
  comparison: z.object({ baselineReleaseId: z.string(), baselineRunId: z.string(), alpha: z.number(), metrics: z.record(z.string(), Comparison) }).nullable(),
  computeMs: z.number().describe('time to compute the metrics and their confidence intervals'),
});
export const RedTeamSummary = z.object({
  overall: Tally,
  byCategory: z.record(z.string(), Tally.extend({ owasp: z.string(), title: z.string(), atlas: z.array(z.string()) })),
  results: z.array(z.object({ attackId: z.string(), probeId: z.string(), category: z.string(), success: z.boolean(), evidence: z.string().optional(), error: z.string().optional() })),
});

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_KINDS = ['evaluation', 'red_team'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const Progress = z.object({ status: z.enum(RUN_STATUSES), total: z.number(), done: z.number(), succeeded: z.number(), failed: z.number() });
export const EvalRun = z.object({
  id: z.string(), useCaseId: z.string(), releaseId: z.string(), kind: z.enum(RUN_KINDS), mode: z.enum(['live', 'offline']),
  datasetVersionId: z.string().nullable(), datasetHash: z.string().nullable(), progress: Progress,
  summary: z.union([EvaluationSummary, RedTeamSummary]).nullable(), error: z.string().nullable(),
  createdBy: z.string(), createdAt: z.string(), finishedAt: z.string().nullable(),
});
export type EvalRun = z.infer<typeof EvalRun>;

export const CaseResult = z.object({
  caseId: z.string(), output: z.string().nullable(), error: z.string().nullable(), latencyMs: z.number(), costUsd: z.number().nullable(),
  attempts: z.number(), eventId: z.string().nullable().describe('the gateway call that answered it'),
});

export const ProbeSet = z.strictObject({ probes: z.array(ProbeSchema).max(500) });
export const Probes = z.object({ probes: z.array(ProbeSchema), defaultSuite: z.array(z.object({ id: z.string(), category: z.string(), title: z.string(), variants: z.number() })) });

export const SIGN_OFF_ROLES = ['business_owner', 'risk_reviewer'] as const;
export const SignOffCreate = z.strictObject({
  role: z.enum(SIGN_OFF_ROLES).default('business_owner').describe('the role you sign for; you must hold it'),
  note: z.string().trim().max(2000).default(''),
});
export const SignOff = z.object({ id: z.string(), releaseId: z.string(), role: z.string(), signedBy: z.string(), signerName: z.string(), note: z.string(), createdAt: z.string() });
export type SignOff = z.infer<typeof SignOff>;

export const Criterion = z.object({
  id: z.string(), kind: z.string(), status: z.enum(CRITERION_STATUSES), value: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  threshold: z.string(), evidence: z.array(z.string()), reason: z.string(),
});
export const GateDecision = z.object({
  id: z.string(), releaseId: z.string(), useCaseId: z.string(), passed: z.boolean(), tier: z.string(), pack: z.string(),
  criteria: z.array(Criterion), counts: z.object({ pass: z.number(), fail: z.number(), missing: z.number() }),
  evidence: z.object({ evaluationRunId: z.string().nullable(), redTeamRunId: z.string().nullable(), baselineRunId: z.string().nullable(), datasetVersionIds: z.array(z.string()), signOffIds: z.array(z.string()) }),
  evaluatedBy: z.string(), createdAt: z.string(),
});
export type GateDecision = z.infer<typeof GateDecision>;
