/** The skilling register and change management, as `/api/v1` answers (src/people/schema.ts, change-schema.ts). */
export const SKILL_ROLES = ['executive', 'manager', 'builder', 'end_user'] as const;
export type SkillRole = (typeof SKILL_ROLES)[number];

export type PathStatus = 'completed' | 'refresher_due' | 'expired' | 'in_progress' | 'not_started';

export interface CoverageRow {
  key: string | null;
  name: string;
  people: number;
  covered: number;
  coverage: number | null;
  refresherDue: number;
  expired: number;
}

export interface SkillingCoverage {
  overall: CoverageRow;
  byRole: CoverageRow[];
  byTeam: CoverageRow[];
  byValueStream: CoverageRow[];
  byWorkGroup: CoverageRow[];
}

export interface Person {
  id: string;
  userId: string | null;
  name: string;
  email: string | null;
  skillRole: SkillRole;
  team: { id: string; name: string } | null;
  valueStream: { id: string; name: string } | null;
  workGroup: string | null;
  covered: boolean;
  createdAt: string;
  version: number;
}

export interface PathProgress {
  pathId: string;
  slug: string;
  title: string;
  required: boolean;
  status: PathStatus;
  held: boolean;
  done: number;
  total: number;
  missing: string[];
  completedAt: string | null;
  expiresAt: string | null;
}

export interface Completion {
  id: string;
  itemSlug: string;
  completedAt: string;
  expiresAt: string | null;
  evidence: string;
  recordedBy: string;
  labAttemptId: string | null;
}

export type LabStatus = 'submitted' | 'signed_off' | 'returned';

export interface LabAttempt {
  id: string;
  personId: string;
  personName: string;
  labSlug: string;
  useCaseId: string;
  task: string;
  evidence: { summary: string; links: string[] };
  status: LabStatus;
  submittedBy: string;
  submittedAt: string;
  reviewer: { id: string; name: string } | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  version: number;
}

export interface PersonDetail extends Person {
  paths: PathProgress[];
  completions: Completion[];
  labAttempts: LabAttempt[];
}

export interface SkillItem {
  id: string;
  slug: string;
  kind: 'module' | 'lab';
  title: string;
  summary: string;
  task: string | null;
  minutes: number;
  validityDays: number | null;
  version: number;
}

export interface SkillPath {
  id: string;
  slug: string;
  title: string;
  description: string;
  requiredFor: SkillRole[];
  items: string[];
  minutes: number;
  version: number;
}

export interface Audience {
  group: string;
  skillRole: SkillRole;
  gatewayRole: string | null;
  headcount: number;
}

export interface Communication {
  on: string;
  audience: string;
  channel: string;
  message: string;
}

export interface ChangePlan {
  id: string;
  useCaseId: string;
  owner: { id: string; name: string };
  workflowChange: string;
  audiences: Audience[];
  support: string[];
  successMetrics: { metric: string; target: string }[];
  feedbackHandling: string;
  communications: Communication[];
  nextCommunication: { on: string; audience: string; channel: string } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type AdoptionCause = 'training' | 'trust_or_design' | 'model_quality' | 'performance' | 'workflow_fit';

export interface AudienceAdoption {
  group: string;
  skillRole: SkillRole;
  gatewayRole: string | null;
  headcount: number;
  activeUsers: number | null;
  calls: number | null;
  adoptionRate: number | null;
  taskCompletion: number | null;
  overrideRate: number | null;
  satisfaction: number | null;
  satisfactionResponses: number;
  trainingCoverage: number;
  trainedPeople: number;
  latencyP95Ms: number | null;
  errorRate: number | null;
  modelQuality: 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  diagnosis: { low: boolean; cause: AdoptionCause | null; findings: { cause: string; evidence: string }[]; advice: string };
}

export interface UseCaseAdoption {
  useCaseId: string;
  title: string;
  from: string;
  to: string;
  changePlan: boolean;
  audiences: AudienceAdoption[];
}

/** The register's filters, as the address and the API name them. */
export interface PeopleFilter {
  q?: string;
  skillRole?: SkillRole;
  teamId?: string;
  valueStreamId?: string;
  workGroup?: string;
}

export interface ChangeFeedback {
  id: string;
  audience: string;
  satisfaction: number;
  comment: string;
  givenBy: string;
  givenAt: string;
}
