import type { ControlException, ApprovalRequest, ControlItem } from './types';
import type { Stage } from '../portfolio/vocabulary';

const FORWARD: Stage[] = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'];
const DAY_MS = 86_400_000;

/** A use case's controls grouped by the stage they fall due before, in lifecycle order, with how many are met. */
export function controlsByStage(items: ControlItem[]): { stage: Stage; items: ControlItem[]; met: number }[] {
  const stages = [...new Set(items.map((i) => i.requiredBefore))].sort((a, b) => FORWARD.indexOf(a) - FORWARD.indexOf(b));
  return stages.map((stage) => {
    const of = items.filter((i) => i.requiredBefore === stage);
    return { stage, items: of, met: of.filter((i) => i.met).length };
  });
}

/** Whether controls due before `due` hold up a use case now in `stage`: it has not passed that stage yet. */
export function isAhead(stage: Stage, due: Stage): boolean {
  const here = FORWARD.indexOf(stage);
  return here === -1 || FORWARD.indexOf(due) > here;
}

/** How far off a due date is, in whole days: "due today", "due in 3 days", "2 days overdue". */
export function dueWords(dueAt: string, now: Date): string {
  const days = Math.floor((new Date(dueAt).getTime() - now.getTime()) / DAY_MS);
  if (days < 0) return `${-days} ${-days === 1 ? 'day' : 'days'} overdue`;
  if (days === 0) return 'due today';
  return `due in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The pending requests a person may decide: those for a role they hold (only a member holding the role decides it; a
 * platform admin does not stand in), overdue first, then by due date. Moves they asked for stay listed with a note:
 * the API refuses them, and says why.
 */
export function decidableRequests(requests: ApprovalRequest[], roles: string[]): ApprovalRequest[] {
  return requests
    .filter((r) => r.status === 'pending' && roles.includes(r.role))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}

/** An exception's standing, in words a reviewer acts on. */
export function exceptionWords(e: ControlException, now: Date): { label: string; tone: 'ok' | 'warn' | 'bad' | 'muted' } {
  if (e.status === 'requested') return { label: 'Waiting for a decision', tone: 'warn' };
  if (e.status === 'rejected') return { label: 'Rejected', tone: 'muted' };
  const days = Math.ceil((new Date(e.expiresAt).getTime() - now.getTime()) / DAY_MS);
  if (e.status === 'expired' || days <= 0) return { label: 'Expired: the control counts as not met', tone: 'bad' };
  if (days <= 14) return { label: `In force, ends in ${days} ${days === 1 ? 'day' : 'days'}`, tone: 'warn' };
  return { label: `In force for ${days} more days`, tone: 'ok' };
}

/** A share as a whole percentage, 100 % when nothing is required. */
export const percent = (met: number, required: number): number => (required === 0 ? 100 : Math.round((met / required) * 100));
