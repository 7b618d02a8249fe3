import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Empty, ErrorState, Loading } from '../shell/states';
import { ledgerPages } from './api';
import { describeEntry } from './describe';
import { formatDateTime } from '../shell/format';
import './trail.css';

/** What was done to one subject, newest first, each step linked to its entry in the ledger. */
export function LedgerTrail({ subjectId }: { subjectId: string }) {
  const pages = useInfiniteQuery(ledgerPages({ subjectId }, 20));
  if (pages.isPending) return <Loading label="Loading the ledger trail" />;
  if (pages.isError) return <ErrorState error={pages.error} retry={() => pages.refetch()} />;
  const entries = pages.data.pages.flatMap((p) => p.items);
  if (!entries.length) return <Empty title="Nothing recorded yet" />;

  return (
    <>
      <ol className="trail">
        {entries.map((e) => (
          <li key={e.seq} className="trail-entry">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            <span>
              <strong>{e.actor.name}</strong> {describeEntry(e)}
            </span>
            <Link to="/ledger" search={{ subjectId, seq: e.seq }} aria-label={`Ledger entry ${e.seq}: ${e.action}`}>
              #{e.seq}
            </Link>
          </li>
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" className="button button-quiet" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Show earlier entries
        </button>
      )}
    </>
  );
}
