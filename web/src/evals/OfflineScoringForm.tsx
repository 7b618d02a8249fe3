import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useCaseDatasets, useScoreOffline } from './api';
import { countLines, offlineProblems, predictionsHint, refusedField, scoredSummary, UPLOAD_LIMIT_BYTES, type OfflineProblems } from './imports';
import { LineProblems } from './LineProblems';
import type { EvalRun } from './types';

const NONE: OfflineProblems = { datasetId: [], version: [], predictions: [], lines: [] };

/**
 * Scores predictions made outside Charter (a JSON Lines file read in the browser, or pasted) against one of the use
 * case's dataset versions, as an offline evaluation run of the release. Each line the API refuses is listed with its
 * number; nothing is stored until every line is right.
 */
export function OfflineScoringForm({ useCaseId, releaseId }: { useCaseId: string; releaseId: string }) {
  const datasets = useQuery({ ...useCaseDatasets(useCaseId), select: (ds) => ds.filter((d) => d.versions.length > 0) });
  const score = useScoreOffline(releaseId);
  const [datasetId, setDatasetId] = useState('');
  const [version, setVersion] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  // Remounts the file input once its file is sent, so it no longer names it.
  const [fileInput, setFileInput] = useState(0);
  const [fileError, setFileError] = useState<string>();
  const [problems, setProblems] = useState<OfflineProblems>(NONE);
  const [detail, setDetail] = useState<string>();
  const [refusal, setRefusal] = useState<Error>();
  const [submission, setSubmission] = useState(0);
  const [scored, setScored] = useState<EvalRun>();
  const id = (name: string) => `${releaseId}-offline-${name}`;

  if (datasets.isPending) return <p className="muted">Loading the use case's datasets…</p>;
  if (datasets.isError) return <Refusal error={datasets.error} title="The datasets could not be read" />;
  const chosen = datasets.data.find((d) => d.id === datasetId) ?? datasets.data[0];
  if (!chosen) {
    return (
      <p className="muted">
        No dataset of this use case has rows yet.{' '}
        <Link to="/use-cases/$useCaseId/evaluations/datasets" params={{ useCaseId }}>
          Add a dataset
        </Link>{' '}
        to score predictions against it.
      </p>
    );
  }
  const versions = [...chosen.versions].sort((a, b) => b.number - a.number);
  const picked = versions.find((v) => String(v.number) === version) ?? versions[0];

  const forget = () => {
    setProblems(NONE);
    setDetail(undefined);
  };

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(undefined);
    if (!file) return;
    if (file.size > UPLOAD_LIMIT_BYTES) {
      setFileError(`${file.name} is larger than the 64 MB Charter takes at once; split it or score fewer cases`);
      return;
    }
    setFileName(file.name);
    setText(await file.text());
    forget();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setScored(undefined);
    setRefusal(undefined);
    forget();
    if (!text.trim()) {
      setProblems({ ...NONE, predictions: ['paste the predictions or choose a file'] });
      setSubmission((n) => n + 1);
      return;
    }
    try {
      setScored(await score.mutateAsync({ datasetId: chosen.id, version: version ? Number(version) : undefined, text }));
      setText('');
      setFileName(undefined);
      setFileInput((n) => n + 1);
    } catch (err) {
      const field = err instanceof ApiProblem ? refusedField(err.status, err.detail) : undefined;
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(offlineProblems(err.errors));
        setDetail(err.detail);
      } else if (err instanceof ApiProblem && (field === 'datasetId' || field === 'version')) {
        setProblems({ ...NONE, [field]: [err.detail] });
      } else {
        setRefusal(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      setSubmission((n) => n + 1);
    }
  };

  const predictionErrors = [...(problems.lines.length ? [detail ?? `${problems.lines.length} problem(s) in the predictions`] : []), ...problems.predictions];
  const summary: FieldProblem[] = [
    ...problems.datasetId.map((message) => ({ path: 'Dataset', message })),
    ...problems.version.map((message) => ({ path: 'Version', message })),
    ...predictionErrors.map((message) => ({ path: 'Predictions', message })),
  ];
  const controls: Record<string, string> = { Dataset: fieldId(id('datasetId')), Version: fieldId(id('version')), Predictions: fieldId(id('predictions')) };

  return (
    <form className="offline-scoring" onSubmit={submit} noValidate aria-label={`Score predictions made elsewhere for release ${releaseId}`}>
      <ErrorSummary title="The predictions were not scored" problems={summary} fieldIds={(path) => controls[path]} submission={submission} />
      {refusal && <Refusal error={refusal} title="The predictions were not scored" />}
      <div className="form-grid">
        <Field name={id('datasetId')} label="Dataset" errors={problems.datasetId}>
          {(p) => (
            <select
              {...p}
              value={chosen.id}
              onChange={(e) => {
                setDatasetId(e.target.value);
                setVersion('');
                forget();
              }}
            >
              {datasets.data.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.kind})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={id('version')} label="Version" errors={problems.version}>
          {(p) => (
            <select
              {...p}
              value={version}
              onChange={(e) => {
                setVersion(e.target.value);
                forget();
              }}
            >
              <option value="">Latest (v{versions[0].number})</option>
              {versions.map((v) => (
                <option key={v.id} value={v.number}>
                  v{v.number}: {v.rows.toLocaleString()} rows{v.frozen ? ', frozen' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name={id('file')}
          label="Predictions file"
          hint={fileName ? `read ${fileName}: ${countLines(text).toLocaleString()} predictions, shown below` : 'JSON Lines, read in your browser; or paste the predictions below'}
          errors={fileError ? [fileError] : []}
        >
          {(p) => <input key={fileInput} {...p} type="file" accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/jsonl" onChange={readFile} />}
        </Field>
      </div>
      <Field name={id('predictions')} label="Predictions" hint={predictionsHint(chosen.kind, picked?.rows)} errors={predictionErrors}>
        {(p) => (
          <textarea
            {...p}
            rows={6}
            className="rows-input"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(undefined);
              forget();
            }}
          />
        )}
      </Field>
      <LineProblems problems={problems.lines} label="Problems in the predictions" caption="Nothing was scored: fix these lines and score again" />
      <div className="form-actions">
        <button type="submit" className="button" disabled={score.isPending}>
          {score.isPending ? 'Scoring…' : 'Score predictions'}
        </button>
        <span role="status" className="scored-run">
          {scored && (
            <>
              {scoredSummary(scored)}{' '}
              <Link to="/eval-runs/$runId" params={{ runId: scored.id }}>
                Open the run
              </Link>
            </>
          )}
        </span>
      </div>
    </form>
  );
}
