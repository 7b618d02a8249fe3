import { z } from 'zod';
import { DataCategory, Sensitivity } from '../kernel/dataclasses.js';

export const STAGES = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production', 'retired', 'rejected', 'suspended'] as const;
export type Stage = (typeof STAGES)[number];
export const StageSchema = z.enum(STAGES);

export const TIERS = ['prohibited', 'critical', 'high', 'limited', 'minimal'] as const;
export type Tier = (typeof TIERS)[number];
export const TierSchema = z.enum(TIERS);

export const Direction = z.enum(['decrease', 'increase']);
export type Direction = z.infer<typeof Direction>;

/** The outcome statement, structured: the process, the metric moved from baseline to target, and the control that keeps it safe. */
export const OutcomeStatement = z.strictObject({
  process: z.string().trim().min(3).max(200).describe('the business process or workflow, e.g. "claims triage"'),
  metric: z.string().trim().min(2).max(200).describe('what is measured, e.g. "claims triage time"'),
  unit: z.string().trim().max(30).default('').describe('e.g. "min", "%", "EUR"'),
  baseline: z.number().finite(),
  target: z.number().finite(),
  direction: Direction,
  targetDate: z.iso.date().optional().describe('when the target should be reached (YYYY-MM-DD)'),
  control: z.string().trim().min(3).max(300).describe('the control mechanism, e.g. "human review for high-risk cases"'),
});
export type OutcomeStatement = z.infer<typeof OutcomeStatement>;

export const AffectedGroup = z.strictObject({ group: z.string().trim().min(1).max(100), headcount: z.number().int().min(0).max(10_000_000) });

export const PriorityInputs = z.strictObject({
  impact: z.number().int().min(1).max(5).describe('size of the business effect, 1-5'),
  strategicFit: z.number().int().min(1).max(5),
  reach: z.number().int().min(1).max(5).describe('how many people or cases it touches, 1-5'),
  dataReadiness: z.number().int().min(1).max(5),
  complexity: z.number().int().min(1).max(5).describe('5 is hardest'),
  risk: z.number().int().min(1).max(5).describe('5 is riskiest'),
});
export type PriorityInputs = z.infer<typeof PriorityInputs>;

export const Readiness = z.strictObject({
  dataSources: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  humanOversight: z.array(z.string().trim().min(1).max(300)).max(50).default([]).describe('where a person reviews or can intervene'),
  rollbackPlan: z.string().trim().max(2000).default(''),
});
export type Readiness = z.infer<typeof Readiness>;

const dataClassesInput = z.strictObject({ sensitivity: Sensitivity, categories: z.array(DataCategory).max(4).default([]) });

export const UseCaseCreate = z.strictObject({
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000).default(''),
  /** Either the structured statement or one sentence Charter parses into it. */
  outcome: z.union([OutcomeStatement, z.string().trim().min(1).max(500)]),
  valueStreamId: z.string(),
  ownerId: z.string().optional().describe('business owner (a member of the tenant); defaults to the creator'),
  teamId: z.string().nullable().optional(),
  affectedUsers: z.array(AffectedGroup).max(50).default([]),
  dataClasses: dataClassesInput,
  priority: PriorityInputs.optional(),
  readiness: Readiness.optional(),
  targetDate: z.iso.date().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type UseCaseCreate = z.infer<typeof UseCaseCreate>;

/** Every field optional and none defaulted: a PATCH that leaves a field out must leave it as it is. */
export const UseCaseUpdate = z.strictObject(
  Object.fromEntries(Object.entries(UseCaseCreate.shape).map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()])) as {
    [K in keyof typeof UseCaseCreate.shape]: z.ZodOptional<(typeof UseCaseCreate.shape)[K] extends z.ZodDefault<infer T> ? T : (typeof UseCaseCreate.shape)[K]>;
  },
);
export type UseCaseUpdate = z.infer<typeof UseCaseUpdate>;

export const PriorityView = z.object({
  score: z.number(),
  value: z.number(),
  feasibility: z.number(),
  breakdown: z.array(z.object({ factor: z.string(), side: z.enum(['value', 'feasibility']), input: z.number(), weight: z.number(), contribution: z.number() })),
});
export type PriorityView = z.infer<typeof PriorityView>;

export const UseCase = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  outcome: OutcomeStatement.nullable(),
  outcomeSentence: z.string().nullable(),
  valueStream: z.object({ id: z.string(), name: z.string() }).nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  sponsor: z.string().nullable(),
  teamId: z.string().nullable(),
  affectedUsers: z.array(AffectedGroup),
  dataClasses: z.object({ sensitivity: Sensitivity, categories: z.array(DataCategory) }),
  riskTier: TierSchema.nullable(),
  policyPackVersion: z.string().nullable(),
  stage: StageSchema,
  suspendedFrom: StageSchema.nullable(),
  priority: PriorityInputs.nullable(),
  priorityScore: PriorityView.nullable(),
  readiness: z.object({ dataSources: z.array(z.string()), humanOversight: z.array(z.string()), rollbackPlan: z.string() }),
  targetDate: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.enum(['api', 'intake', 'import']),
  orphanReasons: z.array(z.string()),
  lastActivityAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type UseCase = z.infer<typeof UseCase>;

/**
 * A use case as the portfolio listing shows it: everything but the factor-by-factor breakdown of its priority score,
 * which explains one use case (GET /api/v1/use-cases/{id} carries it) and made up a quarter of every listed item. The
 * inputs (`priority`) and the score with its value and feasibility sides are listed.
 */
export const UseCaseListItem = UseCase.extend({ priorityScore: PriorityView.omit({ breakdown: true }).nullable() });
export type UseCaseListItem = z.infer<typeof UseCaseListItem>;

export const TransitionRequest = z.strictObject({
  to: StageSchema,
  reason: z.string().trim().max(1000).optional(),
});

export const ValueStreamCreate = z.strictObject({
  name: z.string().trim().min(2).max(100),
  description: z.string().max(1000).default(''),
  ownerId: z.string().nullable().optional(),
});
export const ValueStream = z.object({ id: z.string(), name: z.string(), description: z.string(), ownerId: z.string().nullable(), useCases: z.number() });
