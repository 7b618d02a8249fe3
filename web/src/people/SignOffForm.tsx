import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useSignOffLab } from './api';
import type { LabAttempt } from './types';

const FIELDS = ['decision', 'note'] as const;

/** A reviewer signs a lab attempt off (it then counts as completed) or returns it, saying what they checked or what is missing. */
export function SignOffForm({ attempt, labTitle, onDecided }: { attempt: LabAttempt; labTitle: string; onDecided: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/lab-attempts/{id}/sign-off');
  const signOff = useSignOffLab();
  const form = useSubmission(FIELDS, schema.data, `${attempt.id}-`);
  const [note, setNote] = useState('');

  const decide = (decision: 'sign_off' | 'return') => async (e?: FormEvent) => {
    e?.preventDefault();
    const body = { decision, note: note.trim() };
    const ok = await form.submit(body, (b) => signOff.mutateAsync({ attempt, body: b }));
    if (ok) onDecided(decision === 'sign_off' ? `Signed off ${labTitle} for ${attempt.personName}; it now counts as completed.` : `Returned ${labTitle} to ${attempt.personName}.`);
  };

  return (
    <form className="sign-off" onSubmit={decide('sign_off')} noValidate aria-label={`Review ${labTitle} by ${attempt.personName}`}>
      {form.refusal && <Refusal error={form.refusal} title="The attempt was not reviewed" stale="Someone reviewed this attempt meanwhile; reload to see their decision." />}
      <Field name={`${attempt.id}-note`} label="What you checked, or what is missing" hint="kept with the sign-off and in the ledger" errors={form.errors.note ?? form.errors.decision}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              form.clear('note');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={signOff.isPending}>
          Sign off
        </button>
        <button type="button" className="button" disabled={signOff.isPending} onClick={() => void decide('return')()}>
          Return for more work
        </button>
      </div>
    </form>
  );
}
