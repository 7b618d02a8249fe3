import { CAUSE_LABEL, type Tone } from './skilling';
import type { AudienceAdoption, Communication } from './types';

/** How an audience's adoption reads at a glance: not measurable, low with its likely cause, or not low. */
export function adoptionVerdict(a: AudienceAdoption): { label: string; tone: Tone } {
  if (a.activeUsers === null) return { label: 'Not attributable', tone: 'muted' };
  if (a.diagnosis.low) return { label: a.diagnosis.cause ? `Low: ${CAUSE_LABEL[a.diagnosis.cause].toLowerCase()}` : 'Low', tone: 'bad' };
  return { label: 'Not low', tone: 'ok' };
}

/** A mean satisfaction score out of 5, with how many answered. */
export const satisfactionText = (a: AudienceAdoption): string =>
  a.satisfaction === null ? '—' : `${a.satisfaction.toLocaleString(undefined, { maximumFractionDigits: 1 })} of 5 (${a.satisfactionResponses} ${a.satisfactionResponses === 1 ? 'response' : 'responses'})`;

export type CommunicationWhen = 'past' | 'next' | 'later';

/** The plan's communications by date, each marked as sent, the next one, or later; `today` is a YYYY-MM-DD day. */
export function communicationTimeline(communications: readonly Communication[], today: string): (Communication & { when: CommunicationWhen })[] {
  const sorted = [...communications].sort((a, b) => a.on.localeCompare(b.on));
  const next = sorted.find((c) => c.on >= today);
  return sorted.map((c) => ({ ...c, when: c.on < today ? 'past' : c === next ? 'next' : 'later' }));
}

/** Today as the reader's calendar names it (YYYY-MM-DD). */
export const localDay = (now = new Date()): string => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** A calendar day (YYYY-MM-DD) written for the reader, without shifting it through a time zone. */
export const formatDay = (day: string): string => new Date(`${day}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' });
