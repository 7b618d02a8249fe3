import { formatDelta, formatMetric, metricLabel, orderedMetrics } from './format';
import type { EvaluationSummary } from './types';

/** Each metric against the production baseline: both figures, the change with its interval, and whether it is a significant regression. */
export function ComparisonTable({ comparison }: { comparison: NonNullable<EvaluationSummary['comparison']> }) {
  const names = orderedMetrics(Object.keys(comparison.metrics));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Comparison with the production baseline">
      <table className="table comparison-table">
        <caption className="visually-hidden">Metrics against the production baseline</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Baseline
            </th>
            <th scope="col" className="num">
              This run
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Interval of the change</th>
            <th scope="col">Test</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => {
            const c = comparison.metrics[n];
            return (
              <tr key={n} className={c.significantRegression ? 'regressed' : undefined}>
                <th scope="row">{metricLabel(n)}</th>
                <td className="num">{formatMetric(n, c.baseline)}</td>
                <td className="num">{formatMetric(n, c.candidate)}</td>
                <td className="num">{formatDelta(n, c.delta)}</td>
                <td>{c.low !== undefined && c.low !== null && c.high !== undefined && c.high !== null ? `${formatDelta(n, c.low)} to ${formatDelta(n, c.high)}` : '—'}</td>
                <td>
                  {c.method === 'mcnemar' ? 'McNemar' : 'paired bootstrap'}
                  {c.pValue !== undefined && <span className="cell-note">p = {c.pValue.toPrecision(2)}</span>}
                </td>
                <td>
                  {c.significantRegression ? <span className="badge tone-bad">Significant regression</span> : <span className="badge tone-ok">No significant regression</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
