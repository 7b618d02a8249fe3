import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { numberOr } from '../forms/draft';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { members } from '../portfolio/api';
import type { UseCase } from '../portfolio/types';
import { capitalise } from '../portfolio/vocabulary';
import { releases } from '../releases/api';
import { useMe } from '../session/session';
import { useIssueKey } from './api';
import { environmentNote } from './keyState';
import { ENVIRONMENTS, type Environment, type IssuedKey } from './types';

const FIELDS = ['environment', 'name', 'ownerId', 'expiresInDays'] as const;

/** Issues a key for one environment; the secret comes back once, to `onIssued`. */
export function IssueKeyForm({ useCase: uc, onIssued }: { useCase: UseCase; onIssued: (key: IssuedKey) => void }) {
  const me = useMe();
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/keys');
  const people = useQuery(members);
  const slots = useQuery({ ...releases(uc.id), select: (d) => d.slots });
  const issue = useIssueKey(uc.id);
  const form = useSubmission(FIELDS, schema.data);
  // Until the person chooses, the environment whose key would work now: its stage allows it and a release is active there.
  const [chosen, setChosen] = useState<Environment>();
  const preferred: Environment[] = uc.stage === 'production' ? ['production', 'pilot'] : ['pilot', 'production'];
  const workable = preferred.find((env) => slots.data && !environmentNote(env, uc.stage, !!slots.data.find((s) => s.environment === env)?.activeReleaseId));
  const environment = chosen ?? workable ?? preferred[0];
  const [name, setName] = useState('');
  const [ownerId, setOwnerId] = useState(me.user.id);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const hasActive = !!slots.data?.find((s) => s.environment === environment)?.activeReleaseId;
  const note = slots.isSuccess ? environmentNote(environment, uc.stage, hasActive) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { environment, name: name.trim(), ownerId, expiresInDays: numberOr(expiresInDays) };
    const ok = await form.submit(body, async (b) => onIssued(await issue.mutateAsync(b)));
    if (ok) setName('');
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="issue-title">
      <h2 id="issue-title">Issue a key</h2>
      <ErrorSummary title="Fix these before the key can be issued" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The key was not issued" />}
      <div className="form-grid issue-grid">
        <Field name="environment" label="Environment" errors={form.errors.environment}>
          {(p) => (
            <select
              {...p}
              value={environment}
              onChange={(e) => {
                setChosen(e.target.value as Environment);
                form.clear('environment');
              }}
            >
              {ENVIRONMENTS.map((env) => (
                <option key={env} value={env}>
                  {capitalise(env)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="name" label="Key name" hint="the application that will use it" errors={form.errors.name}>
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={80}
              onChange={(e) => {
                setName(e.target.value);
                form.clear('name');
              }}
            />
          )}
        </Field>
        <Field name="ownerId" label="Accountable person" errors={form.errors.ownerId ?? (people.isError ? [people.error.message] : undefined)}>
          {(p) => (
            <select
              {...p}
              value={ownerId}
              onChange={(e) => {
                setOwnerId(e.target.value);
                form.clear('ownerId');
              }}
            >
              {!people.data && <option value={me.user.id}>{me.user.name}</option>}
              {people.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="expiresInDays" label="Expires after (days)" hint="1 to 365" errors={form.errors.expiresInDays}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={expiresInDays}
              onChange={(e) => {
                setExpiresInDays(e.target.value);
                form.clear('expiresInDays');
              }}
            />
          )}
        </Field>
      </div>
      {note && <p className="notice notice-warning">{note}</p>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={issue.isPending}>
          {issue.isPending ? 'Issuing…' : 'Issue key'}
        </button>
      </div>
    </form>
  );
}
