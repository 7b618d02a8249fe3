import { describe, expect, it } from 'vitest';
import { describeTrace, isSignificant, traceSections } from './trace';
import type { Questionnaire } from './types';

const questionnaire: Questionnaire = {
  version: 1,
  eu: {
    title: 'EU',
    questions: [
      { id: 'S1', kind: 'yes_no', ref: 'Art. 3(1)', text: 'Is it a machine-based system?' },
      { id: 'H2', kind: 'multi', ref: 'Annex III', text: 'Which Annex III areas?', options: [{ value: '5', text: 'Essential private services' }] },
    ],
  },
  impact: {
    title: 'Impact',
    questions: [{ id: 'peopleAffected', kind: 'choice', text: 'How many people?', options: [{ value: 'mass', text: '100,000 or more', points: 4 }] }],
    mitigations: [{ id: 'monitoring', kind: 'yes_no', text: 'Monitored?', points: 3 }],
  },
  maxRaw: 40,
  maxMitigation: 15,
};

const trace = [
  { questionId: 'S1', answer: true, finding: 'within the Act so far (Art. 3(1))' },
  { questionId: 'H2', answer: ['5'], finding: 'Annex III area 5: high-risk unless the Art. 6(3) derogation applies' },
  { questionId: 'peopleAffected', answer: 'mass', points: 4, finding: '4 of 4 points' },
  { questionId: 'monitoring', answer: false, points: 0, finding: '0 of 3 points' },
  { finding: 'tier high: the higher of the EU floor (high) and the impact tier (limited)' },
];

describe('a screening trace in words', () => {
  it('words each answer with the question asked and the option chosen', () => {
    const lines = describeTrace(trace, questionnaire);
    expect(lines[0]).toMatchObject({ section: 'eu', question: 'Is it a machine-based system?', ref: 'Art. 3(1)', answer: 'Yes' });
    expect(lines[1]).toMatchObject({ section: 'eu', answer: 'Essential private services' });
    expect(lines[2]).toMatchObject({ section: 'impact', answer: '100,000 or more', points: 4 });
    expect(lines[3]).toMatchObject({ section: 'mitigation', answer: 'No', points: 0 });
    expect(lines[4]).toEqual({ section: 'result', finding: trace[4].finding });
  });

  it('falls back to ids and raw values when the questionnaire is not read', () => {
    const lines = describeTrace([{ questionId: 'X9', answer: [], finding: 'something' }, { questionId: 'q', answer: 'v', points: 2, finding: '2 points' }], undefined);
    expect(lines[0]).toMatchObject({ section: 'eu', question: undefined, answer: 'None' });
    expect(lines[1]).toMatchObject({ section: 'impact', answer: 'v' });
  });

  it('puts the conclusions first, then the answers in the order asked', () => {
    expect(traceSections(describeTrace(trace, questionnaire)).map((s) => [s.section, s.lines.length])).toEqual([
      ['result', 1],
      ['eu', 2],
      ['impact', 1],
      ['mitigation', 1],
    ]);
  });

  it('marks the answers that raised the stakes, not those that ruled something out', () => {
    const lines = describeTrace(trace, questionnaire);
    expect(lines.map(isSignificant)).toEqual([false, true, true, false, true]);
    expect(isSignificant({ section: 'eu', finding: 'not this prohibited practice (Art. 5(1)(a))' })).toBe(false);
    expect(isSignificant({ section: 'eu', finding: 'no transparency duty under Art. 50(1)' })).toBe(false);
  });
});
