import { z } from 'zod';
import { SkillRoleSchema } from './schema.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** For whom the workflow changes: a group of people, the skill path role they train under, and how the gateway knows them. */
export const Audience = z.strictObject({
  group: Text(100).describe('the work group, as people of the skilling register name it, e.g. "Claims handlers"'),
  skillRole: SkillRoleSchema,
  gatewayRole: Text(80).nullable().default(null).describe("the role claim in these end users' verified tokens, e.g. claims_handler; null when the gateway cannot tell them apart"),
  headcount: z.number().int().min(1).max(10_000_000),
});
export type Audience = z.infer<typeof Audience>;

export const Communication = z.strictObject({
  on: z.iso.date(),
  audience: Text(100).describe('one of the audience groups, or "everyone"'),
  channel: Text(100).describe('e.g. "team briefing", "intranet", "email from the claims director"'),
  message: Text(1000).describe('what people are told: what changes, what support they get, how success is measured'),
});

export const SuccessMetric = z.strictObject({ metric: Text(200), target: Text(200) });

/** Seed section 6: tell people what workflow is changing, what support they will get, what defines success, how feedback is handled. */
export const ChangePlanInput = z.strictObject({
  ownerId: z.string().optional().describe('the person accountable for the change; defaults to you'),
  workflowChange: Text(4000).describe('what changes in the work, step by step, and what stays a human decision'),
  audiences: z.array(Audience).min(1).max(20),
  support: z.array(Text(300)).min(1).max(20).describe('training, office hours, floor walkers, guides'),
  successMetrics: z.array(SuccessMetric).min(1).max(20),
  feedbackHandling: Text(2000).describe('how feedback is collected, who answers it and how fast'),
  communications: z.array(Communication).min(1).max(50),
});
export type ChangePlanInput = z.infer<typeof ChangePlanInput>;

export const ChangePlan = z.object({
  id: z.string(),
  useCaseId: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  workflowChange: z.string(),
  audiences: z.array(Audience),
  support: z.array(z.string()),
  successMetrics: z.array(z.object({ metric: z.string(), target: z.string() })),
  feedbackHandling: z.string(),
  communications: z.array(z.object({ on: z.string(), audience: z.string(), channel: z.string(), message: z.string() })),
  nextCommunication: z.object({ on: z.string(), audience: z.string(), channel: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ChangePlan = z.infer<typeof ChangePlan>;

export const ChangeFeedbackCreate = z.strictObject({
  audience: Text(100).describe('the audience group the feedback comes from'),
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).default(''),
});
export const ChangeFeedback = z.object({ id: z.string(), audience: z.string(), satisfaction: z.number(), comment: z.string(), givenBy: z.string(), givenAt: z.string() });
export type ChangeFeedback = z.infer<typeof ChangeFeedback>;

export const Diagnosis = z.object({
  low: z.boolean(),
  cause: z.enum(['training', 'trust_or_design', 'model_quality', 'performance', 'workflow_fit']).nullable(),
  findings: z.array(z.object({ cause: z.string(), evidence: z.string() })),
  advice: z.string(),
});

export const AudienceAdoption = z.object({
  group: z.string(),
  skillRole: SkillRoleSchema,
  gatewayRole: z.string().nullable(),
  headcount: z.number(),
  activeUsers: z.number().nullable().describe('distinct verified end users of this role who called in the window; null when not attributable'),
  calls: z.number().nullable(),
  adoptionRate: z.number().nullable(),
  taskCompletion: z.number().nullable(),
  overrideRate: z.number().nullable(),
  satisfaction: z.number().nullable().describe('mean score 1–5'),
  satisfactionResponses: z.number(),
  trainingCoverage: z.number(),
  trainedPeople: z.number(),
  latencyP95Ms: z.number().nullable(),
  errorRate: z.number().nullable(),
  modelQuality: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']),
  diagnosis: Diagnosis,
});
export type AudienceAdoption = z.infer<typeof AudienceAdoption>;

export const UseCaseAdoption = z.object({
  useCaseId: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  changePlan: z.boolean().describe('false: audiences come from the use case’s affected users, without gateway roles'),
  audiences: z.array(AudienceAdoption),
});
export type UseCaseAdoption = z.infer<typeof UseCaseAdoption>;
