import { DAY_MS } from '../kernel/clock.js';
import type { Stage } from './schema.js';

export const DEFAULT_ORPHAN_DAYS = 30;

/** Why a use case looks like an orphaned experiment: nobody owns it, it measures nothing, or nothing has happened for a while. */
export function orphanReasons(uc: { ownerId: string | null; hasOutcomeMetric: boolean; lastActivityAt: string; stage: Stage }, now: Date, days = DEFAULT_ORPHAN_DAYS): string[] {
  if (uc.stage === 'retired' || uc.stage === 'rejected') return [];
  const reasons: string[] = [];
  if (!uc.ownerId) reasons.push('no business owner');
  if (!uc.hasOutcomeMetric) reasons.push('no outcome metric');
  const idle = Math.floor((now.getTime() - new Date(uc.lastActivityAt).getTime()) / DAY_MS);
  if (idle >= days) reasons.push(`no activity in ${idle} days`);
  return reasons;
}
