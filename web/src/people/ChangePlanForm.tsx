import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiProblem } from '../api/problem';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { members } from '../portfolio/api';
import { useMe } from '../session/session';
import { changePlan, useSaveChangePlan } from './api';
import { newPlanDraft, planBody, planFields, planToDraft, type PlanDraft } from './planDraft';
import { AudienceRows, CommunicationRows, MetricRows, SupportRows } from './PlanRows';
import type { ChangePlan } from './types';

/**
 * Records a use case's change plan, or edits the one recorded: what changes, for whom, the support, what defines
 * success, how feedback is handled and when people are told. A replacement names the version it started from, so a plan
 * someone changed meanwhile is refused rather than overwritten.
 */
export function ChangePlanForm({ useCaseId, plan, onSaved, onCancel }: { useCaseId: string; plan: ChangePlan | null; onSaved: (said: string) => void; onCancel: () => void }) {
  const me = useMe();
  const people = useQuery(members);
  const latest = useQuery(changePlan(useCaseId));
  const schema = useRequestSchema('PUT', '/api/v1/use-cases/{id}/change-plan');
  const save = useSaveChangePlan(useCaseId);
  const [draft, setDraft] = useState<PlanDraft>(() => (plan ? planToDraft(plan) : newPlanDraft(me.user.id)));
  const [version, setVersion] = useState(plan?.version);
  const fields = planFields(draft);
  const form = useSubmission(fields, schema.data);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const change = (next: PlanDraft, ...settled: string[]) => {
    setDraft(next);
    // `audiences.*` settles a list and all its rows: removing a row renumbers the rest.
    form.clear(...fields.filter((f) => settled.some((s) => (s.endsWith('.*') ? f === s.slice(0, -2) || f.startsWith(s.slice(0, -1)) : f === s))));
  };
  const set = (patch: Partial<PlanDraft>, field: string) => change({ ...draft, ...patch }, field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(planBody(draft), (body) => save.mutateAsync({ body, version }));
    if (ok) onSaved(plan ? 'Saved the change plan.' : 'Recorded the change plan.');
  };

  /** After a 412: start again from the plan as it now stands. */
  const startAgain = async () => {
    const fresh = (await latest.refetch()).data;
    setDraft(fresh ? planToDraft(fresh) : newPlanDraft(me.user.id));
    setVersion(fresh?.version);
    form.reset();
  };
  const stale = form.refusal instanceof ApiProblem && form.refusal.status === 412;
  const owners = people.data ?? [];
  const ownerKnown = owners.some((m) => m.id === draft.ownerId);

  return (
    <form className="panel plan-form" onSubmit={submit} noValidate aria-labelledby="plan-form-title">
      <h2 id="plan-form-title" tabIndex={-1} ref={heading}>
        {plan ? 'Edit the change plan' : 'Record the change plan'}
      </h2>
      <ErrorSummary title="Fix these before the plan can be saved" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The change plan was not saved" stale="Someone changed this change plan since you opened it, so your edits were not saved. Start again from their version to keep both." />}
      {stale && (
        <p>
          <button type="button" className="button" onClick={() => void startAgain()} disabled={latest.isFetching}>
            Start again from the latest plan
          </button>
        </p>
      )}
      <div className="form-grid">
        <Field name="ownerId" label="Accountable for the change" errors={form.errors.ownerId ?? (people.isError ? [people.error.message] : undefined)}>
          {(p) => (
            <select {...p} value={draft.ownerId} onChange={(e) => set({ ownerId: e.target.value }, 'ownerId')}>
              {!ownerKnown && <option value={draft.ownerId}>{plan && plan.owner.id === draft.ownerId ? plan.owner.name : people.isPending ? 'Loading…' : me.user.name}</option>}
              {owners.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.teamName ? ` (${m.teamName})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="workflowChange" label="What changes in the work" hint="step by step, and what stays a human decision" errors={form.errors.workflowChange}>
        {(p) => <textarea {...p} rows={4} maxLength={4000} value={draft.workflowChange} onChange={(e) => set({ workflowChange: e.target.value }, 'workflowChange')} />}
      </Field>
      <AudienceRows draft={draft} change={change} errors={form.errors} />
      <SupportRows draft={draft} change={change} errors={form.errors} />
      <MetricRows draft={draft} change={change} errors={form.errors} />
      <Field name="feedbackHandling" label="How feedback is handled" hint="how it is collected, who answers it and how fast" errors={form.errors.feedbackHandling}>
        {(p) => <textarea {...p} rows={3} maxLength={2000} value={draft.feedbackHandling} onChange={(e) => set({ feedbackHandling: e.target.value }, 'feedbackHandling')} />}
      </Field>
      <CommunicationRows draft={draft} change={change} errors={form.errors} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : plan ? 'Save the plan' : 'Record the plan'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
