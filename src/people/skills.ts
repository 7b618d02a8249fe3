import { DAY_MS } from '../kernel/clock.js';
import type { PathProgress, SkillRole } from './schema.js';

/** A refresher is due this many days before the first item of a held path expires. */
export const REFRESHER_WINDOW_DAYS = 30;

export interface CompletionFact {
  itemSlug: string;
  completedAt: string;
  expiresAt: string | null;
}

export interface PathDefinition {
  id: string;
  slug: string;
  title: string;
  requiredFor: readonly SkillRole[];
  items: readonly string[];
}

/** The completion of an item that lasts longest (one that never expires beats all), so a refresher only extends. */
function bestOf(completions: CompletionFact[]): CompletionFact | undefined {
  let best: CompletionFact | undefined;
  for (const c of completions) {
    if (!best) best = c;
    else if (best.expiresAt !== null && (c.expiresAt === null || c.expiresAt > best.expiresAt)) best = c;
  }
  return best;
}

/**
 * Where a person stands on a path. An item is current when it has a completion that has not expired. All items
 * current: the path is held, `completed`, or `refresher_due` once its earliest expiry is within the refresher window.
 * Every item completed once but one lapsed: `expired` (no longer held). Otherwise `in_progress` or `not_started`.
 */
export function pathProgress(path: PathDefinition, completions: readonly CompletionFact[], now: Date, required: boolean): PathProgress {
  const at = now.toISOString();
  const best = path.items.map((slug) => bestOf(completions.filter((c) => c.itemSlug === slug)));
  const current = best.map((b) => !!b && (b.expiresAt === null || b.expiresAt > at));
  const done = current.filter(Boolean).length;
  const expiries = best.map((b) => b?.expiresAt).filter((e): e is string => !!e).sort();
  const base = {
    pathId: path.id, slug: path.slug, title: path.title, required, done, total: path.items.length,
    missing: path.items.filter((_, i) => !current[i]),
  };
  if (done === path.items.length) {
    const expiresAt = expiries[0] ?? null;
    const completedAt = best.map((b) => b!.completedAt).sort().at(-1)!;
    const refresherDue = expiresAt !== null && Date.parse(expiresAt) - now.getTime() <= REFRESHER_WINDOW_DAYS * DAY_MS;
    return { ...base, status: refresherDue ? 'refresher_due' : 'completed', held: true, completedAt, expiresAt };
  }
  const lapsed = best.every(Boolean);
  const status = lapsed ? 'expired' : best.some(Boolean) ? 'in_progress' : 'not_started';
  return { ...base, status, held: false, completedAt: null, expiresAt: lapsed ? (expiries.find((e) => e <= at) ?? null) : null };
}

/** Every path of the catalogue as it stands for one person; those their skill role requires come first. */
export function standing(paths: readonly PathDefinition[], role: SkillRole, completions: readonly CompletionFact[], now: Date): PathProgress[] {
  const all = paths.map((p) => pathProgress(p, completions, now, p.requiredFor.includes(role)));
  return [...all.filter((p) => p.required), ...all.filter((p) => !p.required)];
}

/** A person is covered when they hold every path their skill role requires (vacuously, when it requires none). */
export const isCovered = (progress: readonly PathProgress[]): boolean => progress.filter((p) => p.required).every((p) => p.held);

/** The paths of `required` a person does not hold, each said in words; a path the catalogue lacks cannot be held. */
export function unmetPaths(required: readonly string[], progress: readonly PathProgress[]): string[] {
  return [...new Set(required)].flatMap((slug) => {
    const p = progress.find((x) => x.slug === slug);
    if (!p) return [`${slug} (not in the skilling catalogue)`];
    if (p.held) return [];
    const when = p.status === 'expired' && p.expiresAt ? `, expired ${p.expiresAt.slice(0, 10)}` : '';
    return [`${slug} (${p.status.replace('_', ' ')}: ${p.done} of ${p.total} items${when})`];
  });
}
