import type { FieldProblem } from '../kernel/errors.js';
import type { Answer, Answers, Questionnaire } from './questionnaire.js';

type Kind = 'yes_no' | 'choice' | 'multi';
interface Asked {
  kind: Kind;
  options: string[];
}

const path = (id: string) => `answers.${id}`;

const questionCache = new WeakMap<Questionnaire, Map<string, Asked>>();

function questionsOf(q: Questionnaire): Map<string, Asked> {
  const known = questionCache.get(q);
  if (known) return known;
  const questions = new Map<string, Asked>();
  for (const e of q.eu.questions) questions.set(e.id, { kind: e.kind, options: e.options?.map((o) => o.value) ?? [] });
  for (const i of [...q.impact.questions, ...q.impact.mitigations]) questions.set(i.id, { kind: i.kind, options: i.kind === 'yes_no' ? [] : i.options.map((o) => o.value) });
  questionCache.set(q, questions);
  return questions;
}

function answerProblem(asked: Asked, value: unknown): string | undefined {
  const choices = () => asked.options.join(', ');
  if (asked.kind === 'yes_no') return typeof value === 'boolean' ? undefined : 'answer true (yes) or false (no)';
  if (asked.kind === 'choice') {
    if (typeof value !== 'string') return `choose one of: ${choices()}`;
    return asked.options.includes(value) ? undefined : `"${value}" is not an option; choose one of: ${choices()}`;
  }
  if (!Array.isArray(value)) return `give a list of options (empty for none) from: ${choices()}`;
  const unknown = value.filter((v) => typeof v !== 'string' || !asked.options.includes(v));
  if (unknown.length) return `${unknown.map((v) => JSON.stringify(v)).join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'}; choose from: ${choices()}`;
  return new Set(value).size === value.length ? undefined : 'an option is listed twice';
}

/**
 * The answers of one submission, checked against the questionnaire. Reading a question that applies but has no
 * answer records a "missing" problem, so one pass over the cascade lists everything the submitter still owes.
 */
export class AnswerSheet {
  readonly problems: FieldProblem[] = [];
  private readonly answers: Answers = {};
  private readonly invalid = new Set<string>();

  constructor(questionnaire: Questionnaire, input: unknown) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      this.problems.push({ path: 'answers', message: 'send the answers as an object keyed by question id' });
      return;
    }
    const questions = questionsOf(questionnaire);
    for (const [id, value] of Object.entries(input)) {
      const question = questions.get(id);
      const problem = question ? answerProblem(question, value) : 'unknown question';
      if (problem) {
        this.problems.push({ path: path(id), message: problem });
        this.invalid.add(id);
      } else this.answers[id] = value as Answer;
    }
  }

  /** The answer to a question that applies; undefined (and a recorded problem) when it is missing or invalid. */
  private read(id: string, askedBecause?: string): Answer | undefined {
    const answer = this.answers[id];
    if (answer === undefined && !this.invalid.has(id)) {
      this.problems.push({ path: path(id), message: askedBecause ? `missing answer (asked because ${askedBecause})` : 'missing answer' });
    }
    return answer;
  }

  yesNo(id: string, askedBecause?: string): boolean | undefined {
    return this.read(id, askedBecause) as boolean | undefined;
  }

  choice(id: string): string | undefined {
    return this.read(id) as string | undefined;
  }

  multi(id: string, askedBecause?: string): string[] | undefined {
    return this.read(id, askedBecause) as string[] | undefined;
  }

  /** The valid answer to a question, if any, without recording a missing one (to tell "none chosen" from "not answered"). */
  given(id: string): Answer | undefined {
    return this.answers[id];
  }
}
