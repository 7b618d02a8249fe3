import { z } from 'zod';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** What the portfolio forum decides about a use case. A decision is a record: stage moves still go through the portfolio's guards. */
export const DECISION_KINDS = ['continue', 'scale', 'redesign', 'pause', 'stop', 'fund', 'decline_funding'] as const;

export const DecisionCreate = z.strictObject({
  useCaseId: z.string(),
  kind: z.enum(DECISION_KINDS),
  summary: Text(2000).describe('the decision and its conditions, as minuted'),
  fundingAskId: z.string().optional().describe('the funding ask a fund or decline_funding decision settles'),
});
export const Decision = z.object({
  id: z.string(), reviewId: z.string(), useCaseId: z.string(), kind: z.enum(DECISION_KINDS), summary: z.string(), fundingAskId: z.string().nullable(),
  recordedBy: z.object({ id: z.string(), name: z.string() }), decidedAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const FUNDING_STATUSES = ['open', 'funded', 'declined'] as const;
export const FundingAskCreate = z.strictObject({
  amount: z.number().positive().max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  purpose: Text(1000).describe('what the money buys and what it moves'),
});
export const FundingAsk = z.object({
  id: z.string(), useCaseId: z.string(), amount: z.number(), currency: z.string(), purpose: z.string(), status: z.enum(FUNDING_STATUSES),
  requestedBy: z.string(), requestedAt: z.string(), decidedAt: z.string().nullable(), decisionId: z.string().nullable(),
});
export type FundingAsk = z.infer<typeof FundingAsk>;

export const LessonCreate = z.strictObject({
  kind: z.enum(['win', 'failure']).describe('an early win to publish, or what did not work'),
  lesson: Text(2000),
});
export const Lesson = z.object({ id: z.string(), useCaseId: z.string(), kind: z.enum(['win', 'failure']), lesson: z.string(), recordedBy: z.string(), recordedAt: z.string() });
export type Lesson = z.infer<typeof Lesson>;
