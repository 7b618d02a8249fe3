import type { FieldProblem } from '../api/problem';
import type { Question, Questionnaire } from '../governance/types';
import { fieldFor, toUseCaseBody, type UseCaseDraft } from '../portfolio/useCaseDraft';

/** The wizard's steps, in order. */
export const STEPS = ['Use case', 'Screening', 'Review', 'Result'] as const;
export type StepIndex = 0 | 1 | 2 | 3;

/** The impact questions step 1 already answers (the service fills them from the data classes): not asked twice. */
export const ANSWERED_BY_USE_CASE = ['dataSensitivity', 'dataCategories'] as const;

/** The EU AI Act cascade's parts, by the letter its question ids start with. */
const EU_PARTS: Record<string, string> = {
  S: 'Scope',
  R: 'Your role',
  P: 'Prohibited practices (Art. 5)',
  H: 'High-risk purposes (Art. 6, Annex I and III)',
  T: 'Transparency (Art. 50)',
  G: 'General-purpose AI models',
  F: 'Fundamental-rights impact assessment (Art. 27)',
};

/** A question as the questionnaire publishes it; an EU question also says what a "yes" means in the cascade. */
export type ScreeningQuestion = Question & { effect?: string };

/**
 * The cascade's follow-up questions, by their effect: the screening asks them only when an earlier answer calls for
 * them (and says why when one is owed), so they are not counted as owed up front.
 */
export const FOLLOW_UPS: Record<string, string> = {
  profiling: 'Follow-up: asked when an Annex III area is named.',
  derogation: 'Follow-up: asked when an Annex III area is named and the system does not profile people.',
  fria: 'Follow-up: asked when the system is high-risk under Annex III and you deploy it.',
};

export const followUpOf = (question: ScreeningQuestion): string | undefined => (question.effect ? FOLLOW_UPS[question.effect] : undefined);

export interface QuestionSection {
  key: string;
  title: string;
  questions: ScreeningQuestion[];
}

/** The questionnaire as the sections the screening step shows: the EU cascade by part, the impact questions, the mitigations. */
export function sectionsOf(q: Questionnaire): QuestionSection[] {
  const eu: QuestionSection[] = [];
  for (const question of q.eu.questions) {
    const letter = question.id[0];
    const title = EU_PARTS[letter] ? `EU AI Act: ${EU_PARTS[letter]}` : `${q.eu.title}: other questions`;
    const last = eu[eu.length - 1];
    if (last && last.title === title) last.questions.push(question);
    else eu.push({ key: `eu-${letter}-${eu.length}`, title, questions: [question] });
  }
  const impact = q.impact.questions.filter((x) => !(ANSWERED_BY_USE_CASE as readonly string[]).includes(x.id));
  return [
    ...eu,
    { key: 'impact', title: q.impact.title, questions: impact },
    { key: 'mitigations', title: 'Mitigations in place', questions: q.impact.mitigations },
  ].filter((s) => s.questions.length > 0);
}

export type Answers = Record<string, unknown>;

/** A multi-select left untouched means "none of these", which is an answer; a yes/no or choice needs a pick. */
export const isAnswered = (question: Question, answers: Answers): boolean => question.kind === 'multi' || answers[question.id] !== undefined;

/** The questions still owed: not answered, and not a follow-up the cascade may never ask. */
export const unanswered = (sections: QuestionSection[], answers: Answers): ScreeningQuestion[] =>
  sections.flatMap((s) => s.questions).filter((x) => !followUpOf(x) && !isAnswered(x, answers));

/** How far the screening is: answered of owed, per section and overall (a follow-up counts once it is answered). */
export function progressOf(sections: QuestionSection[], answers: Answers) {
  const per = sections.map((s) => {
    const counted = s.questions.filter((x) => !followUpOf(x) || isAnswered(x, answers));
    return { key: s.key, title: s.title, answered: counted.filter((x) => isAnswered(x, answers)).length, total: counted.length };
  });
  return { sections: per, answered: per.reduce((n, s) => n + s.answered, 0), total: per.reduce((n, s) => n + s.total, 0) };
}

/** The answers to send: every answered question of the questionnaire shown, multi-selects as their (possibly empty) list. */
export function answersBody(sections: QuestionSection[], answers: Answers): Answers {
  const body: Answers = {};
  for (const question of sections.flatMap((s) => s.questions)) {
    if (question.kind === 'multi') body[question.id] = Array.isArray(answers[question.id]) ? answers[question.id] : [];
    else if (answers[question.id] !== undefined) body[question.id] = answers[question.id];
  }
  return body;
}

/** The body of `POST /api/v1/intake`: the use case, its timeline and the screening answers. */
export function intakeBody(draft: UseCaseDraft, sections: QuestionSection[], answers: Answers): Record<string, unknown> {
  return { ...toUseCaseBody(draft), targetDate: draft.targetDate.trim() || undefined, answers: answersBody(sections, answers) };
}

/** The field that shows a problem: an answer's own question, or the use-case field the portfolio form would name. */
export function intakeFieldFor(path: string, outcomeForm: UseCaseDraft['outcomeForm']): string {
  const bare = path.replace(/^body\.?/, '');
  if (bare === 'answers' || bare.startsWith('answers.')) return bare.split('.').slice(0, 2).join('.');
  return fieldFor(path, outcomeForm);
}

/** Which step holds the field a problem is at. */
export const stepOfPath = (path: string): StepIndex => (/^(body\.)?answers(\.|$)/.test(path) ? 1 : 0);

/** The step to show after a refusal: the earliest one holding a refused field (the review step when none is known). */
export function stepForProblems(problems: FieldProblem[]): StepIndex {
  if (!problems.length) return 2;
  return Math.min(...problems.map((p) => stepOfPath(p.path))) as StepIndex;
}

/** Problems grouped by the field that shows them. */
export function problemsByIntakeField(problems: FieldProblem[], outcomeForm: UseCaseDraft['outcomeForm']): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[intakeFieldFor(p.path, outcomeForm)] ??= []).push(p.message);
  return byField;
}

/** An answer in words, for the review step. */
export function answerWords(question: Question, value: unknown): string {
  if (question.kind === 'yes_no') return value === true ? 'Yes' : value === false ? 'No' : 'Not answered';
  const text = (v: unknown) => question.options?.find((o) => o.value === v)?.text ?? String(v);
  if (question.kind === 'multi') return Array.isArray(value) && value.length ? value.map(text).join('; ') : 'None of these';
  return value === undefined ? 'Not answered' : text(value);
}
