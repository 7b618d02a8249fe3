import { z } from 'zod';

/** The audiences the operating model trains differently (seed section 5). */
export const SKILL_ROLES = ['executive', 'manager', 'builder', 'end_user'] as const;
export type SkillRole = (typeof SKILL_ROLES)[number];
export const SkillRoleSchema = z.enum(SKILL_ROLES);

/** The applied tasks a lab practises on real work (seed section 5, "Use applied labs instead of passive learning"). */
export const LAB_TASKS = ['map_the_process', 'find_the_bottleneck', 'build_a_prototype', 'evaluate_the_risks', 'measure_the_effect'] as const;
export type LabTask = (typeof LAB_TASKS)[number];
export const LabTaskSchema = z.enum(LAB_TASKS);

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and - only').min(2).max(80);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const PersonCreate = z.strictObject({
  userId: z.string().optional().describe('the Charter member this person is; name and email then come from the member'),
  name: Text(200).optional().describe('required when the person is not a Charter member'),
  email: z.email().optional(),
  skillRole: SkillRoleSchema,
  teamId: z.string().nullable().optional(),
  valueStreamId: z.string().nullable().optional(),
  workGroup: Text(100).nullable().optional().describe('the group a change plan addresses, e.g. "Claims handlers"'),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = z.strictObject({
  name: Text(200).optional(),
  skillRole: SkillRoleSchema.optional(),
  teamId: z.string().nullable().optional(),
  valueStreamId: z.string().nullable().optional(),
  workGroup: Text(100).nullable().optional(),
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PATH_STATUSES = ['completed', 'refresher_due', 'expired', 'in_progress', 'not_started'] as const;
export type PathStatus = (typeof PATH_STATUSES)[number];

export const PathProgress = z.object({
  pathId: z.string(),
  slug: z.string(),
  title: z.string(),
  required: z.boolean().describe("the path is required for the person's skill role"),
  status: z.enum(PATH_STATUSES),
  held: z.boolean().describe('completed and not expired (a refresher may be due)'),
  done: z.number(),
  total: z.number(),
  missing: z.array(z.string()).describe('items without a current completion'),
  completedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type PathProgress = z.infer<typeof PathProgress>;

export const Person = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  skillRole: SkillRoleSchema,
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  valueStream: z.object({ id: z.string(), name: z.string() }).nullable(),
  workGroup: z.string().nullable(),
  covered: z.boolean().describe('every path required for the skill role is held'),
  createdAt: z.string(),
  version: z.number(),
});
export type Person = z.infer<typeof Person>;

export const Completion = z.object({
  id: z.string(), itemSlug: z.string(), completedAt: z.string(), expiresAt: z.string().nullable(), evidence: z.string(),
  recordedBy: z.string(), labAttemptId: z.string().nullable(),
});
export type Completion = z.infer<typeof Completion>;

export const LAB_STATUSES = ['submitted', 'signed_off', 'returned'] as const;
export const LabEvidence = z.strictObject({
  summary: Text(4000).describe('what was done on the use case and what it showed'),
  links: z.array(z.url()).max(20).default([]),
});
export const LabAttempt = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), labSlug: z.string(), useCaseId: z.string(), task: LabTaskSchema,
  evidence: z.object({ summary: z.string(), links: z.array(z.string()) }), status: z.enum(LAB_STATUSES), submittedBy: z.string(), submittedAt: z.string(),
  reviewer: z.object({ id: z.string(), name: z.string() }).nullable(), reviewedAt: z.string().nullable(), reviewNote: z.string().nullable(), version: z.number(),
});
export type LabAttempt = z.infer<typeof LabAttempt>;

export const PersonDetail = Person.extend({ paths: z.array(PathProgress), completions: z.array(Completion), labAttempts: z.array(LabAttempt) });

export const CompletionCreate = z.strictObject({
  itemId: z.string().describe('a module of the catalogue; labs complete through a reviewer sign-off'),
  evidence: z.string().trim().max(2000).default('').describe('e.g. an assessment score or a learning-platform record'),
  completedAt: z.iso.datetime().optional().describe('when it was completed, if earlier (an imported record); never in the future'),
});
export const LabAttemptCreate = z.strictObject({ labId: z.string(), useCaseId: z.string(), evidence: LabEvidence });
export const LabSignOff = z.strictObject({
  decision: z.enum(['sign_off', 'return']),
  note: Text(2000).describe('what the reviewer checked, or what is missing'),
});

export const SkillItemCreate = z.strictObject({
  slug: Slug,
  kind: z.enum(['module', 'lab']),
  title: Text(200),
  summary: Text(2000),
  task: LabTaskSchema.optional().describe('required for a lab'),
  minutes: z.number().int().min(5).max(2400),
  validityDays: z.number().int().min(30).max(1825).nullable().default(null).describe('after this a refresher is due; null never expires'),
});
export const SkillItemUpdate = SkillItemCreate.omit({ slug: true, kind: true }).partial().strict();
export const SkillItem = z.object({
  id: z.string(), slug: z.string(), kind: z.enum(['module', 'lab']), title: z.string(), summary: z.string(), task: LabTaskSchema.nullable(),
  minutes: z.number(), validityDays: z.number().nullable(), version: z.number(),
});
export type SkillItem = z.infer<typeof SkillItem>;

export const SkillPathCreate = z.strictObject({
  slug: Slug,
  title: Text(200),
  description: Text(2000),
  requiredFor: z.array(SkillRoleSchema).max(4).describe('skill roles that must hold this path; policy packs may require it of others'),
  items: z.array(Slug).min(1).max(40).describe('module and lab slugs, in learning order'),
});
export const SkillPathUpdate = SkillPathCreate.omit({ slug: true }).partial().strict();
export const SkillPath = z.object({
  id: z.string(), slug: z.string(), title: z.string(), description: z.string(), requiredFor: z.array(SkillRoleSchema), items: z.array(z.string()),
  minutes: z.number(), version: z.number(),
});
export type SkillPath = z.infer<typeof SkillPath>;
