import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { members, useCase } from '../portfolio/api';
import { capitalise } from '../portfolio/vocabulary';
import { releases } from '../releases/api';
import { formatDateTime, formatMs } from '../shell/format';
import { ErrorState, Loading } from '../shell/states';
import { evalRun } from './api';
import { ComparisonTable } from './ComparisonTable';
import { formatRate, RUN_KIND_LABELS } from './format';
import { ConfusionMatrix, MetricsTable } from './MetricsTable';
import { RedTeamTable } from './RedTeamTable';
import { RunCases } from './RunCases';
import { RunProgress } from './RunProgress';
import { isEvaluationSummary, isRedTeamSummary } from './types';
import './evals.css';

const route = getRouteApi('/signed-in/eval-runs/$runId');

/** One run: what it measured with its confidence intervals, how it compares with production, and every case. */
export function RunPage() {
  const { runId } = route.useParams();
  const run = useQuery(evalRun(runId));
  const uc = useQuery({ ...useCase(run.data?.useCaseId ?? ''), enabled: !!run.data });
  const rels = useQuery({ ...releases(run.data?.useCaseId ?? ''), enabled: !!run.data });
  const people = useQuery(members);

  if (run.isPending) return <Loading label="Loading the run" />;
  if (run.isError) return <ErrorState error={run.error} retry={() => run.refetch()} />;
  const r = run.data;
  const s = r.summary;
  const release = rels.data?.items.find((x) => x.id === r.releaseId);
  const title = `${RUN_KIND_LABELS[r.kind]} run`;
  const active = r.progress.status === 'queued' || r.progress.status === 'running';

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/use-cases/$useCaseId/evaluations" params={{ useCaseId: r.useCaseId }}>
              {uc.data?.title ?? 'Use case'}: evaluations
            </Link>
          </p>
          <h1>
            {title} <code className="run-id">{r.id}</code>
          </h1>
        </div>
      </header>
      <section className="panel" aria-labelledby="run-facts">
        <h2 id="run-facts">About this run</h2>
        <dl className="facts">
          <dt>Release</dt>
          <dd>
            {release?.name ?? r.releaseId} <code>{r.releaseId}</code>
          </dd>
          <dt>Mode</dt>
          <dd>{r.mode === 'offline' ? 'Offline: a predictions file scored against the dataset' : 'Live: every case sent through the gateway'}</dd>
          <dt>Status</dt>
          <dd>
            {capitalise(r.progress.status)}: {r.progress.done.toLocaleString()} of {r.progress.total.toLocaleString()} cases, {r.progress.failed.toLocaleString()} failed
            {active && (
              <>
                {' '}
                <RunProgress runId={r.id} releaseId={r.releaseId} />
              </>
            )}
          </dd>
          {r.error && (
            <>
              <dt>Error</dt>
              <dd className="tone-text-bad">{r.error}</dd>
            </>
          )}
          {r.datasetHash && (
            <>
              <dt>Dataset content hash</dt>
              <dd className="hash">
                <code>{r.datasetHash}</code>
              </dd>
            </>
          )}
          <dt>Started</dt>
          <dd>
            <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time> by {people.data?.find((m) => m.id === r.createdBy)?.name ?? r.createdBy}
          </dd>
          <dt>Finished</dt>
          <dd>{r.finishedAt ? <time dateTime={r.finishedAt}>{formatDateTime(r.finishedAt)}</time> : 'not yet'}</dd>
          {isEvaluationSummary(s) && (
            <>
              <dt>Metrics computed in</dt>
              <dd>{formatMs(s.computeMs)}</dd>
            </>
          )}
        </dl>
      </section>

      {isEvaluationSummary(s) && (
        <>
          <section className="panel" aria-labelledby="run-metrics">
            <h2 id="run-metrics">Metrics over {s.cases.toLocaleString()} cases</h2>
            <MetricsTable summary={s} />
            <ConfusionMatrix details={s.metrics.confusion_matrix?.details} />
          </section>
          <section className="panel" aria-labelledby="run-comparison">
            <h2 id="run-comparison">Against the production baseline</h2>
            {s.comparison ? (
              <>
                <p>
                  Compared on the same rows with{' '}
                  <Link to="/eval-runs/$runId" params={{ runId: s.comparison.baselineRunId }}>
                    run {s.comparison.baselineRunId}
                  </Link>{' '}
                  of release <code>{s.comparison.baselineReleaseId}</code>, at significance level {s.comparison.alpha}.{' '}
                  <Link to="/eval-runs/compare" search={{ a: s.comparison.baselineRunId, b: r.id }}>
                    Compare case by case
                  </Link>
                </p>
                <ComparisonTable comparison={s.comparison} />
              </>
            ) : (
              <p className="muted">Not compared: no release was active in production with a run on the same rows when this run was scored.</p>
            )}
          </section>
        </>
      )}

      {isRedTeamSummary(s) && (
        <section className="panel" aria-labelledby="run-attacks">
          <h2 id="run-attacks">Attack success by OWASP category</h2>
          <p>
            Overall <strong>{formatRate(s.overall.attackSuccessRate)}</strong>: {s.overall.successes} of {s.overall.answered} answered attacks succeeded ({s.overall.attempts} sent,{' '}
            {s.overall.errors} not answered, usually because the policy blocked them).
          </p>
          <RedTeamTable summary={s} />
        </section>
      )}

      {!s && !active && <p className="notice notice-warning">This run has no results{r.error ? '' : ' yet'}.</p>}

      <section className="panel" aria-labelledby="run-cases">
        <h2 id="run-cases">{r.kind === 'red_team' ? 'Attacks' : 'Cases'}</h2>
        <RunCases runId={r.id} redTeam={isRedTeamSummary(s) ? s : undefined} />
      </section>
    </>
  );
}
