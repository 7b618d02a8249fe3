import { useState, type FormEvent, type ReactNode } from 'react';
import { useRequestSchema } from '../forms/contract';
import { numberOr } from '../forms/draft';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import type { Environment } from '../gateway/types';
import { capitalise } from '../portfolio/vocabulary';
import { formatDateTime } from '../shell/format';
import { useActivate, useCanary, useRollback } from './api';
import type { Release, Slot } from './types';

interface SlotCardProps {
  slot: Slot;
  useCaseId: string;
  releases: Release[];
  /** The release pilot runs, offered for promotion on the production card. */
  promotable?: Release;
  describe: (r: Release) => { model: string; prompt: string };
  canManage: boolean;
}

/** What one environment runs (active, canary and its share, the rollback target) and, for builders, the moves it allows. */
export function SlotCard({ slot, useCaseId, releases, promotable, describe, canManage }: SlotCardProps) {
  const env = slot.environment;
  const byId = (id: string | null) => releases.find((r) => r.id === id);
  const active = byId(slot.activeReleaseId);
  const canary = byId(slot.canaryReleaseId);
  const previous = byId(slot.previousReleaseId);
  const [done, setDone] = useState<string>();
  const others = releases.filter((r) => r.id !== slot.activeReleaseId);
  const titleId = `slot-${env}`;
  const actions = [
    promotable && promotable.id !== slot.activeReleaseId && <Promote key="promote" env={env} useCaseId={useCaseId} release={promotable} onDone={setDone} />,
    previous && <Rollback key="rollback" env={env} useCaseId={useCaseId} previous={previous} onDone={setDone} />,
    others.length > 0 && <Activate key="activate" env={env} useCaseId={useCaseId} candidates={others} onDone={setDone} />,
    active && (canary || others.length > 0) && <Canary key="canary" env={env} useCaseId={useCaseId} slot={slot} canary={canary} candidates={others} onDone={setDone} />,
  ].filter(Boolean);

  return (
    <section className="slot" aria-labelledby={titleId}>
      <h3 id={titleId}>{capitalise(env)}</h3>
      <dl className="facts slot-facts">
        <dt>Active</dt>
        <dd>{active ? <ReleaseName release={active} describe={describe} /> : <span className="muted">Nothing: calls with a {env} key are refused</span>}</dd>
        <dt>Canary</dt>
        <dd>
          {canary ? (
            <>
              <ReleaseName release={canary} describe={describe} /> <span className="badge tone-warn">{slot.canaryWeight}% of traffic</span>
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Rollback target</dt>
        <dd>{previous ? <ReleaseName release={previous} describe={describe} /> : <span className="muted">None</span>}</dd>
        {slot.updatedAt && (
          <>
            <dt>Changed</dt>
            <dd>
              <time dateTime={slot.updatedAt}>{formatDateTime(slot.updatedAt)}</time>
            </dd>
          </>
        )}
      </dl>
      <div aria-live="polite">
        {done && (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        )}
      </div>
      {canManage && actions.length > 0 && <div className="slot-actions">{actions}</div>}
    </section>
  );
}

function ReleaseName({ release, describe }: { release: Release; describe: SlotCardProps['describe'] }) {
  const d = describe(release);
  return (
    <>
      <strong>{release.name}</strong>
      <span className="cell-note">
        {d.model} · {d.prompt}
      </span>
    </>
  );
}

/** One small form of a slot card, with its problems summarised at the top and its refusal below. */
function SlotForm({ title, form, refusal, submit, children }: { title: string; form: ReturnType<typeof useSubmission>; refusal: string; submit: (e: FormEvent) => void; children: ReactNode }) {
  return (
    <form className="slot-form" onSubmit={submit} noValidate aria-label={title}>
      <ErrorSummary title="Fix this first" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {children}
      {form.refusal && <Refusal error={form.refusal} title={refusal} />}
    </form>
  );
}

function Promote({ env, useCaseId, release, onDone }: { env: Environment; useCaseId: string; release: Release; onDone: (m: string) => void }) {
  const activate = useActivate(useCaseId);
  const form = useSubmission([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(null, () => activate.mutateAsync({ releaseId: release.id, environment: env, reason: `promoted from pilot` }));
    if (ok) onDone(`${release.name} is promoted to ${env}.`);
  };
  return (
    <SlotForm title={`Promote ${release.name} to ${env}`} form={form} refusal={`${release.name} was not promoted`} submit={submit}>
      <p className="slot-form-lead">Pilot runs {release.name}.</p>
      <button type="submit" className="button button-primary" disabled={activate.isPending}>
        {activate.isPending ? 'Promoting…' : `Promote ${release.name} to ${env}`}
      </button>
    </SlotForm>
  );
}

function Rollback({ env, useCaseId, previous, onDone }: { env: Environment; useCaseId: string; previous: Release; onDone: (m: string) => void }) {
  const rollback = useRollback(useCaseId);
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/rollback');
  const form = useSubmission(['reason'], schema.data, `${env}-rollback-`);
  const [reason, setReason] = useState('');
  const id = `${env}-rollback-reason`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ environment: env, reason: reason.trim() }, (b) => rollback.mutateAsync(b as { environment: Environment; reason: string }));
    if (ok) {
      setReason('');
      onDone(`Rolled back: ${previous.name} is active in ${env} again.`);
    }
  };
  return (
    <SlotForm title={`Roll back ${env}`} form={form} refusal="The rollback was refused" submit={submit}>
      <div className="slot-form-row">
        <Field name={id} label="Why roll back (kept in the ledger)" errors={form.errors.reason}>
          {(p) => (
            <input
              {...p}
              value={reason}
              maxLength={500}
              onChange={(e) => {
                setReason(e.target.value);
                form.clear('reason');
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button-danger" disabled={rollback.isPending}>
          {rollback.isPending ? 'Rolling back…' : `Roll back to ${previous.name}`}
        </button>
      </div>
    </SlotForm>
  );
}

function ReleaseSelect({ id, label, candidates, value, onChange }: { id: string; label: string; candidates: Release[]; value: string; onChange: (id: string) => void }) {
  return (
    <Field name={id} label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {candidates.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Activate({ env, useCaseId, candidates, onDone }: { env: Environment; useCaseId: string; candidates: Release[]; onDone: (m: string) => void }) {
  const activate = useActivate(useCaseId);
  const schema = useRequestSchema('POST', '/api/v1/releases/{id}/activate');
  const form = useSubmission(['reason'], schema.data, `${env}-activate-`);
  const [releaseId, setReleaseId] = useState(candidates[0].id);
  const [reason, setReason] = useState('');
  const chosen = candidates.find((r) => r.id === releaseId) ?? candidates[0];
  const reasonId = `${env}-activate-reason`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { environment: env, reason: reason.trim() || undefined };
    const ok = await form.submit(body, () => activate.mutateAsync({ releaseId: chosen.id, ...body }));
    if (ok) {
      setReason('');
      onDone(`${chosen.name} is active in ${env}.`);
    }
  };
  return (
    <SlotForm title={`Activate a release in ${env}`} form={form} refusal={`${chosen.name} was not activated in ${env}`} submit={submit}>
      <div className="slot-form-row">
        <ReleaseSelect id={`${env}-activate-release`} label="Release" candidates={candidates} value={chosen.id} onChange={setReleaseId} />
        <Field name={reasonId} label="Reason (optional, kept in the ledger)" errors={form.errors.reason}>
          {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={activate.isPending}>
          {activate.isPending ? 'Activating…' : `Activate in ${env}`}
        </button>
      </div>
    </SlotForm>
  );
}

function Canary({ env, useCaseId, slot, canary, candidates, onDone }: { env: Environment; useCaseId: string; slot: Slot; canary?: Release; candidates: Release[]; onDone: (m: string) => void }) {
  const split = useCanary(useCaseId);
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/canary');
  const form = useSubmission(['weight', 'releaseId'], schema.data, `${env}-canary-`);
  const [releaseId, setReleaseId] = useState(canary?.id ?? candidates[0]?.id ?? '');
  const [weight, setWeight] = useState(String(canary ? slot.canaryWeight : 10));
  const chosen = canary ?? candidates.find((r) => r.id === releaseId) ?? candidates[0];
  const weightId = `${env}-canary-weight`;
  const send = async (release: Release | null, share: unknown) => {
    const body = { environment: env, releaseId: release?.id ?? null, weight: share };
    const ok = await form.submit(body, (b) => split.mutateAsync(b as typeof body));
    if (ok) onDone(release ? `${release.name} takes ${share}% of ${env} traffic.` : `The canary ended: the active release takes all ${env} traffic.`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(chosen, numberOr(weight));
  };
  return (
    <SlotForm title={`Canary in ${env}`} form={form} refusal={`The canary in ${env} was refused`} submit={submit}>
      <div className="slot-form-row">
        {!canary && <ReleaseSelect id={`${env}-canary-release`} label="Canary release" candidates={candidates} value={chosen.id} onChange={setReleaseId} />}
        <Field name={weightId} label={canary ? `Share of traffic for ${canary.name} (0 to 100 %)` : 'Share of traffic (0 to 100 %)'} errors={form.errors.weight}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={weight}
              onChange={(e) => {
                setWeight(e.target.value);
                form.clear('weight');
              }}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={split.isPending}>
          {canary ? 'Change the share' : 'Start the canary'}
        </button>
        {canary && (
          <button type="button" className="button button-quiet" disabled={split.isPending} onClick={() => void send(null, 0)}>
            End the canary
          </button>
        )}
      </div>
    </SlotForm>
  );
}
