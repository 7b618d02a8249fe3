import type { Actor } from '../kernel/actor.js';
import type { UseCase } from '../portfolio/schema.js';

/**
 * What the review pack and the programme read from capabilities built beside this one. Each is optional: a section
 * whose source is not wired says so in the pack instead of showing figures. The composition root adapts
 * measurement, incidents, evaluations and governance to these shapes (see docs/programme.md, "Wiring").
 */
export type ScoreStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface ScorecardLine {
  useCaseId: string;
  outcome: ScoreStatus;
  modelQuality: ScoreStatus;
  operationalHealth: ScoreStatus;
  adoption: ScoreStatus;
  /** Progress from baseline to target, 0–1 (negative when worse than the baseline); null without a current value. */
  outcomeProgress: number | null;
}

export interface IncidentLine {
  id: string;
  useCaseId: string;
  title: string;
  severity: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
}

export interface GateDecisionLine {
  id: string;
  useCaseId: string;
  releaseId: string;
  passed: boolean;
  decidedAt: string;
  /** The criteria that failed, or a short reason; empty when it passed. */
  failures: string[];
}

export interface ExpiringExceptionLine {
  id: string;
  useCaseId: string;
  control: string;
  expiresAt: string;
}

export interface ProgrammeSources {
  /** Scorecards of these use cases over the period (measurement). */
  scorecards?: (actor: Actor, useCases: UseCase[], from: Date, to: Date) => Promise<ScorecardLine[]>;
  /** Incidents opened, or still open, in the period (incidents). */
  incidents?: (actor: Actor, from: Date, to: Date) => Promise<IncidentLine[]>;
  /** Release gate decisions taken in the period (evaluations). */
  gateDecisions?: (actor: Actor, from: Date, to: Date) => Promise<GateDecisionLine[]>;
  /** Approved exceptions that expire before `until` (governance). */
  exceptionsExpiring?: (actor: Actor, until: Date) => Promise<ExpiringExceptionLine[]>;
}
