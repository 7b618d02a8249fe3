import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useCaseDatasets, useStartEvaluation } from './api';
import { RunProgress } from './RunProgress';
import type { EvalRun } from './types';

const FIELDS = ['datasetId', 'version'] as const;

/** Starts a live evaluation of a release on one of the use case's datasets, and follows its progress. */
export function StartEvaluation({ useCaseId, releaseId }: { useCaseId: string; releaseId: string }) {
  const datasets = useQuery({ ...useCaseDatasets(useCaseId), select: (ds) => ds.filter((d) => d.versions.length > 0) });
  const start = useStartEvaluation(releaseId);
  const form = useSubmission(FIELDS, undefined, `${releaseId}-run-`);
  const [datasetId, setDatasetId] = useState('');
  const [version, setVersion] = useState('');
  const [started, setStarted] = useState<EvalRun>();
  const chosen = datasets.data?.find((d) => d.id === (datasetId || datasets.data?.[0]?.id));
  const versions = [...(chosen?.versions ?? [])].sort((a, b) => b.number - a.number);

  if (datasets.isPending) return <p className="muted">Loading the use case's datasets…</p>;
  if (datasets.isError) return <Refusal error={datasets.error} title="The datasets could not be read" />;
  if (!chosen) {
    return (
      <p className="muted">
        No dataset of this use case has rows yet.{' '}
        <Link to="/use-cases/$useCaseId/evaluations/datasets" params={{ useCaseId }}>
          Add a dataset
        </Link>{' '}
        to evaluate a release on it.
      </p>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStarted(undefined);
    const body = { datasetId: chosen.id, useCaseId, concurrency: 8, maxAttempts: 3, ...(version ? { version: Number(version) } : {}) };
    await form.submit(body, async (b) => setStarted(await start.mutateAsync(b)));
  };
  const id = (name: string) => `${releaseId}-run-${name}`;

  return (
    <form className="start-evaluation" onSubmit={submit} noValidate aria-label={`Start an evaluation run of release ${releaseId}`}>
      <ErrorSummary title="Fix these before starting the run" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The run did not start" />}
      <div className="form-grid">
        <Field name={id('datasetId')} label="Dataset" errors={form.errors.datasetId}>
          {(p) => (
            <select
              {...p}
              value={chosen.id}
              onChange={(e) => {
                setDatasetId(e.target.value);
                setVersion('');
                form.clear('datasetId', 'version');
              }}
            >
              {datasets.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.kind})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={id('version')} label="Version" errors={form.errors.version}>
          {(p) => (
            <select {...p} value={version} onChange={(e) => setVersion(e.target.value)}>
              <option value="">Latest (v{versions[0]?.number})</option>
              {versions.map((v) => (
                <option key={v.id} value={v.number}>
                  v{v.number}: {v.rows.toLocaleString()} rows{v.frozen ? ', frozen' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start evaluation run'}
        </button>
        {started && (
          <span className="started-run">
            <Link to="/eval-runs/$runId" params={{ runId: started.id }}>
              Run {started.id}
            </Link>{' '}
            <RunProgress runId={started.id} releaseId={releaseId} />
          </span>
        )}
      </div>
    </form>
  );
}
