import { describe, expect, it } from 'vitest';
import type { Question, Questionnaire } from '../governance/types';
import { emptyDraft } from '../portfolio/useCaseDraft';
import { answersBody, answerWords, followUpOf, unanswered, intakeBody, intakeFieldFor, problemsByIntakeField, progressOf, sectionsOf, stepForProblems, stepOfPath } from './steps';

const questionnaire: Questionnaire = {
  version: 1,
  eu: {
    title: 'EU AI Act',
    disclaimer: 'not legal advice',
    questions: [
      { id: 'S1', kind: 'yes_no', text: 'Is it an AI system?' },
      { id: 'S2', kind: 'yes_no', text: 'Military only?' },
      { id: 'R1', kind: 'multi', text: 'Your role?', options: [{ value: 'provider', text: 'Provider' }, { value: 'deployer', text: 'Deployer' }] },
      { id: 'H2', kind: 'multi', text: 'Annex III area?', options: [{ value: '4', text: 'Employment' }, { value: '5', text: 'Essential services' }] },
      { id: 'H3', kind: 'yes_no', text: 'Profiling?', effect: 'profiling' } as Question,
    ],
  },
  impact: {
    title: 'Impact',
    questions: [
      { id: 'reversibility', kind: 'choice', text: 'Reversible?', options: [{ value: 'reversible', text: 'Easily reversed', points: 0 }, { value: 'irreversible', text: 'Cannot be undone', points: 4 }] },
      { id: 'dataSensitivity', kind: 'choice', text: 'Sensitivity?', options: [{ value: 'public', text: 'Public', points: 0 }] },
      { id: 'dataCategories', kind: 'multi', text: 'Categories?', options: [{ value: 'personal', text: 'Personal', points: 1 }] },
    ],
    mitigations: [{ id: 'monitoring', kind: 'yes_no', text: 'Monitored?', points: 2 }],
  },
  maxRaw: 10,
  maxMitigation: 2,
};

describe('the screening step', () => {
  const sections = sectionsOf(questionnaire);

  it('groups the EU cascade by its parts, then the impact questions and the mitigations, leaving out what step 1 answers', () => {
    expect(sections.map((s) => [s.title, s.questions.map((q) => q.id)])).toEqual([
      ['EU AI Act: Scope', ['S1', 'S2']],
      ['EU AI Act: Your role', ['R1']],
      ['EU AI Act: High-risk purposes (Art. 6, Annex I and III)', ['H2', 'H3']],
      ['Impact', ['reversibility']],
      ['Mitigations in place', ['monitoring']],
    ]);
  });

  it('counts a multi-select as answered ("none of these"), a yes/no once picked, and a follow-up only once answered', () => {
    const p = progressOf(sections, { S1: true, S2: false, monitoring: false });
    expect([p.answered, p.total]).toEqual([5, 6]);
    expect(p.sections.map((s) => `${s.answered}/${s.total}`)).toEqual(['2/2', '1/1', '1/1', '0/1', '1/1']);
    expect(progressOf(sections, { H3: true }).sections[2]).toMatchObject({ answered: 2, total: 2 });
    expect(unanswered(sections, { S1: true, monitoring: true }).map((q) => q.id)).toEqual(['S2', 'reversibility']);
    expect(followUpOf(questionnaire.eu.questions[4])).toMatch(/asked when an Annex III area is named/);
    expect(followUpOf(questionnaire.eu.questions[0])).toBeUndefined();
  });

  it('sends what was answered, multi-selects as their list, and leaves unanswered questions for the API to name', () => {
    expect(answersBody(sections, { S1: true, R1: ['deployer'], reversibility: 'reversible', stray: 1 })).toEqual({ S1: true, R1: ['deployer'], H2: [], reversibility: 'reversible' });
  });

  it('builds the intake body from the use-case draft, its target date and the answers', () => {
    const draft = { ...emptyDraft('u1'), title: ' Claims letters ', outcomeSentence: 'Reduce drafting time from 30 min to 10 min with human review', sensitivity: 'internal', targetDate: '2027-03-31' };
    const body = intakeBody(draft, sections, { S1: true });
    expect(body).toMatchObject({ title: 'Claims letters', ownerId: 'u1', targetDate: '2027-03-31', dataClasses: { sensitivity: 'internal', categories: [] }, answers: { S1: true, R1: [], H2: [] } });
    expect(intakeBody({ ...draft, targetDate: ' ' }, sections, {}).targetDate).toBeUndefined();
  });

  it('words answers for the review', () => {
    const [s1, , r1] = questionnaire.eu.questions;
    expect([answerWords(s1, true), answerWords(s1, false), answerWords(s1, undefined)]).toEqual(['Yes', 'No', 'Not answered']);
    expect([answerWords(r1, ['deployer']), answerWords(r1, [])]).toEqual(['Deployer', 'None of these']);
    expect(answerWords(questionnaire.impact.questions[0], 'irreversible')).toBe('Cannot be undone');
  });
});

describe('refusals', () => {
  it('shows an answer problem at its question and a use-case problem at the portfolio form’s field', () => {
    expect(intakeFieldFor('body.answers.S1', 'sentence')).toBe('answers.S1');
    expect(intakeFieldFor('body.outcome.metric', 'sentence')).toBe('outcomeSentence');
    expect(intakeFieldFor('body.dataClasses.sensitivity', 'structured')).toBe('sensitivity');
    expect(problemsByIntakeField([{ path: 'body.answers.H3', message: 'missing answer' }, { path: 'body.targetDate', message: 'Required' }], 'sentence')).toEqual({
      'answers.H3': ['missing answer'],
      targetDate: ['Required'],
    });
  });

  it('makes current the earliest step holding a refused field', () => {
    expect(stepOfPath('body.answers.S1')).toBe(1);
    expect(stepOfPath('body.title')).toBe(0);
    expect(stepForProblems([{ path: 'body.answers.S1', message: 'missing answer' }])).toBe(1);
    expect(stepForProblems([{ path: 'body.answers.S1', message: 'x' }, { path: 'body.targetDate', message: 'y' }])).toBe(0);
    expect(stepForProblems([])).toBe(2);
  });
});
