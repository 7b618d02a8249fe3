import { numberOr } from '../forms/draft';
import type { ChangePlan, SkillRole } from './types';

/** The audience a communication addresses when it goes to every audience (src/people/change-service.ts). */
export const EVERYONE = 'everyone';

export interface AudienceDraft {
  group: string;
  skillRole: SkillRole | '';
  gatewayRole: string;
  headcount: string;
}
export interface CommunicationDraft {
  on: string;
  audience: string;
  channel: string;
  message: string;
}

/** A change plan as its editor holds it: every value as typed, rows in the order shown. */
export interface PlanDraft {
  ownerId: string;
  workflowChange: string;
  audiences: AudienceDraft[];
  support: string[];
  successMetrics: { metric: string; target: string }[];
  feedbackHandling: string;
  communications: CommunicationDraft[];
}

export const emptyAudience = (): AudienceDraft => ({ group: '', skillRole: '', gatewayRole: '', headcount: '' });
export const emptyCommunication = (): CommunicationDraft => ({ on: '', audience: EVERYONE, channel: '', message: '' });
export const emptyMetric = () => ({ metric: '', target: '' });

/** A new plan starts with one empty row of each list (the API requires at least one), owned by whoever writes it. */
export const newPlanDraft = (ownerId: string): PlanDraft => ({
  ownerId,
  workflowChange: '',
  audiences: [emptyAudience()],
  support: [''],
  successMetrics: [emptyMetric()],
  feedbackHandling: '',
  communications: [emptyCommunication()],
});

/** The plan as recorded, ready to edit; the owner stays who they are unless changed. */
export const planToDraft = (plan: ChangePlan): PlanDraft => ({
  ownerId: plan.owner.id,
  workflowChange: plan.workflowChange,
  audiences: plan.audiences.map((a) => ({ group: a.group, skillRole: a.skillRole, gatewayRole: a.gatewayRole ?? '', headcount: String(a.headcount) })),
  support: [...plan.support],
  successMetrics: plan.successMetrics.map((m) => ({ ...m })),
  feedbackHandling: plan.feedbackHandling,
  communications: plan.communications.map((c) => ({ ...c })),
});

const text = (v: string) => v.trim();
const orUndefined = (v: string) => (v ? v : undefined);

/**
 * The body of PUT /api/v1/use-cases/:id/change-plan: text trimmed, an empty gateway role as null (the gateway cannot
 * tell the audience apart), headcounts as numbers, and empty values left out so the API's rules name what is missing.
 */
export function planBody(d: PlanDraft) {
  return {
    ...(d.ownerId ? { ownerId: d.ownerId } : {}),
    workflowChange: text(d.workflowChange),
    audiences: d.audiences.map((a) => ({
      group: text(a.group),
      skillRole: orUndefined(a.skillRole),
      gatewayRole: text(a.gatewayRole) || null,
      headcount: numberOr(a.headcount),
    })),
    support: d.support.map(text),
    successMetrics: d.successMetrics.map((m) => ({ metric: text(m.metric), target: text(m.target) })),
    feedbackHandling: text(d.feedbackHandling),
    communications: d.communications.map((c) => ({ on: orUndefined(c.on), audience: text(c.audience), channel: text(c.channel), message: text(c.message) })),
  };
}

/** The editor's fields by their API paths, down to each row's values, so a problem shows at the control it concerns. */
export function planFields(d: PlanDraft): string[] {
  const rows = <T extends object>(list: string, items: T[], keys: (keyof T & string)[]) => items.flatMap((_, i) => [`${list}.${i}`, ...keys.map((k) => `${list}.${i}.${k}`)]);
  return [
    'ownerId', 'workflowChange', 'feedbackHandling', 'audiences', 'support', 'successMetrics', 'communications',
    ...rows('audiences', d.audiences, ['group', 'skillRole', 'gatewayRole', 'headcount']),
    ...d.support.map((_, i) => `support.${i}`),
    ...rows('successMetrics', d.successMetrics, ['metric', 'target']),
    ...rows('communications', d.communications, ['on', 'audience', 'channel', 'message']),
  ];
}

/**
 * Renames an audience group, and the communications addressed to it follow — unless another audience still carries
 * the old name, in which case they stay with that one.
 */
export function renameAudience(d: PlanDraft, index: number, group: string): PlanDraft {
  const before = d.audiences[index].group;
  const audiences = d.audiences.map((a, i) => (i === index ? { ...a, group } : a));
  const stillNamed = audiences.some((a) => a.group === before);
  const communications = before && !stillNamed ? d.communications.map((c) => (c.audience === before ? { ...c, audience: group } : c)) : d.communications;
  return { ...d, audiences, communications };
}

/** Whom a communication can go to: every audience group named so far, then everyone; one it names that is gone stays listed. */
export function communicationAudiences(d: PlanDraft, current: string): string[] {
  const groups = [...new Set(d.audiences.map((a) => a.group.trim()).filter(Boolean))];
  const options = [...groups, EVERYONE];
  return current && !options.includes(current) ? [current, ...options] : options;
}

/** Drops row `index` of a list, keeping at least one (empty) row on screen. */
export function withoutRow<T>(list: T[], index: number, empty: () => T): T[] {
  const rest = list.filter((_, i) => i !== index);
  return rest.length ? rest : [empty()];
}
