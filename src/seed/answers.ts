import type { Tier } from '../portfolio/schema.js';

/** In scope, a deployer, no prohibited practice, no Annex I/III purpose, no transparency duty, the lowest impact: minimal. */
export const QUIET_ANSWERS = {
  S1: true, S2: false, S3: true, R1: ['deployer'],
  P1: false, P2: false, P3: false, P4: false, P5: false, P6: false, P7: false, P8: false, P9: false,
  H1: false, H2: [], T1: false, T2: false, T3: false, T4: false, G1: false,
  reversibility: 'reversible', peopleAffected: 'under_100', autonomy: 'informs', dataSensitivity: 'public', dataCategories: [],
  vulnerableGroups: 'none', customerFacing: 'internal', regulatedDomain: 'none', financialExposure: 'negligible',
  humanReview: 'none', monitoring: false, rollback: false, explanation: false, testing: 'none',
};

/** Screening answers that land on each tier, for demos and tests (the method itself is tested in src/risk). */
export const ANSWERS_FOR: Record<Tier, Record<string, unknown>> = {
  minimal: QUIET_ANSWERS,
  limited: { ...QUIET_ANSWERS, T1: true },
  high: { ...QUIET_ANSWERS, H2: ['4'], H3: true, F1: false },
  critical: {
    ...QUIET_ANSWERS, R1: ['provider', 'deployer'], H2: ['2'], H3: false, H4: false, reversibility: 'irreversible', peopleAffected: 'mass', autonomy: 'decides_alone',
    dataSensitivity: 'confidential', vulnerableGroups: 'incidental', customerFacing: 'public', regulatedDomain: 'decisions', financialExposure: 'severe',
    humanReview: 'sampled', monitoring: true, rollback: true, testing: 'evaluated_and_red_teamed',
  },
  prohibited: { ...QUIET_ANSWERS, P6: true },
};

/** The demo's screenings, told as the business would answer them. */
export const DEMO_ANSWERS = {
  /** Insurance claims with profiling of policyholders: Annex III 5 (essential private services), reviewed by people. */
  claims: { ...QUIET_ANSWERS, H2: ['5'], H3: true, F1: false, dataSensitivity: 'confidential', dataCategories: ['personal', 'health'], peopleAffected: 'mass', regulatedDomain: 'decisions', humanReview: 'every_decision', monitoring: true, rollback: true, testing: 'evaluated' },
  /** Drafts that people send: generated text (Art. 50 transparency), personal data, reviewed before use. */
  drafting: { ...QUIET_ANSWERS, T2: true, dataSensitivity: 'confidential', dataCategories: ['personal'], humanReview: 'every_decision' },
  /** A chatbot that talks to customers directly: Art. 50(1). */
  chatbot: { ...QUIET_ANSWERS, T1: true, T2: true, customerFacing: 'public' },
  internal: QUIET_ANSWERS,
  /** Emotion recognition at work: Art. 5(1)(f), prohibited. */
  emotionAtWork: { ...QUIET_ANSWERS, P6: true },
} as const;
