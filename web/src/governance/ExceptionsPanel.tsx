import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { UseCaseName } from '../reviews/UseCaseName';
import { useCan } from '../session/session';
import { Empty, ErrorState, Loading } from '../shell/states';
import { exceptions as exceptionsQuery, useDecideException } from './api';
import { ExceptionCells } from './ExceptionCells';
import { EXCEPTION_STATES, type ControlException, type ExceptionState } from './types';

const STATE_LABELS: Record<ExceptionState, string> = {
  requested: 'Waiting for a decision',
  active: 'In force',
  expiring: 'Ending within 14 days',
  expired: 'Expired',
  rejected: 'Rejected',
};

/** Waivers of required controls, by expiry: those waiting for a decision first, decided here by the pack's approvers. */
export function ExceptionsPanel({ state }: { state: ExceptionState }) {
  const list = useQuery(exceptionsQuery(state));
  const canDecide = useCan('exception:approve');
  const [deciding, setDeciding] = useState<string>();
  const [said, setSaid] = useState('');
  const now = new Date();

  return (
    <section className="panel" aria-labelledby="exceptions-title">
      <h2 id="exceptions-title">Exceptions</h2>
      <nav aria-label="Exceptions by state" className="tabs">
        {EXCEPTION_STATES.map((s) => (
          <Link key={s} to="/governance" search={s === 'requested' ? {} : { exceptions: s }} className={s === state ? 'tab active' : 'tab'} aria-current={s === state ? 'page' : undefined}>
            {STATE_LABELS[s]}
          </Link>
        ))}
      </nav>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {list.isPending && <Loading label="Loading the exceptions" />}
      {list.isError && <ErrorState error={list.error} retry={() => list.refetch()} />}
      {list.isSuccess && !list.data.length && (
        <Empty title={state === 'requested' ? 'No exception waits for a decision' : `No exceptions ${STATE_LABELS[state].toLowerCase()}`}>
          <p>A builder or owner asks to waive one required control for a number of days, up to what the pack allows.</p>
        </Empty>
      )}
      {list.isSuccess && list.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Exceptions: ${STATE_LABELS[state]}`}>
          <table className="table exceptions-table">
            <caption className="visually-hidden">Exceptions {STATE_LABELS[state].toLowerCase()}, by expiry</caption>
            <thead>
              <tr>
                <th scope="col">Use case and control</th>
                <th scope="col">Rationale</th>
                <th scope="col">Standing</th>
                <th scope="col">Expires</th>
                {canDecide && state === 'requested' && <th scope="col">Decision</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.map((e) => {
                return (
                  <Fragment key={e.id}>
                    <tr>
                      <th scope="row">
                        <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId: e.useCaseId }}>
                          <UseCaseName id={e.useCaseId} />
                        </Link>
                        <span className="cell-note">
                          <code>{e.control}</code> for {e.days} days
                        </span>
                      </th>
                      <ExceptionCells exception={e} now={now} />
                      {canDecide && state === 'requested' && (
                        <td>
                          {deciding !== e.id && (
                            <button type="button" className="button" onClick={() => setDeciding(e.id)}>
                              Decide<span className="visually-hidden"> the exception for {e.control}</span>
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                    {deciding === e.id && (
                      <tr>
                        <td colSpan={5}>
                          <ExceptionDecision
                            exception={e}
                            onDone={(message) => {
                              setDeciding(undefined);
                              setSaid(message);
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ExceptionDecision({ exception: e, onDone }: { exception: ControlException; onDone: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/exceptions/{id}/decision');
  const decide = useDecideException();
  const form = useSubmission(['reason'], schema.data, `${e.id}-`);
  const [reason, setReason] = useState('');
  const send = async (decision: 'approve' | 'reject') => {
    const body = { decision, reason: reason.trim() || undefined };
    const ok = await form.submit(body, () => decide.mutateAsync({ id: e.id, ...body }));
    if (ok) onDone(decision === 'approve' ? `Approved: ${e.control} is waived for ${e.days} days from now.` : `Rejected the exception for ${e.control}.`);
  };
  return (
    <form className="decision-form" onSubmit={(ev) => (ev.preventDefault(), void send('approve'))} noValidate aria-label={`Decide the exception for ${e.control}`}>
      {form.refusal && <Refusal error={form.refusal} title="The decision was not recorded" />}
      <Field name={`${e.id}-reason`} label="Reason" hint="Needed to reject; kept in the ledger" errors={form.errors.reason}>
        {(p) => (
          <input
            {...p}
            autoFocus
            value={reason}
            maxLength={2000}
            onChange={(ev) => {
              setReason(ev.target.value);
              form.clear('reason');
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={decide.isPending}>
          Approve the exception
        </button>
        <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => void send('reject')}>
          Reject the exception
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
