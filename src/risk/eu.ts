import type { AnswerSheet } from './answers.js';
import type { Answer, EuEffect, EuPart, EuQuestion, EuRole } from './questionnaire.js';

/** Where the EU AI Act cascade lands, named as in the screening source. */
export const EU_OUTCOMES = ['out_of_scope', 'prohibited', 'high_risk', 'not_high_risk_derogation', 'limited_risk_transparency', 'minimal_risk'] as const;
export type EuOutcome = (typeof EU_OUTCOMES)[number];

/** A duty that applies to the use case, with the answers that brought it in. */
export interface Obligation {
  ref: string;
  title: string;
  source: 'eu-ai-act' | 'impact-level';
  because: string[];
}

/** One step of the reasoning: which answer led where. */
export interface TraceStep {
  questionId?: string;
  answer?: Answer;
  points?: number;
  finding: string;
}

export interface EuScreening {
  outcome: EuOutcome;
  roles: EuRole[];
  annexIIIAreas: string[];
  /** The articles that make it high-risk: Art. 6(1) (Annex I) and/or Art. 6(2) (Annex III). */
  highRiskBasis: string[];
  /** Ids of the transparency questions answered yes (Art. 50 duties). */
  transparency: string[];
  gpai: boolean;
  friaDue: boolean;
  obligations: Obligation[];
  trace: TraceStep[];
}

/**
 * Walks the cascade in the order the Act is read: scope, prohibited practices (stop on a hit), high-risk (Annex I,
 * Annex III with profiling and the Art. 6(3) derogation), transparency, general-purpose models, and whether a
 * fundamental-rights impact assessment is due. Missing answers are recorded on the sheet; the walk goes on as if
 * the answer were the one that asks more, so one pass lists every gap.
 */
const byEffect = new WeakMap<EuPart, Map<EuEffect, EuQuestion[]>>();

function grouped(part: EuPart): Map<EuEffect, EuQuestion[]> {
  let groups = byEffect.get(part);
  if (!groups) {
    groups = new Map();
    for (const q of part.questions) groups.set(q.effect, [...(groups.get(q.effect) ?? []), q]);
    byEffect.set(part, groups);
  }
  return groups;
}

export function screenEu(part: EuPart, sheet: AnswerSheet): EuScreening {
  const result: EuScreening = { outcome: 'minimal_risk', roles: [], annexIIIAreas: [], highRiskBasis: [], transparency: [], gpai: false, friaDue: false, obligations: [], trace: [] };
  const groups = grouped(part);
  const questions = (effect: EuEffect) => groups.get(effect) ?? [];
  const first = (effect: EuEffect) => questions(effect)[0];
  const note = (q: EuQuestion, answer: Answer, finding: string) => result.trace.push({ questionId: q.id, answer, finding });
  const obliged = new Map<string, Obligation>();
  const oblige = (refs: readonly string[], because: string[]) => {
    for (const ref of refs) {
      const known = obliged.get(ref);
      if (known) known.because = [...new Set([...known.because, ...because])];
      else {
        const obligation: Obligation = { ref, title: part.obligations[ref], source: 'eu-ai-act', because };
        obliged.set(ref, obligation);
        result.obligations.push(obligation);
      }
    }
  };

  const scope = part.questions.filter((q) => q.effect === 'in_scope_if_yes' || q.effect === 'out_of_scope_if_yes');
  for (const q of scope) {
    const answer = sheet.yesNo(q.id);
    if (answer === undefined) continue;
    const outside = q.effect === 'in_scope_if_yes' ? !answer : answer;
    note(q, answer, outside ? `outside the EU AI Act (${q.ref}); the impact score alone sets the tier` : `within the Act so far (${q.ref})`);
    if (outside) return { ...result, outcome: 'out_of_scope' };
  }
  const scopeIds = scope.map((q) => q.id);

  const roleQuestion = first('role');
  const roles = (sheet.multi(roleQuestion.id) ?? []) as EuRole[];
  if (roles.length) note(roleQuestion, roles, `role: ${roles.join(', ')} (${roleQuestion.ref})`);
  else if (sheet.given(roleQuestion.id)) sheet.problems.push({ path: `answers.${roleQuestion.id}`, message: 'choose at least one role' });
  result.roles = roles;

  const practices = questions('prohibited').filter((q) => {
    const answer = sheet.yesNo(q.id);
    if (answer !== undefined) note(q, answer, answer ? `prohibited practice (${q.ref}): the use case is blocked` : `not this prohibited practice (${q.ref})`);
    return answer === true;
  });
  if (practices.length) {
    oblige(part.obligationSets.prohibited, practices.map((q) => q.id));
    return { ...result, outcome: 'prohibited' };
  }
  oblige(part.obligationSets.inScope, scopeIds);

  const annexIQuestion = first('annex_i');
  const annexIAnswer = sheet.yesNo(annexIQuestion.id);
  const annexI = annexIAnswer === true;
  if (annexIAnswer !== undefined) note(annexIQuestion, annexIAnswer, annexI ? `high-risk (${annexIQuestion.ref}): an Annex I product or its safety component` : `not an Annex I product (${annexIQuestion.ref})`);
  if (annexI) result.highRiskBasis.push('Art. 6(1)');

  const areasQuestion = first('annex_iii');
  const areas = sheet.multi(areasQuestion.id) ?? [];
  result.annexIIIAreas = areas;
  if (sheet.given(areasQuestion.id) && !areas.length) note(areasQuestion, [], `no Annex III purpose (${areasQuestion.ref})`);
  const highBecause = annexI ? [annexIQuestion.id] : [];
  let derogated = false;
  if (areas.length) {
    note(areasQuestion, areas, `Annex III area ${areas.join(', ')}: high-risk unless the Art. 6(3) derogation applies`);
    const profilingQuestion = first('profiling');
    const profiling = sheet.yesNo(profilingQuestion.id, `${areasQuestion.id} names an Annex III area`);
    const derogationQuestion = first('derogation');
    const derogation = profiling === false ? sheet.yesNo(derogationQuestion.id, `${areasQuestion.id} names an Annex III area and ${profilingQuestion.id} is no`) : undefined;
    if (profiling !== undefined) note(profilingQuestion, profiling, profiling ? 'profiles people: always high-risk, no derogation (Art. 6(3))' : 'no profiling: the Art. 6(3) derogation may apply');
    if (derogation !== undefined) {
      derogated = derogation;
      const claimed = annexI ? 'Art. 6(3) derogation claimed, but the Annex I product keeps it high-risk' : 'Art. 6(3) derogation: not high-risk, but the assessment must be documented and registered';
      note(derogationQuestion, derogation, derogation ? claimed : 'no derogation: high-risk (Art. 6(2))');
    }
    if (profiling === true || derogation === false) {
      result.highRiskBasis.push('Art. 6(2)');
      highBecause.push(areasQuestion.id, profiling === true ? profilingQuestion.id : derogationQuestion.id);
    }
  }
  const highRisk = result.highRiskBasis.length > 0;
  if (highRisk) for (const role of roles) oblige(part.obligationSets.highRisk[role], [...highBecause, roleQuestion.id]);
  if (derogated && !highRisk) oblige(part.obligationSets.derogation, [areasQuestion.id, first('profiling').id, first('derogation').id]);

  for (const q of questions('transparency')) {
    const answer = sheet.yesNo(q.id);
    if (answer !== undefined) note(q, answer, answer ? `transparency duty (${q.ref})` : `no transparency duty under ${q.ref}`);
    if (!answer) continue;
    result.transparency.push(q.id);
    oblige(q.obligations ?? [], [q.id]);
  }

  const gpaiQuestion = first('gpai');
  const gpai = sheet.yesNo(gpaiQuestion.id);
  if (gpai === false) note(gpaiQuestion, false, 'no general-purpose AI model placed on the market');
  if (gpai) {
    note(gpaiQuestion, true, `general-purpose AI model obligations (${gpaiQuestion.ref}), in addition to the tier`);
    result.gpai = true;
    oblige(gpaiQuestion.obligations ?? [], [gpaiQuestion.id]);
  }

  const friaQuestion = first('fria');
  const friaAreas = areas.filter((a) => !part.friaExcludedAreas.includes(a));
  if (result.highRiskBasis.includes('Art. 6(2)') && roles.includes('deployer') && friaAreas.length) {
    const due = sheet.yesNo(friaQuestion.id, `the system is high-risk under Annex III and you deploy it`);
    if (due !== undefined) note(friaQuestion, due, due ? `fundamental-rights impact assessment due before first use (${friaQuestion.ref})` : 'no fundamental-rights impact assessment due');
    if (due) {
      result.friaDue = true;
      oblige(friaQuestion.obligations ?? [], [friaQuestion.id, areasQuestion.id]);
    }
  }

  result.outcome = highRisk ? 'high_risk' : derogated ? 'not_high_risk_derogation' : result.transparency.length ? 'limited_risk_transparency' : 'minimal_risk';
  return result;
}
