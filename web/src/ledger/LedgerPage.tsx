import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Empty, ErrorState, Loading } from '../shell/states';
import { ledgerPages } from './api';
import { ChainVerification } from './ChainVerification';
import { describeEntry } from './describe';
import { LedgerEntryDetail } from './LedgerEntryDetail';
import { LedgerFilters } from './LedgerFilters';
import { toLedgerFilter } from './routes';
import './ledger.css';
import { formatDateTime } from '../shell/format';

const route = getRouteApi('/signed-in/ledger');

/** The tenant's audit ledger: who did what, when, to which subject; searchable, with each entry's before and after. */
export function LedgerPage() {
  const search = route.useSearch();
  const filter = toLedgerFilter(search);
  const pages = useInfiniteQuery(ledgerPages(filter));
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <div className="page-header">
        <h1>Ledger</h1>
      </div>
      <div className="ledger-layout">
        <div className="ledger-main">
          <LedgerFilters key={JSON.stringify(filter)} search={search} />
          {pages.isPending && <Loading label="Loading ledger entries" />}
          {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
          {pages.isSuccess && !entries.length && <Empty title="No entries match these filters" />}
          {entries.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Ledger entries">
              <table className="table ledger-table">
                <caption className="visually-hidden">Ledger entries, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Subject</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.seq} className={e.seq === search.seq ? 'selected' : undefined} aria-selected={e.seq === search.seq}>
                      <td className="num">
                        <Link to="/ledger" search={{ ...search, seq: e.seq }} aria-label={`Entry ${e.seq}, open its before and after`}>
                          {e.seq}
                        </Link>
                      </td>
                      <td>
                        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                      </td>
                      <td>{e.actor.name}</td>
                      <td>
                        <code className="action">{e.action}</code> <span className="muted">{describeEntry(e)}</span>
                      </td>
                      <td>
                        <Link to="/ledger" search={{ subjectId: e.subject.id }} title="Only this subject's entries">
                          {e.subject.type} {e.subject.id.slice(-8)}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages.hasNextPage && (
            <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
            </button>
          )}
        </div>
        <aside className="ledger-side" aria-label="Entry and chain">
          <ChainVerification />
          {search.seq ? <LedgerEntryDetail seq={search.seq} /> : <p className="panel muted">Choose an entry number to see its before and after.</p>}
        </aside>
      </div>
    </>
  );
}
