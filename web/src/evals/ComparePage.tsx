import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../shell/states';
import { allRunCases, evalRun } from './api';
import { caseOutcome, differingCases, metricsSideBySide } from './compare';
import { formatDelta, formatMetric, metricLabel, RUN_KIND_LABELS } from './format';
import { isEvaluationSummary, type CaseResult, type EvalRun } from './types';
import './evals.css';

const route = getRouteApi('/signed-in/eval-runs/compare');
const PAGE = 50;

function RunHeading({ run, side }: { run: EvalRun; side: 'A' | 'B' }) {
  return (
    <>
      Run {side}:{' '}
      <Link to="/eval-runs/$runId" params={{ runId: run.id }}>
        {RUN_KIND_LABELS[run.kind].toLowerCase()} run {run.id}
      </Link>
    </>
  );
}

const Outcome = ({ c }: { c: CaseResult | undefined }) => (c ? <>{caseOutcome(c)}</> : <span className="muted">not in this run</span>);

/** Two runs side by side: their metrics next to each other, and the cases whose outcome differs. */
export function ComparePage() {
  const { a, b } = route.useSearch();
  const runA = useQuery({ ...evalRun(a ?? ''), enabled: !!a });
  const runB = useQuery({ ...evalRun(b ?? ''), enabled: !!b });
  const casesA = useQuery({ ...allRunCases(a ?? ''), enabled: !!a });
  const casesB = useQuery({ ...allRunCases(b ?? ''), enabled: !!b });
  const [shown, setShown] = useState(PAGE);

  const header = (
    <header className="page-header">
      <div>
        {runA.data && (
          <p className="page-context">
            <Link to="/use-cases/$useCaseId/evaluations" params={{ useCaseId: runA.data.useCaseId }}>
              Back to the evaluations
            </Link>
          </p>
        )}
        <h1>Two runs compared</h1>
      </div>
    </header>
  );
  if (!a || !b) {
    return (
      <>
        {header}
        <Empty title="Pick two runs">
          <p>Choose two completed evaluation runs on a use case's Evaluations tab to compare them.</p>
        </Empty>
      </>
    );
  }
  const failed = [runA, runB, casesA, casesB].find((q) => q.isError);
  if (failed) {
    return (
      <>
        {header}
        <ErrorState error={failed.error} retry={() => failed.refetch()} />
      </>
    );
  }
  if (!runA.data || !runB.data) {
    return (
      <>
        {header}
        <Loading label="Loading the two runs" />
      </>
    );
  }

  const rows = metricsSideBySide(isEvaluationSummary(runA.data.summary) ? runA.data.summary : null, isEvaluationSummary(runB.data.summary) ? runB.data.summary : null);
  const differing = casesA.data && casesB.data ? differingCases(casesA.data, casesB.data) : undefined;
  const sameRows = runA.data.datasetHash !== null && runA.data.datasetHash === runB.data.datasetHash;

  return (
    <>
      {header}
      <section className="panel" aria-labelledby="compare-runs">
        <h2 id="compare-runs">The runs</h2>
        <ul className="plain-list">
          <li>
            <RunHeading run={runA.data} side="A" />, release <code>{runA.data.releaseId}</code>, {runA.data.mode}
          </li>
          <li>
            <RunHeading run={runB.data} side="B" />, release <code>{runB.data.releaseId}</code>, {runB.data.mode}
          </li>
        </ul>
        <p className={sameRows ? 'muted' : 'notice notice-warning'}>
          {sameRows ? 'Both runs scored the same dataset rows (same content hash).' : 'The runs scored different dataset rows; differences may come from the data as well as the release.'}
        </p>
      </section>

      <section className="panel" aria-labelledby="compare-metrics">
        <h2 id="compare-metrics">Metrics side by side</h2>
        {!rows.length ? (
          <p className="muted">Neither run has metrics.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Metrics side by side">
            <table className="table">
              <caption className="visually-hidden">Metrics of run A and run B</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Run A
                  </th>
                  <th scope="col" className="num">
                    Run B
                  </th>
                  <th scope="col" className="num">
                    Change (B − A)
                  </th>
                  <th scope="col">Better</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.name}>
                    <th scope="row">{metricLabel(m.name)}</th>
                    <td className="num">{formatMetric(m.name, m.a)}</td>
                    <td className="num">{formatMetric(m.name, m.b)}</td>
                    <td className="num">{formatDelta(m.name, m.delta)}</td>
                    <td>{m.better ? `Run ${m.better.toUpperCase()}` : m.delta === null ? '—' : 'Same'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="compare-cases">
        <h2 id="compare-cases">Cases whose outcome differs{differing ? ` (${differing.length.toLocaleString()})` : ''}</h2>
        {!differing ? (
          <Loading label="Loading the cases of both runs" />
        ) : !differing.length ? (
          <Empty title="Every case came out the same in both runs" />
        ) : (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Cases whose outcome differs">
              <table className="table cases-table">
                <caption className="visually-hidden">Cases whose outcome differs between run A and run B</caption>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Run A</th>
                    <th scope="col">Run B</th>
                  </tr>
                </thead>
                <tbody>
                  {differing.slice(0, shown).map((d) => (
                    <tr key={d.caseId}>
                      <th scope="row">
                        <code>{d.caseId}</code>
                      </th>
                      <td className="case-answer">
                        <Outcome c={d.a} />
                      </td>
                      <td className="case-answer">
                        <Outcome c={d.b} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {differing.length > shown && (
              <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
                Show {Math.min(PAGE, differing.length - shown)} more of {(differing.length - shown).toLocaleString()}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}
