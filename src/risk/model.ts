import { Invalid } from '../kernel/errors.js';
import type { Tier } from '../portfolio/schema.js';
import { AnswerSheet } from './answers.js';
import { screenEu, type EuOutcome, type Obligation, type TraceStep } from './eu.js';
import { scoreImpact, type ImpactLevel } from './impact.js';
import type { EuRole, Questionnaire } from './questionnaire.js';

export type { EuOutcome, Obligation, TraceStep } from './eu.js';
export type { ImpactLevel } from './impact.js';

/** The result of one screening: the Charter tier and everything that led to it. */
export interface Screening {
  questionnaireVersion: number;
  tier: Tier;
  /** True when an EU prohibited practice blocks the use case. */
  blocked: boolean;
  euOutcome: EuOutcome;
  /** The least tier the EU outcome demands (high-risk → high, transparency duties → limited, else minimal). */
  euFloor: Tier;
  roles: EuRole[];
  annexIIIAreas: string[];
  highRiskBasis: string[];
  gpai: boolean;
  friaDue: boolean;
  impactLevel: ImpactLevel;
  /** The tier the impact level alone gives (I → minimal, II → limited, III → high, IV → critical). */
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

const RANK: Record<Tier, number> = { minimal: 0, limited: 1, high: 2, critical: 3, prohibited: 4 };
const IMPACT_TIER: Record<ImpactLevel, Tier> = { I: 'minimal', II: 'limited', III: 'high', IV: 'critical' };

/** Orders tiers from minimal (0) to prohibited (4). */
export const tierRank = (tier: Tier): number => RANK[tier];

export const higherTier = (a: Tier, b: Tier): Tier => (RANK[b] > RANK[a] ? b : a);

/** True when a re-screen moved the use case to a stricter tier, so the approvals of the new tier are owed. */
export function tierRaised(previous: Tier | null | undefined, next: Tier): boolean {
  return previous != null && RANK[next] > RANK[previous];
}

export function euFloor(outcome: EuOutcome, transparencyDuties: number): Tier {
  if (outcome === 'prohibited') return 'prohibited';
  if (outcome === 'high_risk') return 'high';
  return transparencyDuties > 0 ? 'limited' : 'minimal';
}

/**
 * Screens one submission. An EU prohibited practice gives `prohibited`; otherwise the tier is the higher of the EU
 * floor and the impact tier. Unknown questions, invalid values and missing answers throw `Invalid`, listing each.
 */
export function screen(questionnaire: Questionnaire, answers: unknown): Screening {
  const sheet = new AnswerSheet(questionnaire, answers);
  const eu = screenEu(questionnaire.eu, sheet);
  const impact = scoreImpact(questionnaire, sheet);
  if (sheet.problems.length) throw new Invalid('the screening answers are incomplete or invalid', sheet.problems);

  const floor = euFloor(eu.outcome, eu.transparency.length);
  const impactTier = IMPACT_TIER[impact.level];
  const tier = floor === 'prohibited' ? floor : higherTier(floor, impactTier);
  const verdict: TraceStep = {
    finding:
      tier === 'prohibited'
        ? 'tier prohibited: an EU prohibited practice blocks the use case whatever its impact score'
        : `tier ${tier}: the higher of the EU floor (${floor}, from ${eu.outcome}) and the impact tier (${impactTier}, from level ${impact.level})`,
  };
  return {
    questionnaireVersion: questionnaire.version,
    tier,
    blocked: tier === 'prohibited',
    euOutcome: eu.outcome,
    euFloor: floor,
    roles: eu.roles,
    annexIIIAreas: eu.annexIIIAreas,
    highRiskBasis: eu.highRiskBasis,
    gpai: eu.gpai,
    friaDue: eu.friaDue,
    impactLevel: impact.level,
    impactTier,
    rawScore: impact.rawScore,
    maxRaw: impact.maxRaw,
    mitigationScore: impact.mitigationScore,
    maxMitigation: impact.maxMitigation,
    mitigationApplied: impact.mitigationApplied,
    mitigatedScore: impact.mitigatedScore,
    obligations: tier === 'prohibited' ? eu.obligations : [...eu.obligations, ...impact.obligations],
    trace: [...eu.trace, ...impact.trace, verdict],
  };
}
