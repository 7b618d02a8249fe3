import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { numberOr } from '../forms/draft';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useGiveFeedback } from './api';
import type { ChangePlan } from './types';

const FIELDS = ['audience', 'satisfaction', 'comment'] as const;
const PREFIX = 'feedback-';

/** What a satisfaction score means, as the feedback form offers it. */
export const SATISFACTION = [
  [5, 'Very satisfied'],
  [4, 'Satisfied'],
  [3, 'Neither'],
  [2, 'Dissatisfied'],
  [1, 'Very dissatisfied'],
] as const;

/** Feedback on the change from one of the plan's audiences: how satisfied they are (1–5) and what they said. */
export function FeedbackForm({ useCaseId, plan, onGiven }: { useCaseId: string; plan: ChangePlan; onGiven: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/change-feedback');
  const give = useGiveFeedback(useCaseId);
  const form = useSubmission(FIELDS, schema.data, PREFIX);
  const [audience, setAudience] = useState(plan.audiences.length === 1 ? plan.audiences[0].group : '');
  const [satisfaction, setSatisfaction] = useState('');
  const [comment, setComment] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { audience, satisfaction: numberOr(satisfaction), comment: comment.trim() };
    const ok = await form.submit(body, (b) => give.mutateAsync(b));
    if (ok) {
      onGiven(`Recorded feedback from ${audience}: ${satisfaction} of 5.`);
      setSatisfaction('');
      setComment('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="feedback-form-title" className="feedback-form">
      <h3 id="feedback-form-title">Record feedback</h3>
      <ErrorSummary title="Fix these before the feedback can be recorded" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The feedback was not recorded" />}
      <div className="form-grid">
        <Field name={`${PREFIX}audience`} label="From audience" errors={form.errors.audience}>
          {(p) => (
            <select
              {...p}
              value={audience}
              onChange={(e) => {
                setAudience(e.target.value);
                form.clear('audience');
              }}
            >
              <option value="">Choose an audience</option>
              {plan.audiences.map((a) => (
                <option key={a.group} value={a.group}>
                  {a.group}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={`${PREFIX}satisfaction`} label="Satisfaction" errors={form.errors.satisfaction}>
          {(p) => (
            <select
              {...p}
              value={satisfaction}
              onChange={(e) => {
                setSatisfaction(e.target.value);
                form.clear('satisfaction');
              }}
            >
              <option value="">Choose a score</option>
              {SATISFACTION.map(([score, label]) => (
                <option key={score} value={score}>
                  {score} of 5: {label.toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name={`${PREFIX}comment`} label="Comment (optional)" hint="what they said, in their words" errors={form.errors.comment}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              form.clear('comment');
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={give.isPending}>
          {give.isPending ? 'Recording…' : 'Record feedback'}
        </button>
      </div>
    </form>
  );
}
