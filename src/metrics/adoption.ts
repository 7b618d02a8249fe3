import type { ScoreStatus } from './scorecard.js';

/** What is known about one role's (or a whole use case's) adoption over a window. */
export interface AdoptionSignals {
  /** null for the use case as a whole. */
  role: string | null;
  activeUsers: number;
  affectedUsers: number;
  /** Share of the affected users who completed their role's skill path, 0–1; null when unknown. */
  trainingCoverage: number | null;
  overrideRate: number | null;
  /** The use case's model-quality status on its scorecard. */
  modelQuality: ScoreStatus;
  latencyP95Ms: number | null;
  errorRate: number | null;
}

/** Defaults match the catalogue's warning thresholds, so the diagnosis and the monitors agree on what is poor. */
export interface AdoptionRules {
  lowAdoptionRate: number;
  minTrainingCoverage: number;
  highOverrideRate: number;
  slowLatencyP95Ms: number;
  highErrorRate: number;
}

export const DEFAULT_ADOPTION_RULES: AdoptionRules = {
  lowAdoptionRate: 0.5,
  minTrainingCoverage: 0.7,
  highOverrideRate: 0.15,
  slowLatencyP95Ms: 8_000,
  highErrorRate: 0.02,
};

export type AdoptionCause = 'training' | 'trust_or_design' | 'model_quality' | 'performance' | 'workflow_fit';

export interface AdoptionDiagnosis {
  role: string | null;
  adoptionRate: number | null;
  low: boolean;
  /** The likely cause, by the first rule that holds; null when adoption is not low or cannot be judged. */
  cause: AdoptionCause | null;
  /** Every rule that holds, in rule order, with the figures behind it. */
  findings: { cause: AdoptionCause; evidence: string }[];
  advice: string;
}

const ADVICE: Record<AdoptionCause, string> = {
  training: 'Train the role first: complete its skill path and an applied lab on this workflow.',
  trust_or_design: 'Answers are good but people change them: review how the output is presented and when to trust it, with the users.',
  model_quality: 'People change the answers because they are poor: fix model quality before pushing adoption.',
  performance: 'Slow or failing calls keep people away: fix latency and errors before pushing adoption.',
  workflow_fit: 'Training, trust and performance look fine: the workflow may not fit; revisit the process with the users.',
};

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * Names the likely cause of low adoption by rules taken in order:
 * 1. training coverage below the minimum → training;
 * 2. a high override rate with good model quality → trust or design (the answers are right, people do not use them);
 * 3. a high override rate with poor model quality → model quality;
 * 4. slow (p95 latency) or failing (error rate) calls → performance;
 * 5. otherwise → workflow fit.
 * A signal that is unknown satisfies no rule. Adoption is low when active ÷ affected users is below the rule's rate.
 */
export function diagnoseAdoption(signals: AdoptionSignals, rules: AdoptionRules = DEFAULT_ADOPTION_RULES): AdoptionDiagnosis {
  const adoptionRate = signals.affectedUsers > 0 ? Math.min(1, signals.activeUsers / signals.affectedUsers) : null;
  const base = { role: signals.role, adoptionRate };
  if (adoptionRate === null) return { ...base, low: false, cause: null, findings: [], advice: 'No affected users are recorded for this role; adoption cannot be judged.' };
  if (adoptionRate >= rules.lowAdoptionRate) return { ...base, low: false, cause: null, findings: [], advice: 'Adoption is at or above the expected rate.' };

  const findings: AdoptionDiagnosis['findings'] = [];
  const { trainingCoverage, overrideRate, latencyP95Ms, errorRate, modelQuality } = signals;
  if (trainingCoverage !== null && trainingCoverage < rules.minTrainingCoverage) {
    findings.push({ cause: 'training', evidence: `training coverage ${pct(trainingCoverage)} is below ${pct(rules.minTrainingCoverage)}` });
  }
  if (overrideRate !== null && overrideRate >= rules.highOverrideRate) {
    const good = modelQuality === 'on_track';
    const poor = modelQuality === 'at_risk' || modelQuality === 'off_track';
    const evidence = `override rate ${pct(overrideRate)} is at or above ${pct(rules.highOverrideRate)} with model quality ${modelQuality}`;
    if (good) findings.push({ cause: 'trust_or_design', evidence });
    if (poor) findings.push({ cause: 'model_quality', evidence });
  }
  const slow = latencyP95Ms !== null && latencyP95Ms >= rules.slowLatencyP95Ms;
  const failing = errorRate !== null && errorRate >= rules.highErrorRate;
  if (slow || failing) {
    const parts = [slow && `p95 latency ${latencyP95Ms} ms`, failing && `error rate ${pct(errorRate!)}`].filter(Boolean);
    findings.push({ cause: 'performance', evidence: `${parts.join(' and ')} at or above the limits` });
  }
  const cause = findings[0]?.cause ?? 'workflow_fit';
  if (findings.length === 0) findings.push({ cause, evidence: 'training coverage, overrides and performance are within the rules' });
  return { ...base, low: true, cause, findings, advice: ADVICE[cause] };
}

/** The diagnosis per role, lowest adoption first, so the forum reads the worst case at the top. */
export function diagnoseAdoptionByRole(roles: readonly AdoptionSignals[], rules: AdoptionRules = DEFAULT_ADOPTION_RULES): AdoptionDiagnosis[] {
  return roles.map((signals) => diagnoseAdoption(signals, rules)).sort((a, b) => (a.adoptionRate ?? 2) - (b.adoptionRate ?? 2));
}
