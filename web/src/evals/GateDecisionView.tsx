import { capitalise } from '../portfolio/vocabulary';
import { formatDateTime } from '../shell/format';
import { EvidenceLinks } from './Evidence';
import { criterionLabel, criterionValue } from './format';
import type { CriterionStatus, GateDecision } from './types';

const STATUS_TONE: Record<CriterionStatus, string> = { pass: 'tone-ok', fail: 'tone-bad', missing: 'tone-warn' };

export function CriterionStatusBadge({ status }: { status: CriterionStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{capitalise(status)}</span>;
}

/** A gate decision: passed or not, and every criterion with its value, threshold, reason and evidence. */
export function GateDecisionView({ decision, earlier, label }: { decision: GateDecision; earlier: number; label: string }) {
  const { pass, fail, missing } = decision.counts;
  return (
    <div className="gate-decision">
      <p className="gate-verdict">
        <span className={`badge gate-badge ${decision.passed ? 'tone-ok' : 'tone-bad'}`}>{decision.passed ? 'Gate passed' : 'Gate not passed'}</span>{' '}
        <span>
          {pass} of {decision.criteria.length} criteria pass{fail ? `, ${fail} fail` : ''}
          {missing ? `, ${missing} missing evidence` : ''}. Decided <time dateTime={decision.createdAt}>{formatDateTime(decision.createdAt)}</time> against the {decision.pack} pack
          ({decision.tier} tier){earlier > 0 ? `; ${earlier} earlier decision${earlier === 1 ? '' : 's'}` : ''}.
        </span>{' '}
        <a href={`/api/v1/gate-decisions/${encodeURIComponent(decision.id)}?format=junit`}>JUnit XML</a>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
        <table className="table criteria-table">
          <caption className="visually-hidden">Criteria of gate decision {decision.id}</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Status</th>
              <th scope="col">Value</th>
              <th scope="col">Threshold</th>
              <th scope="col">Reason</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {decision.criteria.map((c) => (
              <tr key={c.id} className={`criterion-${c.status}`}>
                <th scope="row">{criterionLabel(c)}</th>
                <td>
                  <CriterionStatusBadge status={c.status} />
                </td>
                <td className="num">{criterionValue(c)}</td>
                <td>{c.threshold}</td>
                <td>{c.reason}</td>
                <td>
                  <EvidenceLinks links={c.evidence} criterionKind={c.kind} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The release's earlier gate decisions, newest first, each opened on demand with its criteria. */
export function EarlierDecisions({ decisions }: { decisions: GateDecision[] }) {
  return (
    <details className="earlier-decisions">
      <summary>Earlier decisions ({decisions.length})</summary>
      {decisions.map((d) => (
        <details key={d.id} className="earlier-decision">
          <summary>
            <span className={`badge ${d.passed ? 'tone-ok' : 'tone-bad'}`}>{d.passed ? 'Passed' : 'Not passed'}</span> <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>:{' '}
            {d.counts.pass} pass, {d.counts.fail} fail, {d.counts.missing} missing
          </summary>
          <GateDecisionView decision={d} earlier={0} label={`Criteria of the gate decision of ${formatDateTime(d.createdAt)}`} />
        </details>
      ))}
    </details>
  );
}
