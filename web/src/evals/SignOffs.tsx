import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useCan, useMe } from '../session/session';
import { formatDateTime } from '../shell/format';
import { useSignOff } from './api';
import { roleLabel } from './format';
import { SIGN_OFF_ROLES, type SignOff, type SignOffRole } from './types';

const FIELDS = ['role', 'note'] as const;

/** A release's sign-offs, each anchored so a gate criterion can link to it. */
export function SignOffList({ signOffs }: { signOffs: SignOff[] }) {
  if (!signOffs.length) return <p className="muted">Nobody has signed this release off yet.</p>;
  return (
    <ul className="sign-offs">
      {signOffs.map((s) => (
        <li key={s.id} id={`sign-off-${s.id}`}>
          <strong>{roleLabel(s.role)}</strong>: {s.signerName}, <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
          {s.note && <blockquote>{s.note}</blockquote>}
        </li>
      ))}
    </ul>
  );
}

/** Signs the release off in a role the person holds and has not signed in yet; whoever created the release may not. */
export function SignOffForm({ release, signOffs }: { release: { id: string; createdBy: string }; signOffs: SignOff[] }) {
  const releaseId = release.id;
  const me = useMe();
  const canSign = useCan('gate:signoff');
  const held = SIGN_OFF_ROLES.filter((r) => me.roles.includes(r));
  const open = held.filter((r) => !signOffs.some((s) => s.role === r && s.signedBy === me.user.id));
  const schema = useRequestSchema('POST', '/api/v1/releases/{id}/sign-offs');
  const form = useSubmission(FIELDS, schema.data, `${releaseId}-`);
  const signOff = useSignOff(releaseId);
  const [chosen, setChosen] = useState<SignOffRole>();
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string>();
  const role = chosen && open.includes(chosen) ? chosen : open[0];
  if (!canSign || !held.length) return null;
  if (release.createdBy === me.user.id) return <p className="muted">You created this release, so someone else must sign it off.</p>;
  if (!role) {
    return (
      <p className="muted" role="status">
        {done ?? `You have signed this release off as ${held.map((r) => roleLabel(r).toLowerCase()).join(' and ')}.`}
      </p>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(undefined);
    const ok = await form.submit({ role, note: note.trim() }, (b) => signOff.mutateAsync(b));
    if (ok) {
      setNote('');
      setDone(`Signed off as ${roleLabel(role).toLowerCase()}.`);
    }
  };
  const id = (name: string) => `${releaseId}-${name}`;

  return (
    <form className="sign-off-form" onSubmit={submit} noValidate aria-label={`Sign off release ${releaseId}`}>
      <ErrorSummary title="Fix these before signing off" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The sign-off was not recorded" />}
      <div className="form-grid">
        <Field name={id('role')} label="Sign off as" errors={form.errors.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setChosen(e.target.value as SignOffRole)}>
              {open.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={id('note')} label="Note" hint="what you checked; kept with the sign-off" errors={form.errors.note}>
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
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={signOff.isPending}>
          {signOff.isPending ? 'Signing off…' : 'Sign off'}
        </button>
        <span role="status" className="muted">
          {done}
        </span>
      </div>
    </form>
  );
}
