import type { Stage, Tier } from '../portfolio/vocabulary';

/** The shapes the governance API answers with (src/risk, src/governance, src/policy routes). */
export interface Person {
  id: string;
  name: string;
}

export type Answer = boolean | string | string[];

export interface TraceStep {
  questionId?: string;
  answer?: Answer;
  points?: number;
  finding: string;
}

export interface Obligation {
  ref: string;
  title: string;
  source: 'eu-ai-act' | 'impact-level';
  because: string[];
}

export interface ScreeningResult {
  questionnaireVersion: number;
  tier: Tier;
  blocked: boolean;
  euOutcome: string;
  euFloor: Tier;
  roles: string[];
  annexIIIAreas: string[];
  highRiskBasis: string[];
  gpai: boolean;
  friaDue: boolean;
  impactLevel: 'I' | 'II' | 'III' | 'IV';
  impactTier: Tier;
  rawScore: number;
  maxRaw: number;
  mitigationScore: number;
  maxMitigation: number;
  mitigationApplied: boolean;
  mitigatedScore: number;
  obligations: Obligation[];
  trace: TraceStep[];
}

export interface TierOverride {
  fromTier: Tier;
  toTier: Tier;
  justification: string;
  overriddenBy: Person;
  overriddenAt: string;
}

export interface Screening {
  id: string;
  useCaseId: string;
  number: number;
  questionnaireVersion: number;
  answers: Record<string, Answer>;
  result: ScreeningResult;
  policyPackVersion: string;
  screenedBy: Person;
  screenedAt: string;
  overrides: TierOverride[];
}

/** One question of the screening questionnaire, as `GET /api/v1/risk/questionnaire` publishes it. */
export interface Question {
  id: string;
  kind: 'yes_no' | 'multi' | 'choice';
  text: string;
  ref?: string;
  points?: number;
  options?: { value: string; text: string; points?: number }[];
}

export interface Questionnaire {
  version: number;
  eu: { title: string; disclaimer?: string; questions: Question[] };
  impact: { title: string; questions: Question[]; mitigations: Question[] };
  maxRaw: number;
  maxMitigation: number;
}

export const CONTROL_STATUSES = ['not_started', 'in_progress', 'implemented', 'not_applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export type Framework = 'nist-ai-rmf' | 'eu-ai-act' | 'iso-42001';

export interface Evidence {
  id: string;
  control: string;
  kind: 'url' | 'file';
  title: string;
  url: string | null;
  file: { name: string; sha256: string; bytes: number } | null;
  addedBy: Person;
  addedAt: string;
}

export interface ControlItem {
  control: string;
  framework: Framework;
  function: string | null;
  category: string | null;
  title: string | null;
  requiredBefore: Stage;
  source: 'pack' | 'screening';
  status: ControlStatus;
  justification: string | null;
  waiver: { exceptionId: string; expiresAt: string } | null;
  met: boolean;
  evidence: Evidence[];
  linked: { seq: number; action: string; at: string; actor: string }[];
}

/** Evidence sent with a control update: a link, or a file of which Charter keeps only the name, size and SHA-256. */
export type EvidenceInput = { kind: 'url'; url: string; title: string } | { kind: 'file'; name: string; contentBase64: string; title?: string };

/** One item of `PATCH /api/v1/use-cases/{id}/controls`. */
export interface ControlUpdate {
  control: string;
  status: ControlStatus;
  justification?: string;
  evidence?: EvidenceInput[];
}

export interface Controls {
  useCaseId: string;
  tier: Tier;
  policyPackVersion: string;
  items: ControlItem[];
  summary: { required: number; met: number; open: number };
}

export type RequestStatus = 'pending' | 'granted' | 'rejected' | 'withdrawn';
export type ApprovalStatus = 'open' | 'granted' | 'rejected' | 'invalidated' | 'completed';

export interface ApprovalRequest {
  id: string;
  approvalId: string;
  useCaseId: string;
  from: Stage;
  to: Stage;
  kind: 'transition' | 'catch_up';
  role: string;
  status: RequestStatus;
  approvalStatus: ApprovalStatus;
  dueAt: string;
  overdue: boolean;
  requestedBy: Person;
  requestedAt: string;
  decidedBy: Person | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface Approval {
  id: string;
  from: Stage;
  to: Stage;
  kind: 'transition' | 'catch_up';
  tier: Tier;
  policyPackVersion: string;
  status: ApprovalStatus;
  requestedBy: Person;
  requestedAt: string;
  dueAt: string;
  closedAt: string | null;
  closeReason: string | null;
  requests: ApprovalRequest[];
}

export interface ControlException {
  id: string;
  useCaseId: string;
  control: string;
  rationale: string;
  days: number;
  status: 'requested' | 'approved' | 'rejected' | 'expired';
  inForce: boolean;
  requestedBy: Person;
  requestedAt: string;
  decidedBy: Person | null;
  decidedAt: string | null;
  decisionReason: string | null;
  expiresAt: string;
}

export const EXCEPTION_STATES = ['requested', 'active', 'expiring', 'expired', 'rejected'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

interface Coverage {
  required: number;
  met: number;
}

export interface NistCoverage extends Coverage {
  functions: (Coverage & { function: string; categories: (Coverage & { category: string; open: string[] })[] })[];
}

export interface PortfolioCompliance {
  useCases: {
    id: string;
    title: string;
    stage: Stage;
    tier: Tier;
    policyPackVersion: string;
    nist: Coverage;
    euAiAct: Coverage;
    iso42001: Coverage;
    openEuObligations: string[];
  }[];
  unscreened: string[];
  nist: NistCoverage;
  euAiAct: Coverage & { open: number };
}

export interface UseCaseCompliance {
  useCaseId: string;
  tier: Tier;
  policyPackVersion: string;
  nist: NistCoverage;
  euAiAct: Coverage & { obligations: { ref: string; title: string | null; coveredBy: string; status: 'met' | 'open' }[] };
  iso42001: Coverage;
  stages: (Coverage & { stage: string })[];
}

export type PackStatus = 'draft' | 'published' | 'discarded';

/** One of the tenant's policy pack versions, as the listing answers (without its pack). */
export interface PackVersionSummary {
  id: string;
  tier: Tier;
  packVersion: number | null;
  ref: string | null;
  status: PackStatus;
  contentHash: string;
  basedOn: string;
  supersedes: string;
  author: Person;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
}

export interface PackVersion extends PackVersionSummary {
  pack: Record<string, unknown>;
}

export interface PackChange {
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  before?: unknown;
  after?: unknown;
}

export interface PackDiff {
  from: string;
  to: string;
  changes: PackChange[];
}
