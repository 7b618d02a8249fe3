import type { FieldProblem } from '../kernel/errors.js';
import type { Direction, OutcomeStatement } from './schema.js';

const DECREASE = /^(reduce|cut|lower|decrease|shorten|halve)\b/i;
const INCREASE = /^(increase|raise|improve|grow|lift|boost|double)\b/i;
const CONTROL = /\s*,?\s*\b(while|with|keeping|preserving|under)\b\s+(.+)$/i;
const CHANGE_PCT = /\s+by\s+(\d+(?:\.\d+)?)\s*%/i;
const FROM_TO = /\s+from\s+(\d+(?:\.\d+)?)\s*([^\s\d]*)\s+to\s+(\d+(?:\.\d+)?)\s*([^\s\d]*)/i;

/**
 * Reads a one-sentence outcome ("Reduce claims triage time by 30% while preserving human review for high-risk cases")
 * into its parts. A relative change ("by 30%") becomes baseline 100 → target 70 in percent of today's value.
 * Returns the problems instead when the sentence lacks a metric, a target or a control.
 */
export function parseOutcomeSentence(sentence: string): { outcome?: OutcomeStatement; problems: FieldProblem[] } {
  const text = sentence.trim().replace(/\.$/, '');
  const problems: FieldProblem[] = [];
  const direction: Direction | undefined = DECREASE.test(text) ? 'decrease' : INCREASE.test(text) ? 'increase' : undefined;
  const controlMatch = CONTROL.exec(text);
  const control = controlMatch ? `${controlMatch[1]} ${controlMatch[2]}`.trim() : undefined;
  const head = controlMatch ? text.slice(0, controlMatch.index) : text;
  const pct = CHANGE_PCT.exec(head);
  const fromTo = FROM_TO.exec(head);
  const cut = pct?.index ?? fromTo?.index;
  const verbLength = /^\S+/.exec(head)?.[0].length ?? 0;
  const metric = (cut !== undefined ? head.slice(verbLength, cut) : '').trim();

  if (!direction) problems.push({ path: 'outcome', message: 'start with the change you want (reduce, increase, improve …), so the direction is clear' });
  if (!metric) problems.push({ path: 'outcome.metric', message: 'name the metric and how far it should move ("… claims triage time by 30%" or "from 40 min to 28 min")' });
  if (!pct && !fromTo) problems.push({ path: 'outcome.target', message: 'state a target: "by N%" or "from A to B"' });
  if (!control) problems.push({ path: 'outcome.control', message: 'name the control mechanism ("… while preserving human review for high-risk cases")' });
  if (problems.length || !direction) return { problems };

  let baseline: number, target: number, unit: string;
  if (fromTo) {
    baseline = Number(fromTo[1]);
    target = Number(fromTo[3]);
    unit = fromTo[4] || fromTo[2] || '';
  } else {
    const change = Number(pct![1]);
    baseline = 100;
    target = direction === 'decrease' ? 100 - change : 100 + change;
    unit = '% of baseline';
  }
  return { outcome: { process: metric, metric, unit, baseline, target, direction, control: control! }, problems };
}

/** Checks that the target really moves the metric in the stated direction. */
export function outcomeProblems(o: OutcomeStatement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (o.direction === 'decrease' && !(o.target < o.baseline)) problems.push({ path: 'outcome.target', message: `to decrease, the target (${o.target}) must be below the baseline (${o.baseline})` });
  if (o.direction === 'increase' && !(o.target > o.baseline)) problems.push({ path: 'outcome.target', message: `to increase, the target (${o.target}) must be above the baseline (${o.baseline})` });
  return problems;
}

const fmt = (n: number, unit: string) => (unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : String(n));

/** The statement as one sentence that business and technical readers both understand. */
export function renderOutcome(o: OutcomeStatement): string {
  const verb = o.direction === 'decrease' ? 'Reduce' : 'Increase';
  const change = o.baseline !== 0 ? Math.round((Math.abs(o.target - o.baseline) / Math.abs(o.baseline)) * 100) : undefined;
  const amount =
    o.unit === '% of baseline'
      ? `by ${change}%`
      : `from ${fmt(o.baseline, o.unit)} to ${fmt(o.target, o.unit)}${change !== undefined ? ` (${o.direction === 'decrease' ? '−' : '+'}${change}%)` : ''}`;
  const process = o.process && o.process.toLowerCase() !== o.metric.toLowerCase() ? ` in ${o.process}` : '';
  const by = o.targetDate ? ` by ${o.targetDate}` : '';
  return `${verb} ${o.metric} ${amount}${process}${by}, ${o.control}.`;
}
