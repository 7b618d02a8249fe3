import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { releases } from '../releases/api';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseDatasets } from './api';
import { ReleaseEvaluation } from './ReleaseEvaluation';
import type { PickedRun } from './RunsTable';
import './evals.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/evaluations');

/** Whether each release of the use case may carry production traffic, and the evidence its gate decision rests on. */
export function EvaluationsPage() {
  const { useCaseId } = route.useParams();
  const data = useQuery(releases(useCaseId));
  const datasets = useQuery(useCaseDatasets(useCaseId));
  // Two runs at most; picking a third lets the first go. The older of the two is run A, so the change reads newer minus older.
  const [picked, setPicked] = useState<PickedRun[]>([]);
  const pick = (run: PickedRun) => setPicked((p) => (p.some((x) => x.id === run.id) ? p.filter((x) => x.id !== run.id) : [...p.slice(-1), run]));
  const [older, newer] = [...picked].sort((x, y) => x.createdAt.localeCompare(y.createdAt));

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Evaluations and release gates" />
      <p className="muted">
        A release carries production traffic only after its gate passes: an evaluation on a frozen dataset, a red-team run, sign-offs and monitoring, as the use case's policy pack
        asks.{' '}
        <Link to="/use-cases/$useCaseId/evaluations/datasets" params={{ useCaseId }}>
          Datasets of this use case{datasets.data ? ` (${datasets.data.length})` : ''}
        </Link>
      </p>
      <div className="compare-bar" aria-live="polite">
        {picked.length === 2 ? (
          <Link to="/eval-runs/compare" search={{ a: older?.id, b: newer?.id }} className="button">
            Compare the two runs picked
          </Link>
        ) : (
          <p className="muted">Pick two completed evaluation runs in the tables below to compare them side by side{picked.length === 1 ? ' (one picked)' : ''}.</p>
        )}
      </div>
      {data.isPending && <Loading label="Loading the releases" />}
      {data.isError && <ErrorState error={data.error} retry={() => data.refetch()} />}
      {data.isSuccess && !data.data.items.length && (
        <Empty title="No releases yet">
          <p>
            Create a release on the use case's{' '}
            <Link to="/use-cases/$useCaseId" params={{ useCaseId }}>
              overview
            </Link>{' '}
            to evaluate it here.
          </p>
        </Empty>
      )}
      {data.isSuccess && data.data.items.map((r) => <ReleaseEvaluation key={r.id} release={r} slots={data.data.slots} picked={picked.map((p) => p.id)} onPick={pick} />)}
    </>
  );
}
