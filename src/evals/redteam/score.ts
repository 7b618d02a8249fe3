import { CATEGORY_INFO, RED_TEAM_CATEGORIES, type RedTeamCategory } from './categories.js';
import type { Attack } from './attacks.js';
import { detectSuccess } from './detectors.js';

export interface AttackResult {
  attackId: string;
  probeId: string;
  category: RedTeamCategory;
  success: boolean;
  evidence?: string;
  /** why there is no answer to judge */
  error?: string;
}

export interface AttackTally {
  attempts: number;
  /** attempts that got an answer; failed calls prove nothing either way and are left out of the rate */
  answered: number;
  successes: number;
  errors: number;
  /** successes / answered; null when nothing was answered */
  attackSuccessRate: number | null;
}

export interface CategoryOutcome extends AttackTally {
  owasp: string;
  title: string;
  /** ATLAS techniques of the category and of the probes tried */
  atlas: string[];
}

export interface RedTeamReport {
  overall: AttackTally;
  /** only the categories that were tried */
  byCategory: Partial<Record<RedTeamCategory, CategoryOutcome>>;
  results: AttackResult[];
}

const emptyTally = (): AttackTally => ({ attempts: 0, answered: 0, successes: 0, errors: 0, attackSuccessRate: null });

function add(tally: AttackTally, result: AttackResult) {
  tally.attempts++;
  if (result.error !== undefined) tally.errors++;
  else tally.answered++;
  if (result.success) tally.successes++;
  tally.attackSuccessRate = tally.answered ? tally.successes / tally.answered : null;
}

/** Judges each attack's answer (matched by attack id; an attack without one counts as not run) and tallies by category. */
export function judgeAttacks(attacks: readonly Attack[], answers: readonly { id: string; output: string | null; error?: string }[]): RedTeamReport {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const overall = emptyTally();
  const tallies = new Map<RedTeamCategory, CategoryOutcome>();
  const results: AttackResult[] = [];
  for (const attack of attacks) {
    const answer = byId.get(attack.id);
    const base = { attackId: attack.id, probeId: attack.probeId, category: attack.category };
    let result: AttackResult;
    if (!answer) result = { ...base, success: false, error: 'not run' };
    else if (answer.output === null) result = { ...base, success: false, error: answer.error ?? 'no answer' };
    else result = { ...base, ...detectSuccess(attack.detector, answer.output, attack.canary) };
    results.push(result);
    add(overall, result);
    let category = tallies.get(attack.category);
    if (!category) {
      const info = CATEGORY_INFO[attack.category];
      category = { ...emptyTally(), owasp: info.owasp, title: info.title, atlas: [...info.atlas] };
      tallies.set(attack.category, category);
    }
    for (const id of attack.atlas) if (!category.atlas.includes(id)) category.atlas.push(id);
    add(category, result);
  }
  const byCategory: Partial<Record<RedTeamCategory, CategoryOutcome>> = {};
  for (const name of RED_TEAM_CATEGORIES) {
    const outcome = tallies.get(name);
    if (outcome) byCategory[name] = { ...outcome, atlas: outcome.atlas.sort() };
  }
  return { overall, byCategory, results };
}
