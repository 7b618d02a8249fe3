import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { StageBadge, TierBadge } from '../portfolio/badges';
import { UseCaseName } from '../reviews/UseCaseName';
import { Empty, ErrorState, Loading } from '../shell/states';
import { portfolioCompliance } from './api';
import { percent } from './progress';

/** A met-of-required figure with a bar; the bar is decoration, the words carry the figure. */
export function Coverage({ met, required, label }: { met: number; required: number; label?: string }) {
  const share = percent(met, required);
  return (
    <span className="coverage">
      <span className="coverage-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} className={share === 100 ? 'coverage-full' : undefined} />
      </span>
      <span className="coverage-words">
        {label && `${label}: `}
        {met} of {required} ({share} %)
      </span>
    </span>
  );
}

/** The portfolio's posture per framework: NIST AI RMF functions, EU AI Act obligations, ISO/IEC 42001, and use case by use case. */
export function CompliancePanel() {
  const posture = useQuery(portfolioCompliance);
  return (
    <section className="panel" aria-labelledby="compliance-title">
      <h2 id="compliance-title">Compliance posture</h2>
      {posture.isPending && <Loading label="Loading the compliance posture" />}
      {posture.isError && <ErrorState error={posture.error} retry={() => posture.refetch()} />}
      {posture.isSuccess && !posture.data.useCases.length && (
        <Empty title="No screened use cases">
          <p>Controls come from the policy pack a screening binds; screen a use case to see its posture.</p>
        </Empty>
      )}
      {posture.isSuccess && posture.data.useCases.length > 0 && (
        <>
          <div className="framework-cards">
            <div className="framework-card">
              <h3>NIST AI RMF</h3>
              <Coverage met={posture.data.nist.met} required={posture.data.nist.required} label="controls met" />
              <ul className="plain-list function-list">
                {posture.data.nist.functions.map((f) => (
                  <li key={f.function}>
                    <Coverage met={f.met} required={f.required} label={f.function} />
                  </li>
                ))}
              </ul>
            </div>
            <div className="framework-card">
              <h3>EU AI Act</h3>
              <Coverage met={posture.data.euAiAct.met} required={posture.data.euAiAct.required} label="obligations met" />
              <p className="muted">{posture.data.euAiAct.open} open across the portfolio.</p>
            </div>
            <div className="framework-card">
              <h3>ISO/IEC 42001</h3>
              <Coverage
                met={posture.data.useCases.reduce((n, u) => n + u.iso42001.met, 0)}
                required={posture.data.useCases.reduce((n, u) => n + u.iso42001.required, 0)}
                label="Annex A controls met"
              />
            </div>
          </div>
          {posture.data.unscreened.length > 0 && (
            <p className="notice notice-warning">
              Not screened, so governed by no controls:{' '}
              {posture.data.unscreened.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId: id }}>
                    <UseCaseName id={id} />
                  </Link>
                </span>
              ))}
            </p>
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Compliance by use case">
            <table className="table compliance-table">
              <caption className="visually-hidden">Compliance by use case</caption>
              <thead>
                <tr>
                  <th scope="col">Use case</th>
                  <th scope="col">NIST AI RMF</th>
                  <th scope="col">EU AI Act</th>
                  <th scope="col">ISO/IEC 42001</th>
                  <th scope="col">Open EU obligations</th>
                </tr>
              </thead>
              <tbody>
                {posture.data.useCases.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId: u.id }}>
                        {u.title}
                      </Link>
                      <span className="cell-note">
                        <StageBadge stage={u.stage} /> <TierBadge tier={u.tier} /> <code>{u.policyPackVersion}</code>
                      </span>
                    </th>
                    <td>
                      <Coverage met={u.nist.met} required={u.nist.required} />
                    </td>
                    <td>
                      <Coverage met={u.euAiAct.met} required={u.euAiAct.required} />
                    </td>
                    <td>
                      <Coverage met={u.iso42001.met} required={u.iso42001.required} />
                    </td>
                    <td>{u.openEuObligations.length ? u.openEuObligations.join(', ') : <span className="muted">None</span>}</td>
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
