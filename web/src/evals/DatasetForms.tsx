import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { capitalise } from '../portfolio/vocabulary';
import { useAddDatasetVersion, useCreateDataset, type UploadFormat } from './api';
import { LineProblems } from './LineProblems';
import { rowProblems } from './rows';
import { TASK_KINDS, type Dataset, type DatasetVersion, type TaskKind } from './types';

const CREATE_FIELDS = ['name', 'kind', 'description'] as const;

/** Creates a dataset of one task kind for this use case; its rows come as versions. */
export function CreateDatasetForm({ useCaseId, onCreated }: { useCaseId: string; onCreated: (d: Dataset) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/datasets');
  const form = useSubmission(CREATE_FIELDS, schema.data);
  const create = useCreateDataset(useCaseId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TaskKind>('classification');
  const [description, setDescription] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ name: name.trim(), kind, description: description.trim(), useCaseId }, async (b) => onCreated(await create.mutateAsync(b)));
    if (ok) {
      setName('');
      setDescription('');
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="create-dataset-title">
      <h2 id="create-dataset-title">New dataset</h2>
      <ErrorSummary title="Fix these before the dataset can be created" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The dataset was not created" />}
      <div className="form-grid form-grid-3">
        <Field name="name" label="Name" hint="2 to 100 characters, unique in the tenant" errors={form.errors.name}>
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={100}
              onChange={(e) => {
                setName(e.target.value);
                form.clear('name');
              }}
            />
          )}
        </Field>
        <Field name="kind" label="Task kind" errors={form.errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as TaskKind)}>
              {TASK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === 'rag' ? 'RAG' : capitalise(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="description" label="Description" errors={form.errors.description}>
          {(p) => (
            <input
              {...p}
              value={description}
              maxLength={2000}
              onChange={(e) => {
                setDescription(e.target.value);
                form.clear('description');
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create dataset'}
        </button>
      </div>
    </form>
  );
}

const ROW_HINTS: Record<TaskKind, string> = {
  classification: '{"id": "case-1", "input": "…", "label": "high"} per line (CSV columns id, input, label)',
  generation: '{"id": "case-1", "input": "…", "reference": "…"} per line, or assertions instead of a reference',
  rag: '{"id": "case-1", "question": "…", "contexts": ["…"], "reference": "…"} per line',
};

/** Uploads rows as a new version, from a file or pasted text; each row the API refuses is listed with its line. */
export function UploadVersionForm({ useCaseId, dataset }: { useCaseId: string; dataset: Dataset }) {
  const upload = useAddDatasetVersion(useCaseId);
  const [format, setFormat] = useState<UploadFormat>('jsonl');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [summary, setSummary] = useState<string>();
  const [refusal, setRefusal] = useState<Error>();
  const [added, setAdded] = useState<DatasetVersion>();
  const id = (name: string) => `${dataset.id}-${name}`;

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    if (/\.csv$/i.test(file.name)) setFormat('csv');
    else if (/\.jsonl?$|\.ndjson$/i.test(file.name)) setFormat('jsonl');
    setText(await file.text());
    setProblems([]);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(undefined);
    setRefusal(undefined);
    setSummary(undefined);
    if (!text.trim()) {
      setProblems([{ path: 'body', message: 'paste rows or choose a file' }]);
      return;
    }
    setProblems([]);
    try {
      setAdded(await upload.mutateAsync({ datasetId: dataset.id, text, format }));
      setText('');
      setFileName(undefined);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(err.errors);
        setSummary(err.detail);
      } else setRefusal(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const all = rowProblems(problems);
  const rows = all.filter((r) => r.line !== null);
  const fieldErrors = [...(rows.length ? [summary ?? `${rows.length} problem(s) in the rows`] : []), ...all.filter((r) => r.line === null).map((r) => r.message)];

  return (
    <form className="upload-version" onSubmit={submit} noValidate aria-label={`Upload a version of ${dataset.name}`}>
      <h3>Upload a new version</h3>
      {refusal && <Refusal error={refusal} title="The version was not stored" />}
      <div className="form-grid">
        <Field name={id('format')} label="Format">
          {(p) => (
            <select {...p} value={format} onChange={(e) => setFormat(e.target.value as UploadFormat)}>
              <option value="jsonl">JSONL (one JSON object per line)</option>
              <option value="csv">CSV with a header row</option>
            </select>
          )}
        </Field>
        <Field name={id('file')} label="File" hint={fileName ? `read ${fileName}; its rows are in the box below` : 'or paste the rows below'}>
          {(p) => <input {...p} type="file" accept=".jsonl,.ndjson,.json,.csv,text/csv,application/x-ndjson" onChange={readFile} />}
        </Field>
      </div>
      <Field name={id('rows')} label="Rows" hint={ROW_HINTS[dataset.kind]} errors={fieldErrors}>
        {(p) => (
          <textarea
            {...p}
            rows={6}
            className="rows-input"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setProblems([]);
            }}
          />
        )}
      </Field>
      <LineProblems problems={rows} label="Problems in the rows" caption="Nothing was stored: fix these rows and upload again" />
      <div className="form-actions">
        <button type="submit" className="button" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload version'}
        </button>
        <span role="status" className="muted">
          {added && `Stored version ${added.number}: ${added.rows.toLocaleString()} rows, hash ${added.contentHash.slice(0, 12)}…`}
        </span>
      </div>
    </form>
  );
}
