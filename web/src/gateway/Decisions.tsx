import { capitalise } from '../portfolio/vocabulary';
import type { Decision } from './types';
import { controlLabel, DECISION_TONES } from './vocabulary';

/** The policy decisions a call passed through, in the order they were taken. */
export function Decisions({ decisions, detailed = false }: { decisions: Decision[] | null; detailed?: boolean }) {
  if (!decisions?.length) return <span className="muted">None recorded</span>;
  return (
    <ol className="decisions">
      {decisions.map((d, i) => (
        <li key={i}>
          <span className={`badge tone-${DECISION_TONES[d.outcome] ?? 'muted'}`}>{capitalise(d.outcome)}</span> {controlLabel(d.control)}
          {d.detail && (detailed || d.outcome !== 'allow') && <span className="decision-detail">{d.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
