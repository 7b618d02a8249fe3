import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { capitalise } from '../portfolio/vocabulary';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { reviewItem, reviewPages } from './api';
import { ReviewDetail } from './ReviewDetail';
import { REVIEW_KEYS, useReviewShortcuts } from './shortcuts';
import { REVIEW_STATUSES, type ReviewItem } from './types';
import { UseCaseName } from './UseCaseName';
import './reviews.css';

const route = getRouteApi('/signed-in/reviews');

/** Held and sampled answers waiting for a person, and the decisions already taken; worked through with the keyboard. */
export function ReviewQueuePage() {
  const search = route.useSearch();
  const status = search.status ?? 'pending';
  const navigate = useNavigate();
  const pages = useInfiniteQuery({ ...reviewPages(status), refetchInterval: status === 'pending' ? 15_000 : false });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const selectedId = search.item ?? items[0]?.id;
  const index = items.findIndex((i) => i.id === selectedId);
  // An item linked from elsewhere (a call's review) that this listing does not hold is read on its own.
  const single = useQuery({ ...reviewItem(selectedId ?? ''), enabled: !!selectedId && index === -1 && pages.isSuccess });
  const item = index >= 0 ? items[index] : single.data;
  const [said, setSaid] = useState('');
  const [focusDetail, setFocusDetail] = useState(false);

  const select = (id: string | undefined, focus = false) => {
    setFocusDetail(focus);
    void navigate({ to: '/reviews', search: { ...search, item: id }, replace: true });
  };
  const move = (step: 1 | -1) => {
    if (!items.length) return;
    const at = index === -1 ? 0 : Math.min(items.length - 1, Math.max(0, index + step));
    select(items[at].id);
    setSaid(`Review ${at + 1} of ${items.length}`);
    document.getElementById(`review-${items[at].id}`)?.scrollIntoView({ block: 'nearest' });
  };
  useReviewShortcuts({ next: () => move(1), previous: () => move(-1) });

  const decided = (done: ReviewItem, verb: string) => {
    if (status !== 'pending') return setSaid(`${verb}.`);
    const rest = items.filter((i) => i.id !== done.id);
    const next = items[index + 1] ?? items[index - 1];
    if (next && next.id !== done.id) {
      select(next.id, true);
      setSaid(`${verb}. Next: review ${rest.indexOf(next) + 1} of ${rest.length}.`);
    } else {
      select(undefined);
      setSaid(`${verb}. The queue is empty.`);
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>Review queue</h1>
      </div>
      <nav aria-label="Review status" className="tabs">
        {REVIEW_STATUSES.map((s) => (
          <Link key={s} to="/reviews" search={s === 'pending' ? {} : { status: s }} className={s === status ? 'tab active' : 'tab'} aria-current={s === status ? 'page' : undefined}>
            {s === 'pending' ? 'Waiting' : capitalise(s)}
          </Link>
        ))}
      </nav>
      <p className="shortcuts" id="review-shortcuts">
        Keys: <kbd>{REVIEW_KEYS.next}</kbd> next, <kbd>{REVIEW_KEYS.previous}</kbd> previous, <kbd>{REVIEW_KEYS.approve}</kbd> approve, <kbd>{REVIEW_KEYS.edit}</kbd> edit,{' '}
        <kbd>{REVIEW_KEYS.reject}</kbd> reject. While editing, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> releases the edit and <kbd>Esc</kbd> cancels. Every decision is ledgered.
      </p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {pages.isPending && <Loading label="Loading the review queue" />}
      {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
      {pages.isSuccess && (
        <div className="review-layout">
          <div className="review-list-column">
            {!items.length ? (
              <Empty title={status === 'pending' ? 'Nothing waits for review' : `No ${status} reviews`}>
                {status === 'pending' && <p>Answers the policy holds for a person appear here as they arrive.</p>}
              </Empty>
            ) : (
              <ol className="review-list" aria-label={status === 'pending' ? 'Reviews waiting, oldest first' : `${capitalise(status)} reviews`}>
                {items.map((i) => (
                  <li key={i.id} id={`review-${i.id}`} className={i.id === selectedId ? 'selected' : undefined}>
                    <Link to="/reviews" search={{ ...search, item: i.id }} replace aria-current={i.id === selectedId ? 'true' : undefined} aria-describedby="review-shortcuts">
                      <UseCaseName id={i.useCaseId} />
                    </Link>
                    <span className="cell-note">
                      {i.mode === 'hold' ? 'Held' : 'Sampled'} <time dateTime={i.createdAt}>{formatDateTime(i.createdAt)}</time>
                      {i.dataClasses.length > 0 && ` · ${i.dataClasses.join(', ')}`}
                    </span>
                    {i.reasons[0] && <span className="cell-note">{i.reasons[0]}</span>}
                  </li>
                ))}
              </ol>
            )}
            {pages.hasNextPage && (
              <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
                {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
          <div className="review-detail-column">
            {item ? (
              <ReviewDetail
                key={item.id}
                item={item}
                position={index >= 0 ? `${index + 1} of ${items.length}${pages.hasNextPage ? '+' : ''}` : capitalise(item.status)}
                takeFocus={focusDetail}
                onDecided={decided}
              />
            ) : single.isError ? (
              <ErrorState error={single.error} />
            ) : single.isFetching ? (
              <Loading label="Loading the review" />
            ) : (
              items.length > 0 && <p className="panel muted">Choose a review to see its request and answer.</p>
            )}
          </div>
        </div>
      )}
    </>
  );
}
