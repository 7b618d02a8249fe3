import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { members } from '../portfolio/api';
import { useAddPerson } from './api';
import { createBody, newPersonDraft, type PersonDraft } from './personDraft';
import { PersonFields } from './PersonFields';
import type { Person } from './types';

const FIELDS = ['userId', 'name', 'email', 'skillRole', 'teamId', 'valueStreamId', 'workGroup'] as const;

/** Adds someone to the skilling register: a Charter member, or an end user of a use case who is not one. */
export function AddPersonForm({ onAdded, onCancel }: { onAdded: (person: Person) => void; onCancel: () => void }) {
  const schema = useRequestSchema('POST', '/api/v1/people');
  const add = useAddPerson();
  const people = useQuery(members);
  const form = useSubmission(FIELDS, schema.data);
  const [draft, setDraft] = useState<PersonDraft>(newPersonDraft);
  const change = (patch: Partial<PersonDraft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    form.clear(field);
  };
  const chooseMember = (userId: string) => {
    // A member joins the register in their own team unless another is chosen.
    const teamId = (people.data?.find((m) => m.id === userId) as { teamId?: string | null } | undefined)?.teamId ?? '';
    change({ userId, teamId }, 'userId');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = draft.kind === 'member' && !draft.userId ? [{ path: 'body.userId', message: 'choose the member' }] : draft.kind === 'other' && !draft.name.trim() ? [{ path: 'body.name', message: 'required for someone who is not a member' }] : [];
    let added: Person | undefined;
    const ok = await form.submit(createBody(draft), async (b) => (added = await add.mutateAsync(b)), missing);
    if (ok && added) onAdded(added);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-person-title">
      <h3 id="add-person-title">Add a person</h3>
      <ErrorSummary title="Fix these before the person can be added" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The person was not added" />}
      <fieldset className="field">
        <legend className="field-label">Who</legend>
        <div className="segmented">
          {(
            [
              ['member', 'A Charter member'],
              ['other', 'Someone who is not a member'],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind} className="segmented-option">
              <input type="radio" name="person-kind" value={kind} checked={draft.kind === kind} onChange={() => setDraft((d) => ({ ...d, kind }))} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.kind === 'member' ? (
        <Field name="userId" label="Member" hint="their name and email come from their membership" errors={form.errors.userId ?? (people.isError ? [people.error.message] : undefined)}>
          {(p) => (
            <select {...p} value={draft.userId} onChange={(e) => chooseMember(e.target.value)}>
              <option value="">{people.isPending ? 'Loading…' : 'Choose a member'}</option>
              {people.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <div className="form-grid">
          <Field name="name" label="Name" errors={form.errors.name}>
            {(p) => <input {...p} autoComplete="off" maxLength={200} value={draft.name} onChange={(e) => change({ name: e.target.value }, 'name')} />}
          </Field>
          <Field name="email" label="Email (optional)" errors={form.errors.email}>
            {(p) => <input {...p} type="email" autoComplete="off" value={draft.email} onChange={(e) => change({ email: e.target.value }, 'email')} />}
          </Field>
        </div>
      )}
      <PersonFields draft={draft} change={change} errors={form.errors} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add to the register'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
