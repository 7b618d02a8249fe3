import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useUpdatePerson } from './api';
import { patchBody, personToDraft, type PersonDraft } from './personDraft';
import { PersonFields } from './PersonFields';
import type { Person } from './types';

const FIELDS = ['name', 'skillRole', 'teamId', 'valueStreamId', 'workGroup'] as const;

/** Changes a person's name, skill role or place in the organisation; only what changed is sent, with the version read. */
export function EditPersonForm({ person, onSaved, onCancel }: { person: Person; onSaved: (said: string) => void; onCancel: () => void }) {
  const schema = useRequestSchema('PATCH', '/api/v1/people/{id}');
  const update = useUpdatePerson();
  const form = useSubmission(FIELDS, schema.data);
  const [draft, setDraft] = useState<PersonDraft>(() => personToDraft(person));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const change = (patch: Partial<PersonDraft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    form.clear(field);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = patchBody(person, draft);
    if (!Object.keys(body).length) return onSaved('Nothing was changed.');
    const ok = await form.submit(body, (b) => update.mutateAsync({ target: person, body: b }));
    if (ok) onSaved(`Saved the changes to ${draft.name.trim() || person.name}.`);
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="edit-person-title">
      <h2 id="edit-person-title" tabIndex={-1} ref={heading}>
        Edit {person.name}
      </h2>
      <ErrorSummary title="Fix these before the changes can be saved" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The changes were not saved" stale="Someone changed this person since you opened the form, so your changes were not saved. Cancel to see theirs, then edit again." />}
      <div className="form-grid">
        <Field name="name" label="Name" hint={person.userId ? 'as the register shows them; their membership keeps its own name' : undefined} errors={form.errors.name}>
          {(p) => <input {...p} maxLength={200} value={draft.name} onChange={(e) => change({ name: e.target.value }, 'name')} />}
        </Field>
      </div>
      <PersonFields draft={draft} change={change} errors={form.errors} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
