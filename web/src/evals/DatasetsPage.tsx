import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { members } from '../portfolio/api';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseDatasets } from './api';
import { CreateDatasetForm, UploadVersionForm } from './DatasetForms';
import { PromptfooImportForm } from './PromptfooImportForm';
import type { Dataset } from './types';
import './evals.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/evaluations/datasets');

function VersionsTable({ dataset }: { dataset: Dataset }) {
  const people = useQuery(members);
  const versions = [...dataset.versions].sort((a, b) => b.number - a.number);
  if (!versions.length) return <p className="muted">No version yet: upload rows below.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Versions of ${dataset.name}`}>
      <table className="table versions-table">
        <caption className="visually-hidden">Versions of {dataset.name}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">Content hash (SHA-256)</th>
            <th scope="col">Frozen</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                v{v.number} <span className="cell-note">{v.source.toUpperCase()}</span>
              </th>
              <td className="num">{v.rows.toLocaleString()}</td>
              <td className="hash">
                <code>{v.contentHash}</code>
              </td>
              <td>
                {v.frozen ? (
                  <>
                    <span className="badge tone-warn">Frozen</span>
                    <span className="cell-note">
                      {v.frozenAt && formatDateTime(v.frozenAt)} by gate decision <code>{v.frozenBy}</code>
                    </span>
                  </>
                ) : (
                  <span className="badge tone-muted">Not frozen</span>
                )}
              </td>
              <td>
                <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                <span className="cell-note">{people.data?.find((m) => m.id === v.createdBy)?.name ?? v.createdBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The use case's evaluation datasets: each version's rows, content hash and whether a gate decision froze it; new datasets and versions. */
export function DatasetsPage() {
  const { useCaseId } = route.useParams();
  const datasets = useQuery(useCaseDatasets(useCaseId));
  const canRun = useCan('eval:run');
  const [created, setCreated] = useState<Dataset>();

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Evaluation datasets" />
      <p className="muted">
        Each version is stored with the SHA-256 of its rows, so the same rows always give the same hash. A version a gate decision relied on is frozen: add a new version instead of
        changing it.
      </p>
      {canRun && <CreateDatasetForm useCaseId={useCaseId} onCreated={setCreated} />}
      <div aria-live="polite">
        {created && (
          <p className="notice notice-success" role="status">
            Created {created.name}. Upload its first version below.
          </p>
        )}
      </div>
      {datasets.isPending && <Loading label="Loading the datasets" />}
      {datasets.isError && <ErrorState error={datasets.error} retry={() => datasets.refetch()} />}
      {datasets.isSuccess && !datasets.data.length && (
        <Empty title="No datasets yet">
          <p>{canRun ? 'Create one above, then upload its rows as JSONL or CSV; or import a promptfoo config below.' : 'A builder or risk reviewer adds the datasets a release is evaluated on.'}</p>
        </Empty>
      )}
      {datasets.isSuccess &&
        datasets.data.map((d) => (
          <section key={d.id} className="panel" aria-labelledby={`dataset-${d.id}`}>
            <h2 id={`dataset-${d.id}`}>
              {d.name} <span className="badge tone-muted">{d.kind}</span>
            </h2>
            {d.description && <p>{d.description}</p>}
            <VersionsTable dataset={d} />
            {canRun && <UploadVersionForm useCaseId={useCaseId} dataset={d} />}
          </section>
        ))}
      {canRun && <PromptfooImportForm useCaseId={useCaseId} />}
    </>
  );
}
