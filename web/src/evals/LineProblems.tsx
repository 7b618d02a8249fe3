import type { RowProblem } from './rows';

/** The lines of an upload the API refused, each with its field and problem, under a caption that says nothing was stored. */
export function LineProblems({ problems, label, caption }: { problems: RowProblem[]; label: string; caption: string }) {
  if (!problems.length) return null;
  return (
    <div className="table-scroll row-errors" tabIndex={0} role="region" aria-label={label}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((r, i) => (
            <tr key={i}>
              <td className="num">{r.line}</td>
              <td>{r.field ?? '—'}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
