import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useMe } from '../session/session';
import { useContain, useResume } from './api';
import { isOpen } from './figures';
import { resumeRefusal } from './incidentText';
import type { Incident } from './types';
import { CONTAINMENT_TERMS } from './vocabulary';

type Kind = 'suspend' | 'throttle' | 'rollback';
const KINDS: { kind: Kind; label: string; verb: string }[] = [
  { kind: 'suspend', label: 'Suspend: the gateway refuses its calls', verb: 'Suspend the use case' },
  { kind: 'throttle', label: 'Throttle: let through a share of its usual traffic', verb: 'Throttle the use case' },
  { kind: 'rollback', label: 'Roll back its release to the previous one', verb: 'Roll back the release' },
];

/** What the incident imposes on its use case at the gateway, the way to impose more, and the way to lift it. */
export function Containment({ incident: i, canManage }: { incident: Incident; canManage: boolean }) {
  const term = CONTAINMENT_TERMS[i.control.state];
  const contained = i.control.state !== 'normal';
  return (
    <section className="panel" aria-labelledby="containment-title">
      <h2 id="containment-title">Containment</h2>
      <p>
        <span className={`badge tone-${term.tone}`}>{term.label}</span>{' '}
        {i.control.state === 'throttled' && i.control.throttleFraction !== null && `The gateway lets through ${Math.round(i.control.throttleFraction * 100)}% of the use case's usual traffic.`}
        {i.control.state === 'suspended' && 'The use case is suspended: the gateway refuses its calls.'}
        {i.control.state === 'normal' && 'The use case runs normally.'}
        {i.control.rolledBack && ' Its release was rolled back to the previous one.'}
      </p>
      {canManage && isOpen(i) && i.control.state !== 'suspended' && <ContainForm incident={i} />}
      {contained && <ResumeForm incident={i} />}
    </section>
  );
}

/** Stopping harm is not held up: anyone who works incidents contains at once; resuming is the pack's roles' call. */
function ContainForm({ incident: i }: { incident: Incident }) {
  const schema = useRequestSchema('POST', '/api/v1/incidents/{id}/contain');
  const contain = useContain(i.id);
  const form = useSubmission(['action.fraction', 'action', 'note'], schema.data, 'contain-');
  const [kind, setKind] = useState<Kind>('suspend');
  const [percent, setPercent] = useState('25');
  const [note, setNote] = useState('');
  const [said, setSaid] = useState('');
  const chosen = KINDS.find((k) => k.kind === kind)!;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const action = kind === 'throttle' ? { kind, fraction: percent.trim() === '' ? Number.NaN : Number(percent) / 100 } : { kind };
    const ok = await form.submit({ action, ...(note.trim() ? { note: note.trim() } : {}) }, (b) => contain.mutateAsync(b));
    if (ok) {
      setNote('');
      setSaid(`${chosen.verb}: done.`);
    }
  };

  return (
    <form className="contain-form" onSubmit={submit} noValidate aria-label="Contain the use case">
      <ErrorSummary title="Fix this before the use case can be contained" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The use case was not contained" />}
      <fieldset className="form-section">
        <legend>Contain the use case now</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="check">
            <input type="radio" name="contain-kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} /> {k.label}
          </label>
        ))}
      </fieldset>
      {kind === 'throttle' && (
        <Field name="contain-action.fraction" label="Share of usual traffic let through (%)" hint="more than 0 and less than 100" errors={form.errors['action.fraction']}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              min={1}
              max={99}
              value={percent}
              onChange={(e) => {
                setPercent(e.target.value);
                form.clear('action.fraction');
              }}
            />
          )}
        </Field>
      )}
      <Field name="contain-note" label="Why (kept on the timeline, optional)" errors={form.errors.note}>
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-danger" disabled={contain.isPending}>
        {contain.isPending ? 'Containing…' : chosen.verb}
      </button>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </form>
  );
}

function ResumeForm({ incident: i }: { incident: Incident }) {
  const me = useMe();
  const resume = useResume(i.id);
  const [note, setNote] = useState('');
  return (
    <form
      className="resume-form"
      aria-label="Resume the use case"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        resume.mutate(note.trim(), { onSuccess: () => setNote('') });
      }}
    >
      <Field name="resume-note" label="Note on resuming (optional)" hint="why it is safe to lift the containment">
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {resume.isError && (
        <p className="notice notice-error" role="alert">
          {resumeRefusal(resume.error, me.roles)}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={resume.isPending}>
        {resume.isPending ? 'Resuming…' : 'Resume the use case'}
      </button>
    </form>
  );
}
