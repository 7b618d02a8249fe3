import { describe, expect, it } from 'vitest';
import { Invalid } from '../kernel/errors.js';
import { impactLevel } from './impact.js';
import { higherTier, screen, tierRaised, tierRank } from './model.js';
import { buildQuestionnaire, currentQuestionnaire, type Answers, type ImpactQuestion } from './questionnaire.js';
import euV1 from './data/v1/eu-ai-act.json' with { type: 'json' };
import impactV1 from './data/v1/impact.json' with { type: 'json' };

const q = currentQuestionnaire;
const NO_EU_DUTIES: Answers = {
  S1: true, S2: false, S3: true, R1: ['deployer'], P1: false, P2: false, P3: false, P4: false, P5: false, P6: false, P7: false, P8: false, P9: false,
  H1: false, H2: [], T1: false, T2: false, T3: false, T4: false, G1: false,
};
const NO_MITIGATION: Answers = { humanReview: 'none', monitoring: false, rollback: false, explanation: false, testing: 'none' };
const FULL_MITIGATION: Answers = { humanReview: 'every_decision', monitoring: true, rollback: true, explanation: true, testing: 'evaluated_and_red_teamed' };

/** Answers that give exactly `target` points: each question takes the largest points that still fit. */
function answersScoring(questions: ImpactQuestion[], target: number): Answers {
  let left = target;
  const answers: Answers = {};
  for (const question of questions) {
    if (question.kind === 'yes_no') {
      answers[question.id] = question.points <= left;
      if (question.points <= left) left -= question.points;
    } else if (question.kind === 'multi') {
      const picked = question.options.filter((o) => (o.points <= left ? ((left -= o.points), true) : false));
      answers[question.id] = picked.map((o) => o.value);
    } else {
      const best = question.options.filter((o) => o.points <= left).sort((a, b) => b.points - a.points)[0];
      answers[question.id] = best.value;
      left -= best.points;
    }
  }
  if (left !== 0) throw new Error(`cannot score exactly ${target}`);
  return answers;
}

const submission = (raw: number, mitigation: number): Answers => ({ ...NO_EU_DUTIES, ...answersScoring(q.impact.questions, raw), ...answersScoring(q.impact.mitigations, mitigation) });

describe('the impact method (Canada AIA: levels at 25/50/75 %, 15 % off at 80 % mitigation)', () => {
  it('has a maximum raw score of 40 and a maximum mitigation of 15, so the cut-offs are 10, 20 and 30 and the threshold 12', () => {
    expect({ maxRaw: q.maxRaw, maxMitigation: q.maxMitigation }).toEqual({ maxRaw: 40, maxMitigation: 15 });
  });

  it.each([
    [0, 'I', 'minimal'], [10, 'I', 'minimal'], [11, 'II', 'limited'], [20, 'II', 'limited'],
    [21, 'III', 'high'], [30, 'III', 'high'], [31, 'IV', 'critical'], [40, 'IV', 'critical'],
  ] as const)('a raw score of %i without mitigation is level %s (%s)', (raw, level, tier) => {
    const result = screen(q, submission(raw, 0));
    expect({ raw: result.rawScore, mitigated: result.mitigatedScore, level: result.impactLevel, tier: result.tier }).toEqual({ raw, mitigated: raw, level, tier });
  });

  it.each([
    [12, 11, false, 12, 'II'],
    [12, 12, true, 10, 'I'],
    [12, 15, true, 10, 'I'],
    [13, 12, true, 11, 'II'],
    [24, 12, true, 20, 'II'],
    [25, 12, true, 21, 'III'],
    [35, 12, true, 30, 'III'],
    [36, 12, true, 31, 'IV'],
    [36, 11, false, 36, 'IV'],
  ] as const)('raw %i with mitigation %i: reduced %s, scored %i, level %s', (raw, mitigation, applied, mitigated, level) => {
    const result = screen(q, submission(raw, mitigation));
    expect(result).toMatchObject({ rawScore: raw, mitigationScore: mitigation, mitigationApplied: applied, mitigatedScore: mitigated, impactLevel: level });
  });

  it('puts a score on a cut-off in the lower level whatever the float rounding of the fraction', () => {
    expect(impactLevel(0.3 * 10, 10, [0.1, 0.3, 0.7])).toBe('II');
    expect(impactLevel(7, 10, [0.1, 0.3, 0.7])).toBe('III');
  });

  it('explains the score in the trace', () => {
    const findings = screen(q, submission(12, 12)).trace.map((t) => t.finding);
    expect(findings).toContain('mitigation 12 of 15 reaches 12: raw 12 reduced by 15% to 10');
    expect(findings).toContain('score 10 of 40 (cut-offs 10 / 20 / 30): impact level I');
  });
});

describe('answers', () => {
  const complete: Answers = { ...submission(0, 0), ...NO_MITIGATION };
  const problems = (answers: unknown) => {
    try {
      screen(q, answers);
    } catch (e) {
      if (e instanceof Invalid) return e.errors;
      throw e;
    }
    return [];
  };

  it('accepts a complete submission', () => expect(problems(complete)).toEqual([]));

  it('lists every unknown question, invalid value and missing answer at once', () => {
    const { P3: _, autonomy: __, ...partial } = complete;
    expect(problems({ ...partial, Z9: true, S2: 'no', H2: ['4', '9'], dataCategories: ['health', 'health'], testing: 'thorough' })).toEqual([
      { path: 'answers.S2', message: 'answer true (yes) or false (no)' },
      { path: 'answers.H2', message: '"9" is not an option; choose from: 1, 2, 3, 4, 5, 6, 7, 8' },
      { path: 'answers.dataCategories', message: 'an option is listed twice' },
      { path: 'answers.testing', message: '"thorough" is not an option; choose one of: none, evaluated, evaluated_and_red_teamed' },
      { path: 'answers.Z9', message: 'unknown question' },
      { path: 'answers.P3', message: 'missing answer' },
      { path: 'answers.autonomy', message: 'missing answer' },
    ]);
  });

  it('asks the follow-up questions an answer opens, and says why', () => {
    expect(problems({ ...complete, H2: ['4'] })).toEqual([{ path: 'answers.H3', message: 'missing answer (asked because H2 names an Annex III area)' }]);
    expect(problems({ ...complete, H2: ['4'], H3: false })).toEqual([{ path: 'answers.H4', message: 'missing answer (asked because H2 names an Annex III area and H3 is no)' }]);
    expect(problems({ ...complete, H2: ['4'], H3: true })).toEqual([{ path: 'answers.F1', message: 'missing answer (asked because the system is high-risk under Annex III and you deploy it)' }]);
  });

  it('needs no further EU answers once the system is outside the Act, and ignores answers the cascade did not reach', () => {
    const outside = Object.fromEntries(Object.entries(complete).filter(([id]) => !/^[RPHTGF]\d$/.test(id)));
    expect(screen(q, { ...outside, S1: false }).euOutcome).toBe('out_of_scope');
    expect(screen(q, { ...complete, S1: false, P6: true }).tier).toBe('minimal');
  });

  it('rejects an empty role and answers that are not an object', () => {
    expect(problems({ ...complete, R1: [] })).toEqual([{ path: 'answers.R1', message: 'choose at least one role' }]);
    expect(problems(['S1'])).toEqual(expect.arrayContaining([{ path: 'answers', message: 'send the answers as an object keyed by question id' }]));
  });
});

describe('tiers', () => {
  it('ranks minimal < limited < high < critical < prohibited', () => {
    expect(['prohibited', 'minimal', 'critical', 'limited', 'high'].sort((a, b) => tierRank(a as never) - tierRank(b as never))).toEqual(['minimal', 'limited', 'high', 'critical', 'prohibited']);
    expect(higherTier('limited', 'high')).toBe('high');
    expect(higherTier('critical', 'high')).toBe('critical');
  });

  it('tells when a re-screen raised the tier, so the new approvals are owed', () => {
    expect(tierRaised('limited', 'high')).toBe(true);
    expect(tierRaised('high', 'high')).toBe(false);
    expect(tierRaised('critical', 'limited')).toBe(false);
    expect(tierRaised(null, 'critical')).toBe(false);
  });
});

describe('questionnaire data', () => {
  it('rejects a question id used twice and an obligation missing from the catalogue', () => {
    const twice = { ...impactV1, mitigations: [...impactV1.mitigations, impactV1.mitigations[0]] };
    expect(() => buildQuestionnaire(2, euV1, twice)).toThrow('question id humanReview is used twice');
    const unknownRef = { ...euV1, obligationSets: { ...euV1.obligationSets, inScope: ['Art. 999'] } };
    expect(() => buildQuestionnaire(2, unknownRef, impactV1)).toThrow('obligation Art. 999 is not in the obligations catalogue');
  });
});
