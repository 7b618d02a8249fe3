import { useEffect, useRef, useState, type FormEvent } from 'react';
import { numberOr } from '../forms/draft';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useRevokeKey, useRotateKey } from './api';
import type { GatewayKey, IssuedKey } from './types';

type Mode = 'idle' | 'rotate' | 'revoke';

/** Rotate (a successor now, the old key for a grace period) or revoke (refused everywhere within seconds), each confirmed first. */
export function KeyActions({ gatewayKey: k, onRotated, onRevoked }: { gatewayKey: GatewayKey; onRotated: (key: IssuedKey) => void; onRevoked: () => void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [graceHours, setGraceHours] = useState('24');
  const rotate = useRotateKey(k.useCaseId);
  const revoke = useRevokeKey(k.useCaseId);
  const form = useSubmission(['graceHours']);
  // Cancelling puts focus back on the button that opened the confirmation.
  const cancelled = useRef<Mode>('idle');
  const rotateButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode !== 'idle' || cancelled.current === 'idle') return;
    (cancelled.current === 'rotate' ? rotateButton : revokeButton).current?.focus();
    cancelled.current = 'idle';
  }, [mode]);
  const cancel = () => {
    cancelled.current = mode;
    form.reset();
    revoke.reset();
    setMode('idle');
  };

  const sendRotation = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ graceHours: numberOr(graceHours) }, async () => onRotated(await rotate.mutateAsync({ keyId: k.id, graceHours: numberOr(graceHours) })));
    if (ok) setMode('idle');
  };

  if (mode === 'rotate') {
    return (
      <form className="key-action" onSubmit={sendRotation} noValidate aria-label={`Rotate ${k.name}`}>
        <Field name={`graceHours-${k.id}`} label="Old key works for (hours)" hint="0 to 168" errors={form.errors.graceHours}>
          {(p) => <input {...p} inputMode="numeric" autoFocus value={graceHours} onChange={(e) => setGraceHours(e.target.value)} />}
        </Field>
        {form.refusal && <Refusal error={form.refusal} title={`${k.name} was not rotated`} />}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={rotate.isPending}>
            {rotate.isPending ? 'Rotating…' : 'Rotate now'}
          </button>
          <button type="button" className="button button-quiet" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  if (mode === 'revoke') {
    return (
      <div className="key-action" role="group" aria-label={`Revoke ${k.name}`}>
        <p>Applications using {k.name} are refused within seconds. This cannot be undone.</p>
        {revoke.isError && <Refusal error={revoke.error} title={`${k.name} was not revoked`} />}
        <div className="button-row">
          <button type="button" className="button button-danger" autoFocus disabled={revoke.isPending} onClick={() => revoke.mutate(k.id, { onSuccess: onRevoked })}>
            {revoke.isPending ? 'Revoking…' : `Revoke ${k.name} for good`}
          </button>
          <button type="button" className="button button-quiet" onClick={cancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="button-row">
      <button type="button" ref={rotateButton} className="button" aria-label={`Rotate ${k.name}`} onClick={() => setMode('rotate')}>
        Rotate
      </button>
      <button type="button" ref={revokeButton} className="button button-danger" aria-label={`Revoke ${k.name}`} onClick={() => setMode('revoke')}>
        Revoke
      </button>
    </div>
  );
}
