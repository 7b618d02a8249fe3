import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Refusal } from '../forms/Refusal';
import { useCan } from '../session/session';
import { formatDate, formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { reviewPacks, useGeneratePack } from './api';

/** The packs the portfolio forum reviewed, newest first; a programme manager can generate one now. */
export function PacksPanel() {
  const pages = useInfiniteQuery(reviewPacks());
  const packs = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const canManage = useCan('programme:manage');
  const generate = useGeneratePack();
  const [said, setSaid] = useState('');

  return (
    <section className="panel" aria-labelledby="packs-title">
      <div className="panel-head">
        <h2 id="packs-title">Portfolio review packs</h2>
        {canManage && (
          <button type="button" className="button" disabled={generate.isPending} onClick={() => generate.mutate(undefined, { onSuccess: () => setSaid('Generated a pack for the last 30 days.') })}>
            {generate.isPending ? 'Generating…' : 'Generate a pack for the last 30 days'}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {generate.isError && <Refusal error={generate.error} title="The pack was not generated" />}
      {pages.isPending && <Loading label="Loading the review packs" />}
      {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
      {pages.isSuccess && !packs.length && (
        <Empty title="No review pack yet">
          <p>A pack is generated on the forum’s cadence (monthly unless changed), or on request.</p>
        </Empty>
      )}
      {packs.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Review packs">
          <table className="table">
            <caption className="visually-hidden">Review packs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Generated</th>
                <th scope="col">How</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {packs.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to="/programme/reviews/$reviewId" params={{ reviewId: p.id }}>
                      {formatDate(p.periodFrom)} to {formatDate(p.periodTo)}
                    </Link>
                  </th>
                  <td>
                    <time dateTime={p.generatedAt}>{formatDateTime(p.generatedAt)}</time>
                  </td>
                  <td>{p.trigger === 'cadence' ? 'On the cadence' : 'On request'}</td>
                  <td>{p.generatedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Show older packs'}
        </button>
      )}
    </section>
  );
}
