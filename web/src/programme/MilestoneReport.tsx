import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useReportMilestone } from './api';
import { MILESTONE_STATUS } from './plan';
import { MILESTONE_STATUSES, type Milestone, type MilestoneStatus } from './types';

const FIELDS = ['status', 'note'] as const;

/** The owner's report on a milestone no rule decides: where it stands, and a note the plan shows with it. */
export function MilestoneReport({ milestone, onReported }: { milestone: Milestone; onReported: (said: string) => void }) {
  const schema = useRequestSchema('PATCH', '/api/v1/programme/milestones/{id}');
  const report = useReportMilestone();
  const form = useSubmission(FIELDS, schema.data, `${milestone.id}-`);
  const [status, setStatus] = useState<MilestoneStatus>(milestone.status);
  const [note, setNote] = useState(milestone.note);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { status, note: note.trim() };
    const ok = await form.submit(body, (b) => report.mutateAsync({ milestone, body: b }));
    if (ok) onReported(`Reported “${milestone.title}” as ${MILESTONE_STATUS[status].label.toLowerCase()}.`);
  };

  return (
    <details className="milestone-report">
      <summary>Report</summary>
      <form onSubmit={submit} noValidate aria-label={`Report on ${milestone.title}`}>
        {form.refusal && <Refusal error={form.refusal} title="The report was not saved" stale="Someone changed this milestone meanwhile; reload to see it." />}
        <Field name={`${milestone.id}-status`} label="Status" errors={form.errors.status}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as MilestoneStatus)}>
              {MILESTONE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {MILESTONE_STATUS[s].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={`${milestone.id}-note`} label="Note" hint="what was done, or what is in the way" errors={form.errors.note}>
          {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={report.isPending}>
          {report.isPending ? 'Saving…' : 'Save report'}
        </button>
      </form>
    </details>
  );
}
