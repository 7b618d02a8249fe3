import type { Answer, Question, Questionnaire, TraceStep } from './types';

export type TraceSection = 'eu' | 'impact' | 'mitigation' | 'result';

export const SECTION_TITLES: Record<TraceSection, string> = {
  eu: 'EU AI Act cascade',
  impact: 'Impact questions',
  mitigation: 'Mitigations',
  result: 'How the tier was reached',
};

/** One step of a screening's reasoning, in words: the question asked, the answer given, and where it led. */
export interface TraceLine {
  section: TraceSection;
  questionId?: string;
  question?: string;
  ref?: string;
  answer?: string;
  points?: number;
  finding: string;
}

function answerWords(answer: Answer | undefined, question: Question | undefined): string | undefined {
  if (answer === undefined) return undefined;
  if (typeof answer === 'boolean') return answer ? 'Yes' : 'No';
  const option = (value: string) => question?.options?.find((o) => o.value === value)?.text ?? value;
  if (Array.isArray(answer)) return answer.length ? answer.map(option).join('; ') : 'None';
  return option(answer);
}

/** Words a screening's trace with the questionnaire it answered; steps without a question are the conclusions. */
export function describeTrace(trace: TraceStep[], questionnaire: Questionnaire | undefined): TraceLine[] {
  const sections: [TraceSection, Question[]][] = [
    ['eu', questionnaire?.eu.questions ?? []],
    ['impact', questionnaire?.impact.questions ?? []],
    ['mitigation', questionnaire?.impact.mitigations ?? []],
  ];
  return trace.map((step) => {
    if (!step.questionId) return { section: 'result', finding: step.finding };
    const found = sections.map(([section, qs]) => [section, qs.find((q) => q.id === step.questionId)] as const).find(([, q]) => q);
    const question = found?.[1];
    const section: TraceSection = found?.[0] ?? (step.points !== undefined ? 'impact' : 'eu');
    return { section, questionId: step.questionId, question: question?.text, ref: question?.ref, answer: answerWords(step.answer, question), points: step.points, finding: step.finding };
  });
}

/** The trace's lines grouped by section, the conclusions first, then the answers in the order the screening asked them. */
export function traceSections(lines: TraceLine[]): { section: TraceSection; lines: TraceLine[] }[] {
  const order: TraceSection[] = ['result', 'eu', 'impact', 'mitigation'];
  return order.map((section) => ({ section, lines: lines.filter((l) => l.section === section) })).filter((g) => g.lines.length > 0);
}

/** Where a step led, for emphasis: an EU finding that raises the stakes, or points scored. */
export function isSignificant(line: TraceLine): boolean {
  if (line.section === 'result') return true;
  if (line.points !== undefined) return line.points > 0;
  return !/^(not |no |within the Act so far)/.test(line.finding);
}
