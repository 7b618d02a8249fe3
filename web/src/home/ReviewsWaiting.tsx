import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { pendingReviews } from '../reviews/api';
import { UseCaseName } from '../reviews/UseCaseName';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { byUseCase } from './reviewGroups';

const SHOWN = 5;

/** How many held and sampled answers wait for a person, by use case, the longest waiting first. */
export function ReviewsWaiting() {
  const pending = useQuery(pendingReviews);
  if (pending.isPending) return <Loading label="Loading the review queue" />;
  if (pending.isError) return <ErrorState error={pending.error} retry={() => pending.refetch()} />;
  const items = pending.data;
  if (!items.length) return <Empty title="No answers wait for review" />;
  const held = items.filter((i) => i.mode === 'hold').length;
  const groups = byUseCase(items);
  return (
    <>
      <p className="home-count">
        <strong>{items.length}</strong> {items.length === 1 ? 'answer waits' : 'answers wait'} for review, the oldest since <time dateTime={items[0].createdAt}>{formatDateTime(items[0].createdAt)}</time>.
        {held > 0 && ` ${held === items.length ? (held === 1 ? 'Its application waits' : 'Their applications wait') : `${held} of their applications wait`} for the decision.`}
      </p>
      <ul className="attention-list">
        {groups.slice(0, SHOWN).map((g) => (
          <li key={g.useCaseId}>
            <Link to="/reviews" search={{ item: g.items[0].id }}>
              <UseCaseName id={g.useCaseId} />
            </Link>
            <p className="attention-reasons">
              {g.items.length} waiting{g.dataClasses.length > 0 && ` · data found: ${g.dataClasses.join(', ')}`}
            </p>
          </li>
        ))}
      </ul>
      <Link to="/reviews" className="button button-primary">
        Open the review queue
      </Link>
    </>
  );
}
