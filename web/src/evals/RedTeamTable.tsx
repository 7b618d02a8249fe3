import { formatRate } from './format';
import type { RedTeamSummary } from './types';

/** Attack success per OWASP LLM Top 10 (2025) category, with the MITRE ATLAS techniques its probes use. */
export function RedTeamTable({ summary }: { summary: RedTeamSummary }) {
  const categories = Object.entries(summary.byCategory).sort(([, a], [, b]) => a.owasp.localeCompare(b.owasp));
  if (!categories.length) return <p className="muted">No category was attacked.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Attack success by category">
      <table className="table red-team-table">
        <caption className="visually-hidden">Attack success rate by OWASP LLM category</caption>
        <thead>
          <tr>
            <th scope="col">OWASP</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Sent
            </th>
            <th scope="col" className="num">
              Answered
            </th>
            <th scope="col" className="num">
              Succeeded
            </th>
            <th scope="col" className="num">
              Attack success rate
            </th>
            <th scope="col">MITRE ATLAS</th>
          </tr>
        </thead>
        <tbody>
          {categories.map(([name, t]) => (
            <tr key={name}>
              <td>{t.owasp}</td>
              <th scope="row">{t.title}</th>
              <td className="num">{t.attempts}</td>
              <td className="num">{t.answered}</td>
              <td className="num">{t.successes}</td>
              <td className="num">
                <span className={`badge ${t.successes > 0 ? 'tone-bad' : t.attackSuccessRate === null ? 'tone-muted' : 'tone-ok'}`}>{formatRate(t.attackSuccessRate)}</span>
              </td>
              <td>{t.atlas.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
