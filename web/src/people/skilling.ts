import type { AdoptionCause, Completion, LabAttempt, PathStatus, SkillRole } from './types';

const DAY_MS = 86_400_000;
/** A held path is due a refresher once its earliest expiry is this close (docs/programme.md, "Path status"). */
export const REFRESHER_DAYS = 30;

/** A share as the register writes it: whole per cent, or a dash when there is nothing to divide. */
export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** Coverage against the operating model's bar (80% of the register, docs/programme.md "Maturity"). */
export const coverageTone = (coverage: number | null): Tone => (coverage === null ? 'muted' : coverage >= 0.8 ? 'ok' : coverage >= 0.5 ? 'warn' : 'bad');

export const skillRoleLabel = (role: SkillRole | string): string => ({ executive: 'Executive', manager: 'Manager', builder: 'Builder', end_user: 'End user' })[role] ?? role;

export const PATH_STATUS: Record<PathStatus, { label: string; tone: Tone }> = {
  completed: { label: 'Completed', tone: 'ok' },
  refresher_due: { label: 'Refresher due', tone: 'warn' },
  expired: { label: 'Expired', tone: 'bad' },
  in_progress: { label: 'In progress', tone: 'muted' },
  not_started: { label: 'Not started', tone: 'muted' },
};

export const LAB_STATUS: Record<LabAttempt['status'], { label: string; tone: Tone }> = {
  submitted: { label: 'Awaiting sign-off', tone: 'warn' },
  signed_off: { label: 'Signed off', tone: 'ok' },
  returned: { label: 'Returned', tone: 'bad' },
};

export const CAUSE_LABEL: Record<AdoptionCause, string> = {
  training: 'Training',
  trust_or_design: 'Trust or design',
  model_quality: 'Model quality',
  performance: 'Performance',
  workflow_fit: 'Workflow fit',
};

/** Lab tasks and other snake_case words as a sentence writes them. */
export const words = (s: string): string => s.replace(/_/g, ' ');

export type ItemState = 'current' | 'refresher_due' | 'expired' | 'awaiting_sign_off' | 'not_done';

export const ITEM_STATE: Record<ItemState, { label: string; tone: Tone }> = {
  current: { label: 'Done', tone: 'ok' },
  refresher_due: { label: 'Refresher due', tone: 'warn' },
  expired: { label: 'Expired', tone: 'bad' },
  awaiting_sign_off: { label: 'Awaiting sign-off', tone: 'warn' },
  not_done: { label: 'Not done', tone: 'muted' },
};

export interface ItemStanding {
  slug: string;
  state: ItemState;
  /** The completion that counts: the one that lasts longest (never expiring beats any date). */
  completion: Completion | null;
}

/** Of an item's completions, the one that lasts longest counts (docs/programme.md, "Completions and expiry"). */
export function countingCompletion(slug: string, completions: readonly Completion[]): Completion | null {
  let best: Completion | null = null;
  for (const c of completions) {
    if (c.itemSlug !== slug) continue;
    if (!best || (best.expiresAt !== null && (c.expiresAt === null || c.expiresAt > best.expiresAt))) best = c;
  }
  return best;
}

/** Where a person stands on each item of a path: done (and until when), due a refresher, expired, awaiting a reviewer, or not done. */
export function itemStandings(slugs: readonly string[], completions: readonly Completion[], labs: readonly LabAttempt[], now: Date): ItemStanding[] {
  return slugs.map((slug) => {
    const completion = countingCompletion(slug, completions);
    const expires = completion?.expiresAt ? Date.parse(completion.expiresAt) : null;
    let state: ItemState;
    if (completion && (expires === null || expires > now.getTime())) state = expires !== null && expires - now.getTime() <= REFRESHER_DAYS * DAY_MS ? 'refresher_due' : 'current';
    else if (labs.some((l) => l.labSlug === slug && l.status === 'submitted')) state = 'awaiting_sign_off';
    else state = completion ? 'expired' : 'not_done';
    return { slug, state, completion };
  });
}

/** Who may sign off a lab attempt on this screen: a people manager who is neither the learner nor whoever submitted it. */
export function signOffRefusal(attempt: LabAttempt, learnerUserId: string | null, me: string): string | null {
  if (attempt.status !== 'submitted') return null;
  if (learnerUserId === me) return 'You cannot sign off your own lab: another reviewer must.';
  if (attempt.submittedBy === me) return 'You submitted this attempt, so another reviewer signs it off.';
  return null;
}
