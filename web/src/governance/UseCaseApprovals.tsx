import { useQuery } from '@tanstack/react-query';
import { capitalise } from '../portfolio/vocabulary';
import { roleLabel } from '../session/roles';
import { formatDate, formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseApprovals } from './api';
import { dueWords } from './progress';
import { APPROVAL_LABELS, REQUEST_TONES } from './vocabulary';

/** The approvals the use case's moves opened, newest first: who must grant each, who did, and what is still due. */
export function UseCaseApprovals({ useCaseId }: { useCaseId: string }) {
  const approvals = useQuery(useCaseApprovals(useCaseId));
  const now = new Date();
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approvals</h2>
      {approvals.isPending && <Loading label="Loading the approvals" />}
      {approvals.isError && <ErrorState error={approvals.error} retry={() => approvals.refetch()} />}
      {approvals.isSuccess && !approvals.data.length && (
        <Empty title="No approvals yet">
          <p>Asking for a move the pack lists opens an approval, with one request per role.</p>
        </Empty>
      )}
      {approvals.isSuccess && approvals.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Approvals of this use case">
          <table className="table approvals-table">
            <caption className="visually-hidden">Approvals of this use case, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Move</th>
                <th scope="col">Status</th>
                <th scope="col">By role</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {approvals.data.map((a) => (
                <tr key={a.id} className={a.status === 'open' ? 'approval-open' : undefined}>
                  <th scope="row">
                    {capitalise(a.from)} → {a.to}
                    {a.kind === 'catch_up' && <span className="badge badge-warning">catch-up</span>}
                    <span className="cell-note">
                      Asked by {a.requestedBy.name}, <time dateTime={a.requestedAt}>{formatDateTime(a.requestedAt)}</time>; <code>{a.policyPackVersion}</code>
                    </span>
                  </th>
                  <td>
                    {APPROVAL_LABELS[a.status]}
                    {a.closeReason && <span className="cell-note">{a.closeReason}</span>}
                  </td>
                  <td>
                    <ul className="plain-list role-requests">
                      {a.requests.map((r) => (
                        <li key={r.id}>
                          {roleLabel(r.role)}: <span className={`badge tone-${REQUEST_TONES[r.status]}`}>{capitalise(r.status)}</span>
                          {r.decidedBy && (
                            <span className="cell-note">
                              {r.decidedBy.name}
                              {r.decidedAt && (
                                <>
                                  , <time dateTime={r.decidedAt}>{formatDateTime(r.decidedAt)}</time>
                                </>
                              )}
                              {r.reason && `: “${r.reason}”`}
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <time dateTime={a.dueAt}>{formatDate(a.dueAt)}</time>
                    {a.status === 'open' && <span className={`cell-note${new Date(a.dueAt) < now ? ' overdue' : ''}`}>{dueWords(a.dueAt, now)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
