import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { UseCaseName } from '../reviews/UseCaseName';
import { roleLabel } from '../session/roles';
import { useMe } from '../session/session';
import { formatDate, formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { pendingApprovalRequests, useDecideApproval } from './api';
import { decidableRequests, dueWords } from './progress';
import type { ApprovalRequest } from './types';

/** The approval requests the signed-in person may decide, overdue first; each granted or rejected here. */
export function ApprovalInbox() {
  const me = useMe();
  const pending = useQuery(pendingApprovalRequests);
  const [said, setSaid] = useState('');
  const mine = pending.data ? decidableRequests(pending.data, me.roles) : [];
  const others = (pending.data?.length ?? 0) - mine.length;
  const overdue = mine.filter((r) => r.overdue).length;
  const now = new Date();

  return (
    <section className="panel" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Approvals waiting for you</h2>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {pending.isPending && <Loading label="Loading the approval requests" />}
      {pending.isError && <ErrorState error={pending.error} retry={() => pending.refetch()} />}
      {pending.isSuccess && (
        <>
          <p className="inbox-count">
            {mine.length === 0 ? 'No request waits for your roles' : <><strong>{mine.length}</strong> {mine.length === 1 ? 'request waits' : 'requests wait'} for {me.roles.map(roleLabel).join(' or ').toLowerCase()} decisions</>}
            {overdue > 0 && <>, <strong className="overdue">{overdue} overdue</strong></>}.
            {others > 0 && ` ${others} more ${others === 1 ? 'waits' : 'wait'} for other roles.`}
          </p>
          {mine.length === 0 ? (
            <Empty title="Your inbox is clear">
              <p>A move the governing pack lists opens a request for each role it names; yours appear here, due dates first.</p>
            </Empty>
          ) : (
            <ol className="inbox" aria-label="Approval requests, overdue first">
              {mine.map((r) => (
                <li key={r.id} className={r.overdue ? 'inbox-item overdue-item' : 'inbox-item'}>
                  <InboxItem request={r} now={now} mine={r.requestedBy.id === me.user.id} onDecided={setSaid} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function InboxItem({ request: r, now, mine, onDecided }: { request: ApprovalRequest; now: Date; mine: boolean; onDecided: (said: string) => void }) {
  const headingId = `request-${r.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId: r.useCaseId }}>
          <UseCaseName id={r.useCaseId} />
        </Link>
        : {r.from} → {r.to}
      </h3>
      <p className="inbox-facts">
        {r.overdue && <span className="badge tone-bad">Overdue</span>} <span className="badge badge-muted">as {roleLabel(r.role).toLowerCase()}</span>
        {r.kind === 'catch_up' && <span className="badge badge-warning">catch-up: owed for a stage already passed</span>} Asked by {r.requestedBy.name},{' '}
        <time dateTime={r.requestedAt}>{formatDateTime(r.requestedAt)}</time>; due <time dateTime={r.dueAt}>{formatDate(r.dueAt)}</time> ({dueWords(r.dueAt, now)}).
      </p>
      {mine && <p className="notice notice-warning">You asked for this move: another person holding the role decides it.</p>}
      <DecisionForm request={r} onDecided={onDecided} />
    </article>
  );
}

/** Grant, or reject with a reason; the API's refusal (separation of duties, a missing skill path) shows in its words. */
export function DecisionForm({ request: r, onDecided }: { request: ApprovalRequest; onDecided: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/approval-requests/{id}/decision');
  const decide = useDecideApproval();
  const form = useSubmission(['reason'], schema.data, `${r.id}-`);
  const [reason, setReason] = useState('');

  const send = async (decision: 'grant' | 'reject') => {
    const body = { decision, reason: reason.trim() || undefined };
    await form.submit(body, async () => {
      const decided = await decide.mutateAsync({ id: r.id, ...body });
      const verb = decision === 'grant' ? 'Granted' : 'Rejected';
      const next =
        decided.approvalStatus === 'granted'
          ? `Every role has granted: ${decided.requestedBy.name} can now retry the move.`
          : decision === 'reject'
            ? 'The approval is closed; asking again opens a new one.'
            : 'Other roles still have to decide.';
      onDecided(`${verb} ${r.from} → ${r.to} as ${roleLabel(r.role).toLowerCase()}. ${next}`);
    });
  };

  return (
    <form className="decision-form" onSubmit={(e) => (e.preventDefault(), void send('grant'))} noValidate aria-label={`Decide ${r.from} → ${r.to}`}>
      {form.refusal && <Refusal error={form.refusal} title="The decision was not recorded" />}
      <Field name={`${r.id}-reason`} label="Reason" hint="Needed to reject; kept in the ledger with the decision" errors={form.errors.reason}>
        {(p) => (
          <input
            {...p}
            value={reason}
            maxLength={2000}
            onChange={(e) => {
              setReason(e.target.value);
              form.clear('reason');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={decide.isPending}>
          Grant
        </button>
        <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => void send('reject')}>
          Reject
        </button>
        {decide.isPending && <span className="muted">Sending…</span>}
      </div>
    </form>
  );
}
