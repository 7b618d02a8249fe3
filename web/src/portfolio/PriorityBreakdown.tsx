import type { ExplainedPriorityScore } from './types';
import { factorLabel } from './vocabulary';

/** How the priority score is made: value against feasibility, and each factor's share. */
export function PriorityBreakdown({ score }: { score: ExplainedPriorityScore | null }) {
  return (
    <section className="panel" aria-labelledby="priority-title">
      <h2 id="priority-title">Priority</h2>
      {!score ? (
        <p className="muted">Not scored yet: rate impact, fit, reach, data readiness, complexity and risk to rank it.</p>
      ) : (
        <>
          <p className="priority-total">
            <span className="priority-score num">{score.score.toFixed(1)}</span>
            <span className="muted"> of 100 · value {score.value.toFixed(0)} · feasibility {score.feasibility.toFixed(0)}</span>
          </p>
          <table className="breakdown">
            <caption className="visually-hidden">Priority score by factor</caption>
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col" className="num">Rating</th>
                <th scope="col">Contribution</th>
              </tr>
            </thead>
            <tbody>
              {score.breakdown.map((f) => (
                <tr key={f.factor}>
                  <th scope="row">
                    {factorLabel(f.factor)}
                    <span className="breakdown-side">{f.side}</span>
                  </th>
                  <td className="num">{f.input} / 5</td>
                  <td>
                    <span className="contribution">
                      <span className="bar" aria-hidden="true">
                        <span className={`bar-fill bar-${f.side}`} style={{ width: `${Math.min(100, (f.contribution / 30) * 100)}%` }} />
                      </span>
                      <span className="num">{f.contribution.toFixed(1)}</span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
