import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useRecordCompletion } from './api';
import type { PersonDetail, SkillItem } from './types';

const FIELDS = ['itemId', 'evidence', 'completedAt'] as const;

/** A local calendar day as the API's instant: midnight where the person is, so today is never in the future. */
export const dayToInstant = (day: string): string | undefined => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);

/** Records a module a person completed (labs complete through a reviewer's sign-off); it expires after the module's validity. */
export function RecordCompletionForm({ person, items, onRecorded }: { person: PersonDetail; items: SkillItem[]; onRecorded: (title: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/people/{id}/completions');
  const record = useRecordCompletion(person.id);
  const form = useSubmission(FIELDS, schema.data);
  const modules = items.filter((i) => i.kind === 'module').sort((a, b) => a.title.localeCompare(b.title));
  // The modules the person's required paths still miss come first: that is what a change lead records most.
  const missing = new Set(person.paths.filter((p) => p.required).flatMap((p) => p.missing));
  const [itemId, setItemId] = useState('');
  const [evidence, setEvidence] = useState('');
  const [day, setDay] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { itemId, evidence: evidence.trim(), ...(day ? { completedAt: dayToInstant(day) } : {}) };
    const ok = await form.submit(
      body,
      (b) => record.mutateAsync(b),
      itemId ? [] : [{ path: 'body.itemId', message: 'choose the module that was completed' }],
    );
    if (ok) {
      onRecorded(modules.find((m) => m.id === itemId)?.title ?? 'the module');
      setItemId('');
      setEvidence('');
      setDay('');
    }
  };

  const option = (m: SkillItem) => (
    <option key={m.id} value={m.id}>
      {m.title}
      {m.validityDays ? ` (valid ${m.validityDays} days)` : ''}
    </option>
  );

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="record-title">
      <h2 id="record-title">Record a completed module</h2>
      <ErrorSummary title="Fix these before the completion can be recorded" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The completion was not recorded" />}
      <div className="form-grid">
        <Field name="itemId" label="Module" errors={form.errors.itemId}>
          {(p) => (
            <select
              {...p}
              value={itemId}
              onChange={(e) => {
                setItemId(e.target.value);
                form.clear('itemId');
              }}
            >
              <option value="">Choose a module</option>
              {missing.size > 0 && <optgroup label="Missing from required paths">{modules.filter((m) => missing.has(m.slug)).map(option)}</optgroup>}
              <optgroup label={missing.size > 0 ? 'Other modules' : 'Modules'}>{modules.filter((m) => !missing.has(m.slug)).map(option)}</optgroup>
            </select>
          )}
        </Field>
        <Field name="completedAt" label="Completed on (optional)" hint="leave empty for today; an earlier date for an imported record" errors={form.errors.completedAt}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={day}
              onChange={(e) => {
                setDay(e.target.value);
                form.clear('completedAt');
              }}
            />
          )}
        </Field>
        <Field name="evidence" label="Evidence (optional)" hint="an assessment score or a learning-platform record" errors={form.errors.evidence}>
          {(p) => (
            <input
              {...p}
              value={evidence}
              maxLength={2000}
              onChange={(e) => {
                setEvidence(e.target.value);
                form.clear('evidence');
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record completion'}
        </button>
      </div>
    </form>
  );
}
