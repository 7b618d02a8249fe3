import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { numberOr } from '../forms/draft';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useRequestException } from './api';
import type { ControlItem } from './types';

/** Asks to waive one required control for some days, with a rationale; someone else holding the pack's approver role decides. */
export function ExceptionRequestForm({ useCaseId, control, onDone }: { useCaseId: string; control: ControlItem; onDone: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/exceptions');
  const request = useRequestException(useCaseId);
  const form = useSubmission(['days', 'rationale', 'control'], schema.data, `${control.control}-exception-`);
  const [days, setDays] = useState('30');
  const [rationale, setRationale] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const key = control.control.replace(/\W+/g, '-');

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const body = { control: control.control, days: numberOr(days), rationale: rationale.trim() };
    const ok = await form.submit(body, (b) => request.mutateAsync(b as typeof body));
    if (ok) onDone(`Asked to waive ${control.control} for ${body.days} days; a risk reviewer decides.`);
  };

  return (
    <form className="implement-form" onSubmit={send} noValidate aria-label={`Ask for an exception to ${control.control}`}>
      {form.refusal && <Refusal error={form.refusal} title="The exception was not requested" />}
      {form.errors.control && <p className="form-error">{form.errors.control.join('; ')}</p>}
      <div className="form-row">
        <Field name={`exception-days-${key}`} label="Days" hint="At most what the pack allows; counted from the approval" errors={form.errors.days}>
          {(p) => (
            <input
              {...p}
              ref={first}
              inputMode="numeric"
              value={days}
              onChange={(e) => {
                setDays(e.target.value);
                form.clear('days');
              }}
            />
          )}
        </Field>
        <Field name={`exception-rationale-${key}`} label="Rationale" hint="Why the control cannot be met yet, and what covers the risk meanwhile (at least 10 characters)" errors={form.errors.rationale}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={rationale}
              onChange={(e) => {
                setRationale(e.target.value);
                form.clear('rationale');
              }}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={request.isPending}>
          {request.isPending ? 'Asking…' : `Ask to waive ${control.control}`}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
