import type { PriorityFactor, Stage, Tier } from './vocabulary';

export interface OutcomeStatement {
  process: string;
  metric: string;
  unit: string;
  baseline: number;
  target: number;
  direction: 'decrease' | 'increase';
  targetDate?: string;
  control: string;
}

/** A listed use case's priority: the score and its two sides. */
export interface PriorityScore {
  score: number;
  value: number;
  feasibility: number;
}

/** One use case read on its own also explains its score, factor by factor. */
export interface ExplainedPriorityScore extends PriorityScore {
  breakdown: { factor: string; side: 'value' | 'feasibility'; input: number; weight: number; contribution: number }[];
}

export interface UseCase {
  id: string;
  title: string;
  description: string;
  outcome: OutcomeStatement | null;
  outcomeSentence: string | null;
  valueStream: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  sponsor: string | null;
  affectedUsers: { group: string; headcount: number }[];
  dataClasses: { sensitivity: string; categories: string[] };
  riskTier: Tier | null;
  policyPackVersion: string | null;
  stage: Stage;
  suspendedFrom: Stage | null;
  priority: Record<PriorityFactor, number> | null;
  priorityScore: PriorityScore | null;
  readiness: { dataSources: string[]; humanOversight: string[]; rollbackPlan: string };
  targetDate: string | null;
  tags: string[];
  source: 'api' | 'intake' | 'import';
  orphanReasons: string[];
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UseCaseDetail extends Omit<UseCase, 'priorityScore'> {
  priorityScore: ExplainedPriorityScore | null;
  allowedTransitions: Stage[];
}

export interface ValueStream {
  id: string;
  name: string;
  description: string;
  useCases: number;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  roles: string[];
  teamName: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  errors: { line: number; field?: string; reason: string }[];
  imported: { line: number; id: string; title: string }[];
}

/** The portfolio's filters, as the listing's query string takes them. */
export interface PortfolioFilter {
  stage?: Stage[];
  tier?: Tier[];
  valueStreamId?: string;
  ownerId?: string;
  q?: string;
  orphaned?: boolean;
}
