import type { Stage } from './schema.js';

/** The lifecycle of a use case. Suspended returns only to the stage it left (and may retire). */
const NEXT: Record<Exclude<Stage, 'suspended'>, Stage[]> = {
  intake: ['triage', 'rejected'],
  triage: ['assessed', 'intake', 'rejected'],
  assessed: ['approved', 'triage', 'rejected'],
  approved: ['build', 'suspended', 'retired'],
  build: ['pilot', 'suspended', 'retired'],
  pilot: ['production', 'build', 'suspended', 'retired'],
  production: ['pilot', 'suspended', 'retired'],
  rejected: ['intake'],
  retired: [],
};

export function allowedTransitions(stage: Stage, suspendedFrom: Stage | null): Stage[] {
  if (stage === 'suspended') return suspendedFrom ? [suspendedFrom, 'retired'] : ['retired'];
  return NEXT[stage];
}

/** Stages in which a use case is live enough to be suspended, and in which it may call models. */
export const ACTIVE_STAGES: readonly Stage[] = ['approved', 'build', 'pilot', 'production'];

export function transitionProblem(from: Stage, to: Stage, suspendedFrom: Stage | null): string | undefined {
  if (from === to) return `the use case is already in ${to}`;
  const allowed = allowedTransitions(from, suspendedFrom);
  if (allowed.includes(to)) return undefined;
  if (from === 'suspended') return `a suspended use case returns only to the stage it left (${suspendedFrom ?? 'none'}) or retires`;
  return `${from} → ${to} is not a transition; from ${from} a use case may move to ${allowed.join(', ') || 'nothing (terminal)'}`;
}
