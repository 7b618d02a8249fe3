import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useRaiseFundingAsk } from './api';
import { amountOf, money } from './forum';

const FIELDS = ['amount', 'currency', 'purpose'] as const;

/** Asks the portfolio forum for funding for a use case: how much, in which currency, and what it buys. */
export function FundingAskForm({ useCaseId, onRaised }: { useCaseId: string; onRaised: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/funding-asks');
  const raise = useRaiseFundingAsk(useCaseId);
  const form = useSubmission(FIELDS, schema.data, 'ask-');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [purpose, setPurpose] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { amount: amountOf(amount), currency: currency.trim().toUpperCase(), purpose: purpose.trim() };
    const ok = await form.submit(body, (b) => raise.mutateAsync(b));
    if (ok) {
      onRaised(`Asked the forum for ${money(body.amount as number, body.currency)}.`);
      setAmount('');
      setPurpose('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="funding-form-title" className="forum-form">
      <h3 id="funding-form-title">Raise a funding ask</h3>
      <ErrorSummary title="Fix these before the ask can be raised" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The funding ask was not raised" />}
      <div className="form-grid">
        <Field name="ask-amount" label="Amount" errors={form.errors.amount}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                form.clear('amount');
              }}
            />
          )}
        </Field>
        <Field name="ask-currency" label="Currency" hint="an ISO 4217 code such as EUR" errors={form.errors.currency}>
          {(p) => (
            <input
              {...p}
              maxLength={3}
              autoComplete="off"
              value={currency}
              onChange={(e) => {
                setCurrency(e.target.value);
                form.clear('currency');
              }}
            />
          )}
        </Field>
      </div>
      <Field name="ask-purpose" label="Purpose" hint="what the money buys and what it moves" errors={form.errors.purpose}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={1000}
            value={purpose}
            onChange={(e) => {
              setPurpose(e.target.value);
              form.clear('purpose');
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={raise.isPending}>
          {raise.isPending ? 'Raising…' : 'Raise the ask'}
        </button>
      </div>
    </form>
  );
}
