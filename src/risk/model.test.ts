import { describe, expect, it } from 'vitest';
import type { Tier } from '../portfolio/schema.js';
import { screen, type EuOutcome, type ImpactLevel } from './model.js';
import { currentQuestionnaire, type Answers } from './questionnaire.js';

/** In scope, a deployer, no prohibited practice, no Annex I/III purpose, no transparency duty, and the lowest impact. */
const QUIET: Answers = {
  S1: true, S2: false, S3: true, R1: ['deployer'],
  P1: false, P2: false, P3: false, P4: false, P5: false, P6: false, P7: false, P8: false, P9: false,
  H1: false, H2: [], T1: false, T2: false, T3: false, T4: false, G1: false,
  reversibility: 'reversible', peopleAffected: 'under_100', autonomy: 'informs', dataSensitivity: 'public', dataCategories: [],
  vulnerableGroups: 'none', customerFacing: 'internal', regulatedDomain: 'none', financialExposure: 'negligible',
  humanReview: 'none', monitoring: false, rollback: false, explanation: false, testing: 'none',
};

const PROVIDER = ['Art. 9', 'Art. 10', 'Art. 11', 'Art. 12', 'Art. 13', 'Art. 14', 'Art. 15', 'Art. 16', 'Art. 17', 'Art. 43', 'Art. 47', 'Art. 48', 'Art. 49(1)', 'Art. 72', 'Art. 73'];
const DEPLOYER = ['Art. 26(1)', 'Art. 26(2)', 'Art. 26(4)', 'Art. 26(5)', 'Art. 26(6)', 'Art. 26(7)', 'Art. 26(8)', 'Art. 26(9)', 'Art. 26(11)', 'Art. 86'];
const DEROGATION = ['Art. 6(4)', 'Art. 49(2)'];
const FULL_MITIGATION: Answers = { humanReview: 'every_decision', monitoring: true, rollback: true, explanation: true, testing: 'evaluated_and_red_teamed' };

interface Scenario {
  name: string;
  /** The questions the scenario exercises: every answer it changes from QUIET, each reached by the cascade. */
  uses: string;
  answers: Answers;
  tier: Tier;
  eu: EuOutcome;
  level: ImpactLevel;
  /** The EU AI Act obligations, exactly. */
  obligations: string[];
  fria?: boolean;
  notAsked?: string[];
}

const prohibited = (name: string, id: string): Scenario => ({
  name, uses: `${id} reversibility autonomy`, answers: { [id]: true, reversibility: 'hard', autonomy: 'decides_alone' }, tier: 'prohibited', eu: 'prohibited', level: 'I', obligations: ['Art. 5'], notAsked: ['H1', 'H2', 'T1'],
});

const scenarios: Scenario[] = [
  { name: 'CV screening built in-house ranks applicants', uses: 'R1 H2 H3 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { R1: ['provider', 'deployer'], H2: ['4'], H3: true, F1: false, reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'via_staff', regulatedDomain: 'decisions', financialExposure: 'moderate', humanReview: 'every_decision', monitoring: true, rollback: true, explanation: true, testing: 'evaluated' },
    tier: 'high', eu: 'high_risk', level: 'II', obligations: ['Art. 4', ...PROVIDER, ...DEPLOYER], fria: false, notAsked: ['H4'] },
  { name: 'credit scoring with a vendor model: FRIA due', uses: 'H2 H3 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { H2: ['5'], H3: true, F1: true, reversibility: 'with_effort', peopleAffected: 'mass', autonomy: 'decides_with_review', dataSensitivity: 'restricted', dataCategories: ['personal', 'payment'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'decisions', financialExposure: 'significant', ...FULL_MITIGATION, humanReview: 'sampled' },
    tier: 'high', eu: 'high_risk', level: 'III', obligations: ['Art. 4', ...DEPLOYER, 'Art. 27'], fria: true },
  { name: 'claims triage with human review of every claim: mitigation lowers level III to II', uses: 'reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['personal', 'payment'], vulnerableGroups: 'incidental', customerFacing: 'via_staff', regulatedDomain: 'decisions', financialExposure: 'significant', ...FULL_MITIGATION, testing: 'evaluated' },
    tier: 'limited', eu: 'minimal_risk', level: 'II', obligations: ['Art. 4'] },
  { name: 'claims triage without human review stays at level III', uses: 'reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['personal', 'payment'], vulnerableGroups: 'incidental', customerFacing: 'via_staff', regulatedDomain: 'decisions', financialExposure: 'significant', ...FULL_MITIGATION, humanReview: 'none', testing: 'evaluated' },
    tier: 'high', eu: 'minimal_risk', level: 'III', obligations: ['Art. 4'] },
  { name: 'internal document summarisation', uses: 'peopleAffected dataSensitivity', answers: { peopleAffected: 'hundreds', dataSensitivity: 'internal' },
    tier: 'minimal', eu: 'minimal_risk', level: 'I', obligations: ['Art. 4'] },
  { name: 'customer service chatbot answering questions', uses: 'T1 T2 peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing financialExposure monitoring rollback testing',
    answers: { T1: true, T2: true, peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'internal', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'public', financialExposure: 'moderate', monitoring: true, rollback: true, testing: 'evaluated' },
    tier: 'limited', eu: 'limited_risk_transparency', level: 'II', obligations: ['Art. 4', 'Art. 50(1)', 'Art. 50(2)'] },
  prohibited('emotion recognition of call-centre agents at work', 'P6'),
  prohibited('social scoring of customers across unrelated services', 'P3'),
  prohibited('biometric categorisation inferring sexual orientation', 'P7'),
  prohibited('predicting offences from personality traits alone', 'P4'),
  prohibited('untargeted scraping of faces into a recognition database', 'P5'),
  prohibited('upsell nudges exploiting customers in debt', 'P2'),
  prohibited('real-time remote biometric identification in public for the police', 'P8'),
  prohibited('subliminal techniques that distort purchasing behaviour', 'P1'),
  prohibited('synthetic intimate imagery of real people', 'P9'),
  { name: 'biometric age-band categorisation at store entrances', uses: 'H2 H3 H4 T3 F1 peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing',
    answers: { H2: ['1'], H3: false, H4: false, T3: true, F1: false, peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'confidential', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'public' },
    tier: 'high', eu: 'high_risk', level: 'II', obligations: ['Art. 4', ...DEPLOYER, 'Art. 50(3)'], fria: false },
  { name: 'critical-infrastructure load control open to the public: impact IV above the EU floor', uses: 'R1 H2 H3 H4 reversibility peopleAffected autonomy dataSensitivity vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback testing',
    answers: { R1: ['provider', 'deployer'], H2: ['2'], H3: false, H4: false, reversibility: 'irreversible', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'confidential', vulnerableGroups: 'incidental', customerFacing: 'public', regulatedDomain: 'decisions', financialExposure: 'severe', humanReview: 'sampled', monitoring: true, rollback: true, testing: 'evaluated_and_red_teamed' },
    tier: 'critical', eu: 'high_risk', level: 'IV', obligations: ['Art. 4', ...PROVIDER, ...DEPLOYER], fria: false, notAsked: ['F1'] },
  { name: 'emergency medical triage (device software and Annex III 5), fully mitigated, stays critical', uses: 'H1 H2 H3 H4 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { H1: true, H2: ['5'], H3: false, H4: false, F1: true, reversibility: 'irreversible', peopleAffected: 'mass', autonomy: 'decides_with_review', dataSensitivity: 'restricted', dataCategories: ['personal', 'health'], vulnerableGroups: 'targeted', customerFacing: 'public', regulatedDomain: 'decisions', financialExposure: 'severe', ...FULL_MITIGATION },
    tier: 'critical', eu: 'high_risk', level: 'IV', obligations: ['Art. 4', ...DEPLOYER, 'Art. 27'], fria: true },
  { name: 'spam filter on employee mailboxes', uses: 'peopleAffected autonomy dataSensitivity dataCategories humanReview monitoring rollback testing',
    answers: { peopleAffected: 'thousands', autonomy: 'decides_alone', dataSensitivity: 'internal', dataCategories: ['personal'], humanReview: 'sampled', monitoring: true, rollback: true, testing: 'evaluated' },
    tier: 'minimal', eu: 'minimal_risk', level: 'I', obligations: ['Art. 4'] },
  { name: 'code assistant for developers', uses: 'reversibility peopleAffected autonomy dataSensitivity dataCategories financialExposure',
    answers: { reversibility: 'with_effort', peopleAffected: 'hundreds', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['credentials'], financialExposure: 'moderate' },
    tier: 'minimal', eu: 'minimal_risk', level: 'I', obligations: ['Art. 4'] },
  { name: 'rules engine that does not infer is outside the Act; impact alone sets the tier', uses: 'S1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing',
    answers: { S1: false, reversibility: 'with_effort', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'confidential', dataCategories: ['payment'], vulnerableGroups: 'incidental', customerFacing: 'direct' },
    tier: 'limited', eu: 'out_of_scope', level: 'II', obligations: [], notAsked: ['S2', 'R1', 'P1'] },
  { name: 'research prototype used only for scientific R&D', uses: 'S2', answers: { S2: true }, tier: 'minimal', eu: 'out_of_scope', level: 'I', obligations: [], notAsked: ['S3', 'R1'] },
  { name: 'hiring screen whose output is never used in the EU', uses: 'S3 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure',
    answers: { S3: false, reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'decides_with_review', dataSensitivity: 'confidential', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'decisions', financialExposure: 'moderate' },
    tier: 'high', eu: 'out_of_scope', level: 'III', obligations: [], notAsked: ['H2'] },
  { name: 'CV de-duplication only: Art. 6(3) derogation with its documentation duty', uses: 'R1 H2 H3 H4 peopleAffected dataSensitivity dataCategories',
    answers: { R1: ['provider', 'deployer'], H2: ['4'], H3: false, H4: true, peopleAffected: 'thousands', dataSensitivity: 'confidential', dataCategories: ['personal'] },
    tier: 'minimal', eu: 'not_high_risk_derogation', level: 'I', obligations: ['Art. 4', ...DEROGATION], notAsked: ['F1'] },
  { name: 'essay feedback drafts in a chat: derogation plus transparency gives limited', uses: 'H2 H3 H4 T1 peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing',
    answers: { H2: ['3'], H3: false, H4: true, T1: true, peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'internal', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'via_staff' },
    tier: 'limited', eu: 'not_high_risk_derogation', level: 'I', obligations: ['Art. 4', ...DEROGATION, 'Art. 50(1)'] },
  { name: 'machine-vision safety stop on a press (Annex I product)', uses: 'R1 H1 reversibility peopleAffected autonomy dataSensitivity regulatedDomain financialExposure',
    answers: { R1: ['provider'], H1: true, reversibility: 'irreversible', peopleAffected: 'hundreds', autonomy: 'decides_alone', dataSensitivity: 'internal', regulatedDomain: 'decisions', financialExposure: 'significant' },
    tier: 'high', eu: 'high_risk', level: 'II', obligations: ['Art. 4', ...PROVIDER], notAsked: ['H3', 'F1'] },
  { name: 'an Annex I product claiming the Art. 6(3) derogation stays high-risk', uses: 'R1 H1 H2 H3 H4', answers: { R1: ['provider'], H1: true, H2: ['3'], H3: false, H4: true },
    tier: 'high', eu: 'high_risk', level: 'I', obligations: ['Art. 4', ...PROVIDER] },
  { name: 'general-purpose model released to customers', uses: 'R1 T2 G1 reversibility peopleAffected autonomy dataSensitivity customerFacing financialExposure',
    answers: { R1: ['provider'], T2: true, G1: true, reversibility: 'with_effort', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'internal', customerFacing: 'public', financialExposure: 'moderate' },
    tier: 'limited', eu: 'limited_risk_transparency', level: 'II', obligations: ['Art. 4', 'Art. 50(2)', 'Art. 53'] },
  { name: 'marketing video generator producing deep fakes', uses: 'R1 T2 T4 reversibility peopleAffected dataSensitivity customerFacing financialExposure',
    answers: { R1: ['provider', 'deployer'], T2: true, T4: true, reversibility: 'with_effort', peopleAffected: 'mass', dataSensitivity: 'internal', customerFacing: 'public', financialExposure: 'moderate' },
    tier: 'limited', eu: 'limited_risk_transparency', level: 'II', obligations: ['Art. 4', 'Art. 50(2)', 'Art. 50(4)'] },
  { name: 'exam proctoring at a public university, mitigation exactly at the threshold', uses: 'H2 H3 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation',
    answers: { H2: ['3'], H3: true, F1: true, reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'decides_with_review', dataSensitivity: 'confidential', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'decisions', financialExposure: 'moderate', humanReview: 'every_decision', monitoring: true, rollback: true, explanation: true },
    tier: 'high', eu: 'high_risk', level: 'II', obligations: ['Art. 4', ...DEPLOYER, 'Art. 27'], fria: true },
  { name: 'welfare eligibility scoring by a public agency: mitigation keeps it from critical', uses: 'H2 H3 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { H2: ['5'], H3: true, F1: true, reversibility: 'hard', peopleAffected: 'mass', autonomy: 'decides_with_review', dataSensitivity: 'restricted', dataCategories: ['personal', 'health', 'payment'], vulnerableGroups: 'targeted', customerFacing: 'public', regulatedDomain: 'decisions', financialExposure: 'significant', ...FULL_MITIGATION, testing: 'evaluated' },
    tier: 'high', eu: 'high_risk', level: 'III', obligations: ['Art. 4', ...DEPLOYER, 'Art. 27'], fria: true },
  { name: 'card fraud detection (not Annex III credit scoring) at the 50 % cut-off', uses: 'reversibility peopleAffected autonomy dataSensitivity dataCategories regulatedDomain financialExposure humanReview monitoring rollback testing',
    answers: { reversibility: 'with_effort', peopleAffected: 'mass', autonomy: 'decides_with_review', dataSensitivity: 'restricted', dataCategories: ['personal', 'payment'], regulatedDomain: 'adjacent', financialExposure: 'significant', humanReview: 'sampled', monitoring: true, rollback: true, testing: 'evaluated' },
    tier: 'limited', eu: 'minimal_risk', level: 'II', obligations: ['Art. 4'] },
  { name: 'life insurance pricing with little mitigation', uses: 'R1 H2 H3 F1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure monitoring testing',
    answers: { R1: ['provider', 'deployer'], H2: ['5'], H3: true, F1: true, reversibility: 'hard', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'restricted', dataCategories: ['personal', 'health'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'decisions', financialExposure: 'severe', monitoring: true, testing: 'evaluated' },
    tier: 'critical', eu: 'high_risk', level: 'IV', obligations: ['Art. 4', ...PROVIDER, ...DEPLOYER, 'Art. 27'], fria: true },
  { name: 'bank voice agent with strong mitigations', uses: 'T1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure humanReview monitoring rollback explanation testing',
    answers: { T1: true, reversibility: 'with_effort', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'confidential', dataCategories: ['personal', 'payment'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'adjacent', financialExposure: 'moderate', ...FULL_MITIGATION, humanReview: 'sampled' },
    tier: 'limited', eu: 'limited_risk_transparency', level: 'II', obligations: ['Art. 4', 'Art. 50(1)'] },
  { name: 'importer of a third-party credit scoring system', uses: 'R1 H2 H3', answers: { R1: ['importer_distributor'], H2: ['5'], H3: true },
    tier: 'high', eu: 'high_risk', level: 'I', obligations: ['Art. 4', 'Art. 23', 'Art. 24'], notAsked: ['F1'] },
  { name: 'general chatbot repurposed for hiring: provider by modification', uses: 'R1 H2 H3 F1 T1 reversibility peopleAffected autonomy dataSensitivity dataCategories vulnerableGroups customerFacing regulatedDomain financialExposure',
    answers: { R1: ['provider_by_modification', 'deployer'], H2: ['4'], H3: true, F1: false, T1: true, reversibility: 'hard', peopleAffected: 'thousands', autonomy: 'recommends', dataSensitivity: 'confidential', dataCategories: ['personal'], vulnerableGroups: 'incidental', customerFacing: 'direct', regulatedDomain: 'decisions', financialExposure: 'moderate' },
    tier: 'high', eu: 'high_risk', level: 'II', obligations: ['Art. 4', 'Art. 25', ...PROVIDER, ...DEPLOYER, 'Art. 50(1)'], fria: false },
  { name: 'voter micro-targeting messages', uses: 'R1 H2 H3 F1 T2 reversibility peopleAffected autonomy dataSensitivity dataCategories customerFacing financialExposure',
    answers: { R1: ['provider', 'deployer'], H2: ['8'], H3: true, F1: false, T2: true, reversibility: 'irreversible', peopleAffected: 'mass', autonomy: 'decides_alone', dataSensitivity: 'confidential', dataCategories: ['personal'], customerFacing: 'public', financialExposure: 'moderate' },
    tier: 'high', eu: 'high_risk', level: 'III', obligations: ['Art. 4', ...PROVIDER, ...DEPLOYER, 'Art. 50(2)'], fria: false },
];

describe('screening scenarios', () => {
  it('has at least 30 named scenarios', () => expect(scenarios.length).toBeGreaterThanOrEqual(30));

  it.each(scenarios)('$name → $tier', (s) => {
    const result = screen(currentQuestionnaire, { ...QUIET, ...s.answers });
    const eu = result.obligations.filter((o) => o.source === 'eu-ai-act').map((o) => o.ref);
    const reached = new Set(result.trace.map((t) => t.questionId));
    const cited = s.uses.split(' ');

    expect({ tier: result.tier, eu: result.euOutcome, level: result.impactLevel }).toEqual({ tier: s.tier, eu: s.eu, level: s.level });
    expect([...eu].sort()).toEqual([...s.obligations].sort());
    expect(result.obligations.filter((o) => o.source === 'impact-level').length > 0).toBe(s.tier !== 'prohibited');
    expect(cited.filter((id) => !reached.has(id))).toEqual([]);
    expect(Object.keys(s.answers).filter((id) => !cited.includes(id))).toEqual([]);
    for (const id of s.notAsked ?? []) expect(reached.has(id)).toBe(false);
    if (s.fria !== undefined) expect(result.friaDue).toBe(s.fria);
    expect(result.blocked).toBe(s.tier === 'prohibited');
  });
});
