import type { Actor } from '../kernel/actor.js';
import type { Tx } from '../kernel/db/connect.js';
import type { Stage, UseCase } from './schema.js';

/** Why a transition may not happen yet, as a guard reports it. */
export interface GuardProblem {
  guard: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * A check that later capabilities (risk, approvals, readiness, release gates) plug into the stage machine.
 * It runs inside the transition's transaction and may write (for example open approval requests).
 */
export type StageGuard = (c: { tx: Tx; actor: Actor; useCase: UseCase; from: Stage; to: Stage; reason?: string }) => Promise<GuardProblem[]>;

/** Runs after a transition commits its row, in the same transaction. */
export type TransitionHook = (c: { tx: Tx; actor: Actor; useCase: UseCase; from: Stage; to: Stage }) => Promise<void>;

/** The portfolio's own guard: a use case leaves intake only with a complete outcome statement and an owner. */
export const outcomeGuard: StageGuard = async ({ useCase, from, to }) => {
  if (from !== 'intake' || to === 'rejected') return [];
  const problems: GuardProblem[] = [];
  if (!useCase.outcome) problems.push({ guard: 'outcome', code: 'outcome-missing', message: 'state the outcome (process, metric, baseline → target, control) before triage' });
  if (!useCase.owner) problems.push({ guard: 'outcome', code: 'owner-missing', message: 'name a business owner before triage' });
  return problems;
};
