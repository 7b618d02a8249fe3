import { coverageTone, percent, type Tone } from './skilling';

/** A share drawn as a bar beside its figure; the figure is what is read out, the bar is decoration. */
export function ShareBar({ share, tone = coverageTone(share) }: { share: number | null; tone?: Tone }) {
  return (
    <span className="share">
      <span className="share-track" aria-hidden="true">
        <span className={`share-fill share-${tone}`} style={{ width: `${Math.round(Math.min(1, Math.max(0, share ?? 0)) * 100)}%` }} />
      </span>
      <span className="share-value">{percent(share)}</span>
    </span>
  );
}

/** One headline figure with what it counts. */
export function Figure({ value, label, tone }: { value: string; label: string; tone?: Tone }) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ToneBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
