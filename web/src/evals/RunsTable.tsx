import { Link } from '@tanstack/react-router';
import { capitalise } from '../portfolio/vocabulary';
import { formatDateTime } from '../shell/format';
import { formatInterval, formatMetric, formatRate, keyMetrics, metricLabel, RUN_KIND_LABELS } from './format';
import { RunProgress } from './RunProgress';
import { isEvaluationSummary, isRedTeamSummary, type EvalRun } from './types';

const STATUS_TONE = { queued: 'tone-muted', running: 'tone-warn', completed: 'tone-ok', failed: 'tone-bad' } as const;

/** A run's headline figures: its key metrics with their intervals, or its attack success rate. */
export function RunFigures({ run }: { run: EvalRun }) {
  const s = run.summary;
  if (run.error) return <span className="cell-note">{run.error}</span>;
  if (isRedTeamSummary(s)) {
    return (
      <span>
        Attack success {formatRate(s.overall.attackSuccessRate)}
        <span className="cell-note">
          {s.overall.successes} of {s.overall.answered} answered attacks succeeded
        </span>
      </span>
    );
  }
  if (isEvaluationSummary(s)) {
    const names = keyMetrics(s);
    if (!names.length) return <span className="muted">no metric applied</span>;
    return (
      <ul className="plain-list run-figures">
        {names.map((n) => {
          const interval = formatInterval(n, s.metrics[n]);
          return (
            <li key={n}>
              {metricLabel(n)} <strong>{formatMetric(n, s.metrics[n].value)}</strong>
              {interval && <span className="cell-note"> 95 % CI {interval}</span>}
            </li>
          );
        })}
      </ul>
    );
  }
  return <span className="muted">not scored yet</span>;
}

/** A run picked for comparison. */
export type PickedRun = Pick<EvalRun, 'id' | 'createdAt'>;

/** A release's runs, newest first; evaluation runs may be picked, two at a time, for a side-by-side comparison. */
export function RunsTable({ runs, releaseId, label, picked, onPick }: { runs: EvalRun[]; releaseId: string; label: string; picked: string[]; onPick: (run: PickedRun) => void }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="table runs-table">
        <caption className="visually-hidden">{label}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Mode</th>
            <th scope="col">Status</th>
            <th scope="col">Cases</th>
            <th scope="col">Key figures</th>
            <th scope="col">Started</th>
            <th scope="col">Compare</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">
                <Link to="/eval-runs/$runId" params={{ runId: run.id }}>
                  {RUN_KIND_LABELS[run.kind]} run
                </Link>
                <span className="cell-note">
                  <code>{run.id}</code>
                </span>
              </th>
              <td>{capitalise(run.mode)}</td>
              <td>
                <span className={`badge ${STATUS_TONE[run.progress.status]}`}>{capitalise(run.progress.status)}</span>
                {(run.progress.status === 'queued' || run.progress.status === 'running') && <RunProgress runId={run.id} releaseId={releaseId} />}
              </td>
              <td className="num">
                {run.progress.done.toLocaleString()} / {run.progress.total.toLocaleString()}
                {run.progress.failed > 0 && <span className="cell-note">{run.progress.failed.toLocaleString()} failed</span>}
              </td>
              <td>
                <RunFigures run={run} />
              </td>
              <td>
                <time dateTime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
              </td>
              <td>
                {run.kind === 'evaluation' && run.progress.status === 'completed' ? (
                  <label className="check">
                    <input type="checkbox" checked={picked.includes(run.id)} onChange={() => onPick(run)} />
                    <span className="visually-hidden">Compare {RUN_KIND_LABELS[run.kind].toLowerCase()} run {run.id}</span>
                  </label>
                ) : (
                  <span className="muted">
                    —<span className="visually-hidden">not comparable</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
