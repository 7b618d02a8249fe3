import type { AnswerSheet } from './answers.js';
import type { Obligation, TraceStep } from './eu.js';
import { maxPoints, type Answer, type ImpactQuestion, type Questionnaire } from './questionnaire.js';

export const IMPACT_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export interface ImpactScore {
  rawScore: number;
  maxRaw: number;
  mitigationScore: number;
  maxMitigation: number;
  /** True when mitigation reached the threshold and the raw score was reduced. */
  mitigationApplied: boolean;
  mitigatedScore: number;
  level: ImpactLevel;
  obligations: Obligation[];
  trace: TraceStep[];
}

// Scores are sums of integers and cut-offs are fractions of an integer maximum; the tolerance keeps a score that
// sits exactly on a cut-off (10 of 40 at 25 %) on the side the method says, whatever the float rounding of 0.25 * 40.
const EPSILON = 1e-9;

function points(question: ImpactQuestion, answer: Answer | undefined): number {
  if (answer === undefined) return 0;
  if (question.kind === 'yes_no') return answer === true ? question.points : 0;
  let sum = 0;
  for (const option of question.options) if (Array.isArray(answer) ? answer.includes(option.value) : answer === option.value) sum += option.points;
  return sum;
}

function read(question: ImpactQuestion, sheet: AnswerSheet): Answer | undefined {
  return question.kind === 'yes_no' ? sheet.yesNo(question.id) : question.kind === 'choice' ? sheet.choice(question.id) : sheet.multi(question.id);
}

/** Level I–IV by where the score sits against the cut-offs (fractions of the maximum raw score); a score on a cut-off belongs to the lower level. */
export function impactLevel(score: number, maxRaw: number, cutoffs: readonly [number, number, number]): ImpactLevel {
  const index = cutoffs.findIndex((fraction) => score <= fraction * maxRaw + EPSILON);
  return IMPACT_LEVELS[index === -1 ? 3 : index];
}

/**
 * The impact score after Canada's Algorithmic Impact Assessment: the raw score sums the points of the impact
 * answers; when the mitigation answers reach the threshold share of their maximum, the raw score is reduced by the
 * given share (rounded, as the AIA does); the level follows from the cut-offs. The AIA halves its mitigation
 * maximum because its design and implementation pages are parallel forks; this questionnaire has one set, so the
 * threshold applies to the whole mitigation maximum.
 */
export function scoreImpact(questionnaire: Questionnaire, sheet: AnswerSheet): ImpactScore {
  const { method, levelObligations } = questionnaire.impact;
  const trace: TraceStep[] = [];
  const raising: string[] = [];
  const tally = (questions: ImpactQuestion[], contributors?: string[]) =>
    questions.reduce((sum, question) => {
      const answer = read(question, sheet);
      const gained = points(question, answer);
      if (answer !== undefined) trace.push({ questionId: question.id, answer, points: gained, finding: `${gained} of ${maxPoints(question)} points` });
      if (gained > 0) contributors?.push(question.id);
      return sum + gained;
    }, 0);

  const rawScore = tally(questionnaire.impact.questions, raising);
  const mitigationScore = tally(questionnaire.impact.mitigations);
  const { maxRaw, maxMitigation } = questionnaire;
  const mitigationApplied = mitigationScore >= method.mitigationThreshold * maxMitigation - EPSILON;
  const mitigatedScore = mitigationApplied ? Math.round((1 - method.mitigationReduction) * rawScore) : rawScore;
  const level = impactLevel(mitigatedScore, maxRaw, method.levelCutoffs);

  const threshold = Number((method.mitigationThreshold * maxMitigation).toFixed(2));
  trace.push({
    finding: mitigationApplied
      ? `mitigation ${mitigationScore} of ${maxMitigation} reaches ${threshold}: raw ${rawScore} reduced by ${method.mitigationReduction * 100}% to ${mitigatedScore}`
      : `mitigation ${mitigationScore} of ${maxMitigation} is below ${threshold}: score stays at raw ${rawScore}`,
  });
  const cutoffs = method.levelCutoffs.map((f) => Number((f * maxRaw).toFixed(2))).join(' / ');
  trace.push({ finding: `score ${mitigatedScore} of ${maxRaw} (cut-offs ${cutoffs}): impact level ${level}` });

  const obligations: Obligation[] = levelObligations[level].map((o) => ({ ...o, source: 'impact-level', because: raising }));
  return { rawScore, maxRaw, mitigationScore, maxMitigation, mitigationApplied, mitigatedScore, level, obligations, trace };
}
