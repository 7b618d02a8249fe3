import { useState } from 'react';
import { ApiProblem } from '../api/problem';
import { useCan } from '../session/session';
import { useTransition } from './api';
import { StageBadge } from './badges';
import type { UseCaseDetail } from './types';
import { capitalise, type Stage } from './vocabulary';

const LIFECYCLE: Stage[] = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'];
const verb = (to: Stage) => (to === 'rejected' ? 'Reject' : to === 'retired' ? 'Retire' : to === 'suspended' ? 'Suspend' : `Move to ${to}`);

/** Where the use case stands in its lifecycle, and the moves its stage allows, with the guards' answers when one is refused. */
export function StageControl({ useCase: uc }: { useCase: UseCaseDetail }) {
  const canMove = useCan('usecase:transition');
  const transition = useTransition(uc);
  const [reason, setReason] = useState('');
  const here = LIFECYCLE.indexOf(uc.stage);

  const move = (to: Stage) => transition.mutate({ to, reason: reason.trim() || undefined }, { onSuccess: () => setReason('') });

  return (
    <section className="panel" aria-labelledby="stage-title">
      <h2 id="stage-title">Stage</h2>
      <ol className="lifecycle" aria-label="Lifecycle">
        {LIFECYCLE.map((stage, i) => (
          <li key={stage} className={i < here ? 'done' : i === here ? 'current' : undefined} aria-current={i === here ? 'step' : undefined}>
            {capitalise(stage)}
          </li>
        ))}
      </ol>
      <p>
        Now in <StageBadge stage={uc.stage} />
        {uc.suspendedFrom && <span> (suspended from {uc.suspendedFrom})</span>}
      </p>
      {!canMove ? (
        <p className="muted">Your roles do not move use cases between stages.</p>
      ) : uc.allowedTransitions.length === 0 ? (
        <p className="muted">This is a final stage: there is no move from {uc.stage}.</p>
      ) : (
        <div className="stage-moves">
          <label className="field">
            <span className="field-label">Reason (optional, kept in the ledger)</span>
            <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="button-row">
            {uc.allowedTransitions.map((to) => (
              <button
                key={to}
                type="button"
                className={`button ${to === 'rejected' || to === 'suspended' || to === 'retired' ? 'button-danger' : 'button-primary'}`}
                disabled={transition.isPending}
                onClick={() => move(to)}
              >
                {verb(to)}
              </button>
            ))}
          </div>
        </div>
      )}
      {transition.isError && <TransitionRefusal error={transition.error} />}
      {transition.isSuccess && (
        <p className="notice notice-success" role="status">
          Moved to {transition.data.stage}.
        </p>
      )}
    </section>
  );
}

function TransitionRefusal({ error }: { error: Error }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  if (problem?.status === 409 && problem.guardProblems.length) {
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">The move was refused</p>
        <ul>
          {problem.guardProblems.map((p) => (
            <li key={`${p.guard}:${p.code}`}>
              <strong>{capitalise(p.guard)}:</strong> {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (problem?.status === 412) {
    return (
      <p className="notice notice-error" role="alert">
        Someone changed this use case while you were reading it; it has been reloaded. Check it and try again.
      </p>
    );
  }
  return (
    <p className="notice notice-error" role="alert">
      {error.message}
    </p>
  );
}
