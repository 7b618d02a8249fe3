import { useState, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import type { JsonSchema } from '../forms/jsonSchema';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { validate } from '../forms/jsonSchema';
import { OutcomeFields } from './OutcomeFields';
import { OwnershipFields } from './OwnershipFields';
import { PriorityFields } from './PriorityFields';
import { ReadinessFields } from './ReadinessFields';
import { fieldFor, problemsByField, toUseCaseBody, type UseCaseDraft } from './useCaseDraft';
import './portfolio.css';

interface UseCaseFormProps {
  initial: UseCaseDraft;
  /** The request schema the API publishes for this operation; the body is checked against it before sending. */
  schema: JsonSchema | undefined;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** Sends the body; a 400's field problems come back as the rejection's `errors`. */
  send: (body: Record<string, unknown>) => Promise<unknown>;
}

/**
 * A use case's fields, checked against the schema the API publishes before sending; whatever the API still refuses
 * (a vague outcome, an unknown owner) is shown next to the field it concerns.
 */
export function UseCaseForm({ initial, schema, submitLabel, pendingLabel, pending, send }: UseCaseFormProps) {
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [refusedSubmissions, setRefusedSubmissions] = useState(0);
  const errors = problemsByField(problems, draft.outcomeForm);

  const change = (patch: Partial<UseCaseDraft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (fields.length) setProblems((ps) => ps.filter((p) => !fields.includes(fieldFor(p.path, draft.outcomeForm))));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = toUseCaseBody(draft);
    const found = schema ? validate(schema, body) : [];
    setProblems(found);
    setRefusal(undefined);
    if (found.length) return setRefusedSubmissions((n) => n + 1);
    try {
      await send(body);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(err.errors);
        setRefusedSubmissions((n) => n + 1);
      } else setRefusal(err instanceof Error ? err.message : String(err));
    }
  };

  const sectionProps = { draft, change, errors };
  return (
    <form className="use-case-form" onSubmit={submit} noValidate>
      <ErrorSummary title="Fix these before the use case can be saved" problems={problems} fieldIds={(path) => fieldId(fieldFor(path, draft.outcomeForm))} submission={refusedSubmissions} />
      {refusal && (
        <p className="notice notice-error" role="alert">
          {refusal}
        </p>
      )}
      <fieldset className="form-section">
        <legend>What it is</legend>
        <Field name="title" label="Title" errors={errors.title}>
          {(p) => <input {...p} value={draft.title} maxLength={200} onChange={(e) => change({ title: e.target.value }, 'title')} />}
        </Field>
        <Field name="description" label="Description" hint="optional: what it does and for whom" errors={errors.description}>
          {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => change({ description: e.target.value }, 'description')} />}
        </Field>
      </fieldset>
      <OutcomeFields {...sectionProps} />
      <OwnershipFields {...sectionProps} />
      <PriorityFields {...sectionProps} />
      <ReadinessFields {...sectionProps} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
