import type { FieldProblem } from '../api/problem';
import { numberOr } from '../forms/draft';
import type { UseCase } from './types';
import { PRIORITY_FACTORS, type PriorityFactor } from './vocabulary';

/** What the new-use-case form holds while someone fills it in: text as typed, turned into a request only on submit. */
export interface UseCaseDraft {
  title: string;
  description: string;
  outcomeForm: 'sentence' | 'structured';
  outcomeSentence: string;
  process: string;
  metric: string;
  unit: string;
  baseline: string;
  target: string;
  direction: 'decrease' | 'increase';
  control: string;
  valueStreamId: string;
  ownerId: string;
  sensitivity: string;
  categories: string[];
  priority: Record<PriorityFactor, string>;
  affectedUsers: { group: string; headcount: string }[];
  dataSources: string;
  humanOversight: string;
  rollbackPlan: string;
  targetDate: string;
  tags: string;
}

export const emptyDraft = (ownerId: string): UseCaseDraft => ({
  title: '',
  description: '',
  outcomeForm: 'sentence',
  outcomeSentence: '',
  process: '',
  metric: '',
  unit: '',
  baseline: '',
  target: '',
  direction: 'decrease',
  control: '',
  valueStreamId: '',
  ownerId,
  sensitivity: '',
  categories: [],
  priority: Object.fromEntries(PRIORITY_FACTORS.map((f) => [f.key, ''])) as Record<PriorityFactor, string>,
  affectedUsers: [],
  dataSources: '',
  humanOversight: '',
  rollbackPlan: '',
  targetDate: '',
  tags: '',
});

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const optional = (text: string) => text.trim() || undefined;

/** The form's draft of a use case that exists, to change it. */
export function draftOf(uc: UseCase): UseCaseDraft {
  const o = uc.outcome;
  const blank = emptyDraft(uc.owner?.id ?? '');
  return {
    ...blank,
    title: uc.title,
    description: uc.description,
    ...(o
      ? { outcomeForm: 'structured', process: o.process, metric: o.metric, unit: o.unit, baseline: String(o.baseline), target: String(o.target), direction: o.direction, control: o.control }
      : {}),
    valueStreamId: uc.valueStream?.id ?? '',
    sensitivity: uc.dataClasses.sensitivity,
    categories: uc.dataClasses.categories,
    priority: uc.priority ? (Object.fromEntries(PRIORITY_FACTORS.map((f) => [f.key, String(uc.priority![f.key])])) as UseCaseDraft['priority']) : blank.priority,
    affectedUsers: uc.affectedUsers.map((g) => ({ group: g.group, headcount: String(g.headcount) })),
    dataSources: uc.readiness.dataSources.join('\n'),
    humanOversight: uc.readiness.humanOversight.join('\n'),
    rollbackPlan: uc.readiness.rollbackPlan,
    targetDate: uc.targetDate ?? o?.targetDate ?? '',
    tags: uc.tags.join(', '),
  };
}

/** The request body the draft stands for (POST to admit, PATCH to change); an outcome left empty is left out. */
export function toUseCaseBody(d: UseCaseDraft): Record<string, unknown> {
  const rated = PRIORITY_FACTORS.filter((f) => d.priority[f.key] !== '');
  const readiness = { dataSources: lines(d.dataSources), humanOversight: lines(d.humanOversight), rollbackPlan: d.rollbackPlan.trim() };
  return {
    title: d.title.trim(),
    description: d.description.trim(),
    outcome:
      d.outcomeForm === 'sentence'
        ? optional(d.outcomeSentence)
        : { process: d.process.trim(), metric: d.metric.trim(), unit: d.unit.trim(), baseline: numberOr(d.baseline), target: numberOr(d.target), direction: d.direction, control: d.control.trim() },
    valueStreamId: d.valueStreamId || undefined,
    ownerId: d.ownerId || undefined,
    affectedUsers: d.affectedUsers.map((g) => ({ group: g.group.trim(), headcount: numberOr(g.headcount) })),
    dataClasses: { sensitivity: d.sensitivity || undefined, categories: d.categories },
    priority: rated.length ? Object.fromEntries(PRIORITY_FACTORS.map((f) => [f.key, numberOr(d.priority[f.key])])) : undefined,
    readiness: readiness.dataSources.length || readiness.humanOversight.length || readiness.rollbackPlan ? readiness : undefined,
    targetDate: optional(d.targetDate),
    tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean),
  };
}

/**
 * The form field that shows a problem at an API path: in the one-sentence form every outcome problem belongs to the
 * sentence; a readiness line or affected group problem belongs to its list.
 */
export function fieldFor(path: string, outcomeForm: UseCaseDraft['outcomeForm']): string {
  const parts = path.replace(/^body\.?/, '').split('.');
  const [head, sub] = parts;
  if (head === 'outcome') return outcomeForm === 'sentence' ? 'outcomeSentence' : !sub ? 'outcome' : sub === 'targetDate' ? 'targetDate' : sub;
  if (head === 'dataClasses') return sub === 'categories' ? 'categories' : 'sensitivity';
  if (head === 'priority') return sub ? `priority.${sub}` : 'priority';
  if (head === 'readiness') return sub ?? 'readiness';
  if (head === 'affectedUsers') return parts.length > 2 ? `affectedUsers.${parts[1]}.${parts[2]}` : 'affectedUsers';
  return head || 'form';
}

/** Problems grouped by the field that shows them. */
export function problemsByField(problems: FieldProblem[], outcomeForm: UseCaseDraft['outcomeForm']): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[fieldFor(p.path, outcomeForm)] ??= []).push(p.message);
  return byField;
}
