import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { capitalise, TIERS, type Tier } from '../portfolio/vocabulary';
import { useTierOverride } from './api';

const FIELDS = ['tier', 'justification'] as const;

/** A risk reviewer sets another tier than the screening gave, with a justification kept in the ledger. */
export function TierOverrideForm({ useCaseId, tier }: { useCaseId: string; tier: Tier }) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/tier-override');
  const override = useTierOverride(useCaseId);
  const form = useSubmission(FIELDS, schema.data);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<Tier | ''>('');
  const [justification, setJustification] = useState('');
  const [done, setDone] = useState<string>();

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const body = { tier: to || undefined, justification: justification.trim() };
    const ok = await form.submit(body, (b) => override.mutateAsync(b as { tier: Tier; justification: string }));
    if (ok) {
      setDone(`The tier is now ${to}. The use case takes the ${to} pack; approvals not yet used are void.`);
      setOpen(false);
      setTo('');
      setJustification('');
    }
  };

  if (!open) {
    return (
      <div className="override">
        <div aria-live="polite">
          {done && (
            <p className="notice notice-success" role="status">
              {done}
            </p>
          )}
        </div>
        <button type="button" className="button" onClick={() => (setOpen(true), setDone(undefined))}>
          Override the tier
        </button>
      </div>
    );
  }
  return (
    <form className="override form-section" onSubmit={send} noValidate aria-labelledby="override-title">
      <h3 id="override-title">Override the tier</h3>
      <p className="field-hint">
        A higher tier suspends a live use case and owes the new pack's approvals, including catch-up approvals for stages already passed. Now {tier}.
      </p>
      <ErrorSummary title="The override needs correcting" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The tier was not overridden" />}
      <Field name="tier" label="New tier" errors={form.errors.tier}>
        {(p) => (
          <select
            {...p}
            value={to}
            onChange={(e) => {
              setTo(e.target.value as Tier);
              form.clear('tier');
            }}
          >
            <option value="">Choose a tier</option>
            {TIERS.filter((t) => t !== tier).map((t) => (
              <option key={t} value={t}>
                {capitalise(t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="justification" label="Justification" hint="At least 10 characters; kept in the ledger with the override" errors={form.errors.justification}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={2000}
            value={justification}
            onChange={(e) => {
              setJustification(e.target.value);
              form.clear('justification');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={override.isPending}>
          {override.isPending ? 'Overriding…' : 'Override the tier'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => (setOpen(false), form.reset())}>
          Cancel
        </button>
      </div>
    </form>
  );
}
