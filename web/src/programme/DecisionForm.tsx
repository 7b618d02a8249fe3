import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { allUseCases } from '../portfolio/api';
import { fundingAsks, useRecordDecision } from './api';
import { DECISION_LABEL, money, settleableAsks, settlesFunding } from './forum';
import { DECISION_KINDS, type DecisionKind } from './types';

const FIELDS = ['useCaseId', 'kind', 'summary', 'fundingAskId'] as const;

/**
 * Records a decision the forum took at this review against a use case, as minuted; fund and decline-funding settle one
 * of the use case's open funding asks. The decision is a record: moving the use case still goes through its guards.
 */
export function DecisionForm({ reviewId, onRecorded }: { reviewId: string; onRecorded: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/portfolio-reviews/{id}/decisions');
  const record = useRecordDecision(reviewId);
  const useCases = useQuery(allUseCases({}));
  const asks = useQuery(fundingAsks({ status: 'open' }));
  const form = useSubmission(FIELDS, schema.data);
  const [useCaseId, setUseCaseId] = useState('');
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [summary, setSummary] = useState('');
  const [fundingAskId, setFundingAskId] = useState('');
  const settles = settlesFunding(kind);
  const open = settleableAsks(asks.data ?? [], useCaseId);
  const sorted = [...(useCases.data ?? [])].sort((a, b) => a.title.localeCompare(b.title));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { useCaseId: useCaseId || undefined, kind: kind || undefined, summary: summary.trim(), ...(settles && fundingAskId ? { fundingAskId } : {}) };
    const ok = await form.submit(body, (b) => record.mutateAsync(b));
    if (ok) {
      const title = sorted.find((u) => u.id === useCaseId)?.title ?? 'the use case';
      onRecorded(`Recorded the forum’s decision to ${DECISION_LABEL[kind as DecisionKind].toLowerCase()} ${title}.`);
      setUseCaseId('');
      setKind('');
      setSummary('');
      setFundingAskId('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="decision-form-title" className="decision-form">
      <h3 id="decision-form-title">Record a decision</h3>
      <ErrorSummary title="Fix these before the decision can be recorded" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The decision was not recorded" />}
      <div className="form-grid">
        <Field name="useCaseId" label="Use case" errors={form.errors.useCaseId ?? (useCases.isError ? [useCases.error.message] : undefined)}>
          {(p) => (
            <select
              {...p}
              value={useCaseId}
              onChange={(e) => {
                setUseCaseId(e.target.value);
                setFundingAskId('');
                form.clear('useCaseId', 'fundingAskId');
              }}
            >
              <option value="">{useCases.isPending ? 'Loading…' : 'Choose a use case'}</option>
              {sorted.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="kind" label="Decision" errors={form.errors.kind}>
          {(p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as DecisionKind | '');
                form.clear('kind', 'fundingAskId');
              }}
            >
              <option value="">Choose a decision</option>
              {DECISION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DECISION_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {settles && (
        <Field
          name="fundingAskId"
          label="Funding ask it settles"
          hint={useCaseId && asks.isSuccess && !open.length ? 'this use case has no open funding ask' : 'an open ask of the chosen use case'}
          errors={form.errors.fundingAskId ?? (asks.isError ? [asks.error.message] : undefined)}
        >
          {(p) => (
            <select
              {...p}
              value={fundingAskId}
              onChange={(e) => {
                setFundingAskId(e.target.value);
                form.clear('fundingAskId');
              }}
            >
              <option value="">{asks.isPending ? 'Loading…' : 'Choose a funding ask'}</option>
              {open.map((a) => (
                <option key={a.id} value={a.id}>
                  {money(a.amount, a.currency)}: {a.purpose}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="summary" label="Decision as minuted" hint="the decision and its conditions" errors={form.errors.summary}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={2000}
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              form.clear('summary');
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record the decision'}
        </button>
      </div>
    </form>
  );
}
