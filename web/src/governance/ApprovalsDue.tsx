import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { UseCaseName } from '../reviews/UseCaseName';
import { roleLabel } from '../session/roles';
import { useCan, useMe } from '../session/session';
import { Empty, ErrorState, Loading } from '../shell/states';
import { exceptions, pendingApprovalRequests } from './api';
import { decidableRequests, dueWords } from './progress';

const SHOWN = 5;

/** Home: the approval requests waiting for the person's roles, overdue first, and the exceptions they may decide. */
export function ApprovalsDue() {
  const me = useMe();
  const canDecideExceptions = useCan('exception:approve');
  const pending = useQuery(pendingApprovalRequests);
  const asked = useQuery({ ...exceptions('requested'), enabled: canDecideExceptions });
  if (pending.isPending) return <Loading label="Loading the approval requests" />;
  if (pending.isError) return <ErrorState error={pending.error} retry={() => pending.refetch()} />;
  const mine = decidableRequests(pending.data, me.roles);
  const waivers = asked.data?.length ?? 0;
  const overdue = mine.filter((r) => r.overdue).length;
  const now = new Date();
  return (
    <>
      {mine.length === 0 ? (
        <Empty title="No approval waits for you" />
      ) : (
        <>
          <p className="home-count">
            <strong>{mine.length}</strong> {mine.length === 1 ? 'approval waits' : 'approvals wait'} for you{overdue > 0 && `, ${overdue} overdue`}.
          </p>
          <ul className="attention-list">
            {mine.slice(0, SHOWN).map((r) => (
              <li key={r.id}>
                <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId: r.useCaseId }}>
                  <UseCaseName id={r.useCaseId} />
                </Link>
                <p className="attention-reasons">
                  {r.from} → {r.to} as {roleLabel(r.role).toLowerCase()}, {dueWords(r.dueAt, now)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {asked.isError && <ErrorState error={asked.error} retry={() => asked.refetch()} />}
      {waivers > 0 && (
        <p className="home-count">
          <strong>{waivers}</strong> {waivers === 1 ? 'exception waits' : 'exceptions wait'} for a decision.
        </p>
      )}
      {(mine.length > 0 || waivers > 0) && (
        <Link to="/governance" className="button button-primary">
          Open the approvals inbox
        </Link>
      )}
    </>
  );
}
