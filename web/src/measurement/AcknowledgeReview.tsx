import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useAcknowledgeReview } from './api';
import type { ReviewDue } from './types';

/** A metric's review, acknowledged with a comment once the owner has looked at it. */
export function AcknowledgeReview({ due, onDone }: { due: ReviewDue; onDone: (key: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/metrics/{key}/reviews');
  const ack = useAcknowledgeReview();
  const prefix = `ack-${due.metricKey}-`;
  const form = useSubmission(['comment'], schema.data, prefix);
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  // Cancelling puts focus back on the button that opened the form.
  const button = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (open || !cancelled.current) return;
    cancelled.current = false;
    button.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <button type="button" ref={button} className="button" onClick={() => setOpen(true)} aria-label={`Acknowledge the review of ${due.metricKey}`}>
        Acknowledge
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ comment: comment.trim() }, (b) => ack.mutateAsync({ metricKey: due.metricKey, comment: (b as { comment: string }).comment }));
    if (!ok) return;
    setOpen(false);
    setComment('');
    onDone(due.metricKey);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Acknowledge the review of ${due.metricKey}`} className="ack-form">
      {form.refusal && <Refusal error={form.refusal} title="The review was not acknowledged" />}
      <Field name={`${prefix}comment`} label="What you found" errors={form.errors.comment}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            autoFocus
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              form.clear('comment');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={ack.isPending}>
          {ack.isPending ? 'Saving…' : 'Acknowledge review'}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            cancelled.current = true;
            form.reset();
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
