import { z } from 'zod';

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'met'] as const;

export const PlanCreate = z.strictObject({
  title: z.string().trim().min(3).max(200).default('90-day AI operating model programme'),
  startsOn: z.iso.date().describe('day 1 of the 90 days'),
  ownerId: z.string().optional().describe('owner of every milestone until reassigned; defaults to you'),
});

export const MilestoneUpdate = z.strictObject({
  ownerId: z.string().optional(),
  dueOn: z.iso.date().optional(),
  status: z.enum(MILESTONE_STATUSES).optional().describe('only for milestones decided by their owner, not by data'),
  note: z.string().trim().max(2000).optional(),
});

export const Milestone = z.object({
  id: z.string(),
  phase: z.number(),
  key: z.string(),
  title: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  dueOn: z.string(),
  decidedBy: z.enum(['data', 'owner']).describe("data: Charter computes it by the rule in docs/programme.md; owner: set by hand"),
  rule: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  progress: z.number().nullable().describe('0–1, for milestones decided by data'),
  evidence: z.string(),
  overdue: z.boolean(),
  note: z.string(),
  version: z.number(),
});
export type Milestone = z.infer<typeof Milestone>;

export const Plan = z.object({
  id: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  day: z.number().describe('day of the programme today (1 on startsOn; may exceed 90)'),
  phases: z.array(z.object({ phase: z.number(), title: z.string(), from: z.string(), to: z.string(), met: z.number(), total: z.number(), milestones: z.array(Milestone) })),
  met: z.number(),
  total: z.number(),
});
export type Plan = z.infer<typeof Plan>;
