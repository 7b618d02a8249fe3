import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { labsAwaitingSignOff, skillItems } from './api';
import { UseCaseTitle } from './UseCaseTitle';

/** Applied labs waiting for a reviewer, oldest first; each opens on its learner's page, where it is signed off. */
export function SignOffQueue() {
  const queue = useQuery(labsAwaitingSignOff);
  const items = useQuery(skillItems);
  const titleOf = (slug: string) => items.data?.find((i) => i.slug === slug)?.title ?? slug;
  return (
    <section className="panel" aria-labelledby="queue-title">
      <h2 id="queue-title">Labs awaiting sign-off</h2>
      {queue.isPending && <Loading label="Loading the labs awaiting sign-off" />}
      {queue.isError && <ErrorState error={queue.error} retry={() => queue.refetch()} />}
      {queue.data && !queue.data.items.length && <Empty title="No lab waits for a reviewer" />}
      {queue.data && queue.data.items.length > 0 && (
        <ul className="decision-list sign-off-queue">
          {queue.data.items.map((a) => (
            <li key={a.id}>
              <Link to="/people/$personId" params={{ personId: a.personId }}>
                {a.personName}
              </Link>
              : {titleOf(a.labSlug)} on <UseCaseTitle id={a.useCaseId} />
              <span className="cell-note">
                submitted <time dateTime={a.submittedAt}>{formatDate(a.submittedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {queue.data?.nextCursor && <p className="muted">The 50 oldest are shown.</p>}
    </section>
  );
}
