import type { UseCase } from './types';
import { capitalise } from './vocabulary';

export function StageBadge({ stage }: { stage: UseCase['stage'] }) {
  return <span className={`badge stage-${stage}`}>{capitalise(stage)}</span>;
}

export function TierBadge({ tier }: { tier: UseCase['riskTier'] }) {
  return tier ? <span className={`badge tier-${tier}`}>{capitalise(tier)} risk</span> : <span className="badge badge-muted">Not screened</span>;
}

/** Marks an orphaned experiment and says why, in words, not only colour. */
export function OrphanFlag({ reasons }: { reasons: string[] }) {
  if (!reasons.length) return null;
  return (
    <span className="badge badge-warning orphan-flag" title={reasons.join('; ')}>
      Orphaned<span className="visually-hidden">: {reasons.join('; ')}</span>
    </span>
  );
}
