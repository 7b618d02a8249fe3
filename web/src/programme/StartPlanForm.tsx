import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { localDay } from '../people/change';
import { useStartPlan } from './api';

const FIELDS = ['title', 'startsOn'] as const;

/** Starts the blueprint's 90-day plan: three phases with one milestone per step, each owned by whoever starts it until reassigned. */
export function StartPlanForm() {
  const schema = useRequestSchema('POST', '/api/v1/programme/plan');
  const start = useStartPlan();
  const form = useSubmission(FIELDS, schema.data);
  const [title, setTitle] = useState('90-day AI operating model programme');
  const [startsOn, setStartsOn] = useState(localDay());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.submit({ title: title.trim(), startsOn }, (b) => start.mutateAsync(b));
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="start-plan-title">
      <h3 id="start-plan-title">Start the 90-day plan</h3>
      <ErrorSummary title="Fix these before the plan can start" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The plan was not started" />}
      <div className="form-grid">
        <Field name="title" label="Title" errors={form.errors.title}>
          {(p) => <input {...p} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field name="startsOn" label="Day 1" errors={form.errors.startsOn}>
          {(p) => <input {...p} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start the plan'}
        </button>
      </div>
    </form>
  );
}
