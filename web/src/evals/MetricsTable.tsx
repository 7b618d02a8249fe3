import { formatInterval, formatMetric, metricLabel, orderedMetrics } from './format';
import type { EvaluationSummary } from './types';

/** Every metric of a run with its 95 % bootstrap interval and the cases it applied to. */
export function MetricsTable({ summary }: { summary: EvaluationSummary }) {
  const names = orderedMetrics(Object.keys(summary.metrics));
  if (!names.length) return <p className="muted">No metric applied to these cases.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Metrics">
      <table className="table metrics-table">
        <caption className="visually-hidden">Metrics with their 95 % bootstrap confidence intervals</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">95 % confidence interval</th>
            <th scope="col" className="num">
              Cases
            </th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => {
            const m = summary.metrics[n];
            return (
              <tr key={n}>
                <th scope="row">{metricLabel(n)}</th>
                <td className="num">{formatMetric(n, m.value)}</td>
                <td>{formatInterval(n, m) ?? <span className="muted">not computed</span>}</td>
                <td className="num">{m.support.toLocaleString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The confusion matrix of a classification run: true labels down, predicted across. */
export function ConfusionMatrix({ details }: { details: Record<string, unknown> | undefined }) {
  const labels = details?.labels as string[] | undefined;
  const matrix = details?.matrix as number[][] | undefined;
  if (!labels || !matrix) return null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Confusion matrix">
      <table className="table confusion-matrix">
        <caption>Confusion matrix: true label by row, predicted label by column</caption>
        <thead>
          <tr>
            <td />
            {labels.map((l) => (
              <th key={l} scope="col">
                predicted {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">true {l}</th>
              {labels.map((p, j) => (
                <td key={p} className={`num${i === j ? ' diagonal' : ''}`}>
                  {(matrix[i]?.[j] ?? 0).toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
