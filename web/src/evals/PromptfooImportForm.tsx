import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useImportPromptfoo } from './api';
import { importedSummary, nameFromFile, nameProblem, promptfooProblems, refusedField, UPLOAD_LIMIT_BYTES } from './imports';
import type { PromptfooImported } from './types';

const NONE = { name: [] as string[], config: [] as string[] };

/** What an import left behind: each test or assertion Charter does not evaluate, with the reason. */
function ImportGaps({ imported }: { imported: PromptfooImported }) {
  if (!imported.unsupported.length) return null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Not brought over from the promptfoo config">
      <table className="table import-gaps">
        <caption>Not brought over from the config</caption>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Assertion</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {imported.unsupported.map((u, i) => (
            <tr key={i}>
              <td className="num">{u.test ?? 'config'}</td>
              <td>{u.assertion !== undefined ? `${u.assertion}${u.type ? `: ${u.type}` : ''}` : '—'}</td>
              <td>{u.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Brings a promptfoo suite (promptfooconfig.yaml, read in the browser or pasted) over as a generation dataset of the
 * use case: each prompt × test a row with its deterministic assertions. What Charter could not bring over is listed.
 */
export function PromptfooImportForm({ useCaseId }: { useCaseId: string }) {
  const importConfig = useImportPromptfoo(useCaseId);
  const [name, setName] = useState('');
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string>();
  // Remounts the file input once its file is sent, so it no longer names it.
  const [fileInput, setFileInput] = useState(0);
  const [fileError, setFileError] = useState<string>();
  const [problems, setProblems] = useState(NONE);
  const [refusal, setRefusal] = useState<Error>();
  const [submission, setSubmission] = useState(0);
  const [imported, setImported] = useState<PromptfooImported>();

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(undefined);
    if (!file) return;
    if (file.size > UPLOAD_LIMIT_BYTES) {
      setFileError(`${file.name} is larger than the 64 MB Charter takes at once`);
      return;
    }
    setFileName(file.name);
    setYaml(await file.text());
    if (!name.trim()) setName(nameFromFile(file.name));
    setProblems((ps) => ({ ...ps, config: [] }));
  };

  const refuse = (found: typeof NONE) => {
    setProblems(found);
    setSubmission((n) => n + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setImported(undefined);
    setRefusal(undefined);
    const badName = nameProblem(name);
    const found = { name: badName ? [badName] : [], config: yaml.trim() ? [] : ['paste the config or choose a file'] };
    if (found.name.length || found.config.length) return refuse(found);
    setProblems(NONE);
    try {
      setImported(await importConfig.mutateAsync({ name: name.trim(), yaml }));
      setName('');
      setYaml('');
      setFileName(undefined);
      setFileInput((n) => n + 1);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        const sorted = promptfooProblems(err.errors);
        // The API's summary ("no test of the promptfoo config could be imported") heads the config's own problems.
        refuse(sorted.config.length && err.detail ? { ...sorted, config: [err.detail, ...sorted.config.filter((m) => m !== err.detail)] } : sorted);
      } else if (err instanceof ApiProblem && refusedField(err.status, err.detail) === 'name') {
        refuse({ ...NONE, name: [err.detail] });
      } else setRefusal(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const summary: FieldProblem[] = [...problems.name.map((message) => ({ path: 'Name', message })), ...problems.config.map((message) => ({ path: 'promptfoo config', message }))];
  const controls: Record<string, string> = { Name: fieldId('promptfoo-name'), 'promptfoo config': fieldId('promptfoo-config') };

  return (
    <form className="panel promptfoo-import" onSubmit={submit} noValidate aria-labelledby="promptfoo-import-title">
      <h2 id="promptfoo-import-title">Import a promptfoo config</h2>
      <p className="muted">
        Each prompt × test becomes a row of a new generation dataset, with the test's deterministic assertions (equals, contains, regex, is-json and their kin). Providers are not
        called: a run evaluates the release under test.
      </p>
      <ErrorSummary title="The config was not imported" problems={summary} fieldIds={(path) => controls[path]} submission={submission} />
      {refusal && <Refusal error={refusal} title="The config was not imported" />}
      <div className="form-grid">
        <Field name="promptfoo-name" label="Name" hint="of the new dataset: 2 to 100 characters, unique in the tenant" errors={problems.name}>
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={100}
              onChange={(e) => {
                setName(e.target.value);
                setProblems((ps) => ({ ...ps, name: [] }));
              }}
            />
          )}
        </Field>
        <Field name="promptfoo-file" label="Config file" hint={fileName ? `read ${fileName}; its YAML is in the box below` : 'YAML, read in your browser; or paste it below'} errors={fileError ? [fileError] : []}>
          {(p) => <input key={fileInput} {...p} type="file" accept=".yaml,.yml,application/yaml,application/x-yaml,text/yaml" onChange={readFile} />}
        </Field>
      </div>
      <Field name="promptfoo-config" label="promptfoo config (YAML)" hint="prompts and tests written in the config; ones read from other files are listed as not brought over" errors={problems.config}>
        {(p) => (
          <textarea
            {...p}
            rows={8}
            className="rows-input"
            spellCheck={false}
            value={yaml}
            onChange={(e) => {
              setYaml(e.target.value);
              setFileName(undefined);
              setProblems((ps) => ({ ...ps, config: [] }));
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={importConfig.isPending}>
          {importConfig.isPending ? 'Importing…' : 'Import config'}
        </button>
        <span role="status" className="scored-run">
          {imported && (
            <>
              {importedSummary(imported)} <a href={`#dataset-${imported.dataset.id}`}>Go to the dataset</a>
            </>
          )}
        </span>
      </div>
      {imported && <ImportGaps imported={imported} />}
    </form>
  );
}
