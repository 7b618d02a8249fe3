import { useQuery } from '@tanstack/react-query';
import { ToneBadge } from '../people/Figures';
import { ErrorState, Loading } from '../shell/states';
import { maturity } from './api';
import { LEVELS, levelLabel } from './plan';

/** Pilots only → managed portfolio → operating model: the level reached, the score, and what stands between here and the next. */
export function MaturityPanel() {
  const m = useQuery(maturity);
  return (
    <section className="panel" aria-labelledby="maturity-title">
      <h2 id="maturity-title">Maturity</h2>
      {m.isPending && <Loading label="Loading the maturity assessment" />}
      {m.isError && <ErrorState error={m.error} retry={() => m.refetch()} />}
      {m.data && (
        <>
          <ol className="ladder" aria-label="Maturity levels">
            {LEVELS.map((l, i) => {
              const reached = i <= LEVELS.findIndex((x) => x.key === m.data.level);
              return (
                <li key={l.key} className={reached ? 'ladder-reached' : undefined} aria-current={l.key === m.data.level ? 'step' : undefined}>
                  {l.label}
                  <span className="visually-hidden">{l.key === m.data.level ? ' (reached, current level)' : reached ? ' (reached)' : ' (not reached)'}</span>
                </li>
              );
            })}
          </ol>
          <p className="plan-headline">
            Level reached: <strong>{levelLabel(m.data.level)}</strong>; score {m.data.score} of 100 ({m.data.criteria.filter((c) => c.met).length} of {m.data.criteria.length} criteria met).
          </p>
          {m.data.gaps.length > 0 && (
            <>
              <h3>Gaps, lowest level first</h3>
              <ol className="gaps">
                {m.data.gaps.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ol>
            </>
          )}
          <h3 id="criteria-title">Criteria</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Maturity criteria">
            <table className="table" aria-labelledby="criteria-title">
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Level</th>
                  <th scope="col">Met</th>
                  <th scope="col">Evidence</th>
                  <th scope="col">What to do</th>
                </tr>
              </thead>
              <tbody>
                {m.data.criteria.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.rule}</th>
                    <td>{levelLabel(c.level)}</td>
                    <td>{c.met ? <ToneBadge tone="ok">Met</ToneBadge> : <ToneBadge tone="bad">Not met</ToneBadge>}</td>
                    <td>{c.evidence}</td>
                    <td>{c.gap ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
