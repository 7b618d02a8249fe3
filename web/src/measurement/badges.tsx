import { formatValue, outcomeProgressText, progressPercent } from './figures';
import type { IncidentStatus, MonitorState, OutcomeFigures, ScoreStatus, Severity } from './types';
import { INCIDENT_STATUS_TERMS, monitorTerm, scoreTerm, SEVERITY_TERMS } from './vocabulary';

export function ScoreBadge({ status, label }: { status: ScoreStatus; label?: string }) {
  const t = scoreTerm(status);
  return <span className={`badge tone-${t.tone}`}>{label ? `${label}: ${t.label}` : t.label}</span>;
}

export function MonitorBadge({ state }: { state: MonitorState }) {
  const t = monitorTerm(state);
  return <span className={`badge tone-${t.tone}`}>{t.label}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const t = SEVERITY_TERMS[severity];
  return <span className={`badge tone-${t.tone}`}>{t.label}</span>;
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const t = INCIDENT_STATUS_TERMS[status];
  return <span className={`badge tone-${t.tone}`}>{t.label}</span>;
}

/** An outcome's move from baseline through the current value to the target, with how far it has come. */
export function OutcomeMove({ outcome: o, unit = '' }: { outcome: OutcomeFigures; unit?: string }) {
  const pct = progressPercent(o);
  const text = outcomeProgressText(o);
  return (
    <div className="outcome-move">
      <dl className="outcome-steps">
        <div>
          <dt>Baseline</dt>
          <dd className="num">{formatValue(o.baseline, unit)}</dd>
        </div>
        <div>
          <dt>Current</dt>
          <dd className="num">{formatValue(o.current, unit)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd className="num">{formatValue(o.target, unit)}</dd>
        </div>
      </dl>
      <div className="progress-track" role="img" aria-label={text}>
        <span className={`progress-fill tone-${scoreTerm(o.status).tone}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="cell-note">
        {text}; by {o.targetDate}. <ScoreBadge status={o.status} />
      </p>
    </div>
  );
}
