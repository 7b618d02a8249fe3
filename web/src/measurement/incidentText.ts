import { ApiProblem } from '../api/problem';
import { roleLabel } from '../session/roles';
import type { TimelineEntry } from './types';

/** The entries of a text area, one per line, blank lines left out. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const joinOr = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/**
 * Why a resumption was refused, for the person who tried: a 403 names the roles the pack's resumeRoles allow, and
 * the person's own; anything else in the API's words.
 */
export function resumeRefusal(error: unknown, myRoles: string[]): string {
  if (error instanceof ApiProblem && error.status === 403) {
    const required = Array.isArray(error.body.requiredRoles) ? (error.body.requiredRoles as string[]) : [];
    const mine = myRoles.length ? myRoles.map(roleLabel).join(', ') : 'none';
    if (required.length) return `Resuming this use case needs a ${joinOr(required.map(roleLabel))}, as its policy pack says; your roles are ${mine}. Ask someone holding one of those roles.`;
    return `${error.detail || 'Resuming is not allowed for your roles'}. Your roles are ${mine}.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What a timeline entry is, in a word or two. */
export function entryLabel(e: Pick<TimelineEntry, 'kind' | 'status' | 'action' | 'metricKey'>): string {
  switch (e.kind) {
    case 'opened':
      return 'Opened';
    case 'status':
      return e.status ? `Moved to ${e.status}` : 'Status changed';
    case 'alert':
      return e.metricKey ? `Alert on ${e.metricKey}` : 'Alert';
    case 'action':
      if (!e.action) return 'Action';
      if (e.action.kind === 'throttle') return `Throttled to ${Math.round(e.action.fraction * 100)}% of traffic`;
      return { suspend: 'Suspended', rollback: 'Rolled back', resume: 'Resumed' }[e.action.kind];
    case 'severity':
      return 'Severity changed';
    case 'note':
      return 'Note';
    case 'review':
      return 'Post-incident review';
    default:
      return e.kind;
  }
}

/** What a timeline entry adds to its label: nothing when it only repeats the title or the move (`moved to triaged`). */
export function entryText(e: Pick<TimelineEntry, 'kind' | 'status' | 'text'>, title: string): string {
  const text = e.text.trim();
  if (!text || (e.kind === 'opened' && text === title)) return '';
  if (e.kind === 'status' && e.status && text === `moved to ${e.status}`) return '';
  return text;
}
