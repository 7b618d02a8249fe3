import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { promptTemplates, useAddVersion, useCreateTemplate } from './api';
import { variablesOf } from './describe';
import type { PromptTemplate } from './types';

/** The use case's prompt templates: every version kept, a change always a new version with its note. */
export function PromptTemplatesPanel({ useCaseId }: { useCaseId: string }) {
  const templates = useQuery({ ...promptTemplates, select: (d) => d.items.filter((t) => t.useCaseId === useCaseId) });
  const canManage = useCan('release:manage');
  const [creating, setCreating] = useState(false);

  return (
    <section className="panel" aria-labelledby="prompts-title">
      <div className="panel-head">
        <h2 id="prompts-title">Prompt templates</h2>
        {canManage && !creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New template
          </button>
        )}
      </div>
      {creating && <PromptForm useCaseId={useCaseId} close={() => setCreating(false)} />}
      {templates.isPending && <Loading label="Loading the prompt templates" />}
      {templates.isError && <ErrorState error={templates.error} retry={() => templates.refetch()} />}
      {templates.isSuccess && !templates.data.length && !creating && <Empty title="No prompt templates for this use case" />}
      {templates.data?.map((t) => <Template key={t.id} template={t} canManage={canManage} />)}
    </section>
  );
}

function Template({ template: t, canManage }: { template: PromptTemplate; canManage: boolean }) {
  const latest = t.versions[0];
  const [adding, setAdding] = useState(false);
  return (
    <details className="template">
      <summary>
        <strong>{t.name}</strong> <span className="muted">v{latest?.version ?? 0}{latest && `, ${formatDate(latest.createdAt)}`}</span>
      </summary>
      {canManage && !adding && (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          New version of {t.name}
        </button>
      )}
      {adding && <PromptForm template={t} close={() => setAdding(false)} />}
      <ol className="versions" reversed>
        {t.versions.map((v) => (
          <li key={v.id}>
            <p>
              <strong>v{v.version}</strong> <span className="muted">{formatDate(v.createdAt)}</span>: {v.changeNote}
            </p>
            <pre className="prompt-text">{v.system}</pre>
            {v.variables.length > 0 && <p className="cell-note">Variables: {v.variables.join(', ')}</p>}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A new template (its first version) or a new version of one; the variables are the {{placeholders}} the text uses. */
function PromptForm({ useCaseId, template, close }: { useCaseId?: string; template?: PromptTemplate; close: () => void }) {
  const schema = useRequestSchema('POST', template ? '/api/v1/prompt-templates/{id}/versions' : '/api/v1/prompt-templates');
  const create = useCreateTemplate();
  const addVersion = useAddVersion(template?.id ?? '');
  const prefix = template ? '' : 'firstVersion.';
  const idPart = template ? `version-${template.id}-` : 'template-';
  const form = useSubmission(['name', `${prefix}system`, `${prefix}changeNote`, `${prefix}variables`], schema.data, idPart);
  const [name, setName] = useState('');
  const [system, setSystem] = useState(template?.versions[0]?.system ?? '');
  const [changeNote, setChangeNote] = useState(template ? '' : 'First version');
  const variables = variablesOf(system);
  const pending = create.isPending || addVersion.isPending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const version = { system, variables, changeNote: changeNote.trim() };
    const ok = template
      ? await form.submit(version, (b) => addVersion.mutateAsync(b))
      : await form.submit({ name: name.trim(), useCaseId, firstVersion: version }, (b) => create.mutateAsync(b));
    if (ok) close();
  };

  return (
    <form className="release-form" onSubmit={submit} noValidate aria-label={template ? `New version of ${template.name}` : 'New prompt template'}>
      <ErrorSummary title="Fix these before saving" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The prompt was not saved" />}
      {!template && (
        <Field name={`${idPart}name`} label="Template name" errors={form.errors.name}>
          {(p) => <input {...p} value={name} maxLength={100} onChange={(e) => {
                setName(e.target.value);
                form.clear('name');
              }} />}
        </Field>
      )}
      <Field name={`${idPart}${prefix}system`} label="System prompt" hint="{{name}} placeholders are filled per request" errors={form.errors[`${prefix}system`] ?? form.errors[`${prefix}variables`]}>
        {(p) => <textarea {...p} rows={6} className="prompt-text" value={system} onChange={(e) => {
              setSystem(e.target.value);
              form.clear(`${prefix}system`, `${prefix}variables`);
            }} />}
      </Field>
      <p className="cell-note" aria-live="polite">
        {variables.length ? `Variables: ${variables.join(', ')}` : 'No variables'}
      </p>
      <Field name={`${idPart}${prefix}changeNote`} label="Change note" hint="what changed and why, kept with the version" errors={form.errors[`${prefix}changeNote`]}>
        {(p) => <input {...p} value={changeNote} maxLength={1000} onChange={(e) => {
              setChangeNote(e.target.value);
              form.clear(`${prefix}changeNote`);
            }} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : template ? 'Save new version' : 'Create template'}
        </button>
        <button type="button" className="button button-quiet" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
