import type { UseCase } from '../portfolio/types';

const SETTLED: UseCase['stage'][] = ['production', 'retired', 'rejected'];

/**
 * Why a use case needs its owner now: it looks orphaned, it is suspended, or its target date passed before it
 * reached production. Empty when it is on track.
 */
export function attentionReasons(uc: UseCase, today: string): string[] {
  const reasons = [...uc.orphanReasons];
  if (uc.stage === 'suspended') reasons.push(`suspended${uc.suspendedFrom ? ` from ${uc.suspendedFrom}` : ''}`);
  const due = uc.outcome?.targetDate ?? uc.targetDate;
  if (due && due < today && !SETTLED.includes(uc.stage) && uc.stage !== 'suspended') reasons.push(`target date ${due} passed while in ${uc.stage}`);
  return reasons;
}
