import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useDecideAsset } from './api';
import type { Asset } from './types';

const FIELDS = ['decision', 'note'] as const;

/** A programme manager accepts a proposed asset as an approved pattern, or retires one, saying why. */
export function AssetDecisionForm({ asset, onDecided }: { asset: Asset; onDecided: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/assets/{id}/decision');
  const decide = useDecideAsset();
  const form = useSubmission(FIELDS, schema.data);
  const [note, setNote] = useState('');

  const send = (decision: 'accept' | 'retire') => async (e?: FormEvent) => {
    e?.preventDefault();
    const ok = await form.submit({ decision, note: note.trim() }, (b) => decide.mutateAsync({ target: asset, body: b }));
    if (ok) {
      setNote('');
      onDecided(decision === 'accept' ? `Accepted ${asset.name} into the library as an approved pattern.` : `Retired ${asset.name}.`);
    }
  };

  return (
    <form className="panel" onSubmit={send('accept')} noValidate aria-labelledby="asset-decision-title">
      <h2 id="asset-decision-title">{asset.status === 'proposed' ? 'Accept or retire' : 'Retire'}</h2>
      {form.refusal && <Refusal error={form.refusal} title="The decision was not recorded" stale="Someone changed this asset meanwhile; reload to see it." />}
      <Field name="note" label="Why" hint="kept with the decision and in the ledger" errors={form.errors.note ?? form.errors.decision}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              form.clear('note');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        {asset.status === 'proposed' && (
          <button type="submit" className="button button-primary" disabled={decide.isPending}>
            Accept as an approved pattern
          </button>
        )}
        <button type={asset.status === 'proposed' ? 'button' : 'submit'} className="button button-danger" disabled={decide.isPending} onClick={asset.status === 'proposed' ? () => void send('retire')() : undefined}>
          Retire
        </button>
      </div>
    </form>
  );
}
