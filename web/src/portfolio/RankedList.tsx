import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCasePages } from './api';
import { OrphanFlag, StageBadge, TierBadge } from './badges';
import type { PortfolioFilter, UseCase } from './types';

const ROW_HEIGHT = 64;

/**
 * The portfolio ranked by priority score. Only the rows in view are in the page, and further pages are read
 * through the API's cursor as the reader scrolls towards them, so thousands of use cases stay fast.
 */
export function RankedList({ filter }: { filter: PortfolioFilter }) {
  const pages = useInfiniteQuery(useCasePages(filter));
  const useCases = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: useCases.length + (pages.hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = rows.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (pages.hasNextPage && !pages.isFetchingNextPage && lastIndex >= useCases.length - 20) void pages.fetchNextPage();
  }, [lastIndex, useCases.length, pages]);

  if (pages.isPending) return <Loading label="Loading the portfolio" />;
  if (pages.isError) return <ErrorState error={pages.error} retry={() => pages.refetch()} />;
  if (!useCases.length && !pages.hasNextPage) {
    return (
      <Empty title="No use cases match">
        <p>Clear a filter, or admit a new use case.</p>
      </Empty>
    );
  }

  return (
    <section className="ranked" aria-labelledby="ranked-title">
      <h2 id="ranked-title" className="visually-hidden">
        Use cases ranked by priority score
      </h2>
      <div className="ranked-head" aria-hidden="true">
        <span>#</span>
        <span>Use case</span>
        <span>Value stream</span>
        <span>Owner</span>
        <span>Stage</span>
        <span>Risk</span>
        <span className="num">Score</span>
      </div>
      <div ref={scroller} className="ranked-scroll" tabIndex={0} aria-label="Ranked use cases, scrollable">
        <ol className="ranked-rows" style={{ height: rows.getTotalSize() }}>
          {virtualRows.map((row) => {
            const uc = useCases[row.index];
            return (
              <li key={uc?.id ?? 'more'} className="ranked-row" style={{ transform: `translateY(${row.start}px)`, height: row.size }} aria-setsize={pages.hasNextPage ? -1 : useCases.length} aria-posinset={row.index + 1}>
                {uc ? <RankedUseCase rank={row.index + 1} useCase={uc} /> : <span className="muted">Loading more use cases…</span>}
              </li>
            );
          })}
        </ol>
      </div>
      <p className="ranked-count muted" aria-live="polite">
        {useCases.length} use case{useCases.length === 1 ? '' : 's'} shown{pages.hasNextPage ? '; more load as you scroll' : ''}
      </p>
    </section>
  );
}

function RankedUseCase({ rank, useCase: uc }: { rank: number; useCase: UseCase }) {
  return (
    <>
      <span className="rank num">{rank}</span>
      <span className="ranked-title">
        <Link to="/use-cases/$useCaseId" params={{ useCaseId: uc.id }}>
          {uc.title}
        </Link>
        <OrphanFlag reasons={uc.orphanReasons} />
        {uc.orphanReasons.length > 0 && <span className="orphan-reasons" aria-hidden="true">{uc.orphanReasons.join(' · ')}</span>}
      </span>
      <span>{uc.valueStream?.name ?? <span className="muted">None</span>}</span>
      <span>{uc.owner?.name ?? <span className="muted">No owner</span>}</span>
      <span>
        <StageBadge stage={uc.stage} />
      </span>
      <span>
        <TierBadge tier={uc.riskTier} />
      </span>
      <span className="num score">{uc.priorityScore ? uc.priorityScore.score.toFixed(1) : '—'}</span>
    </>
  );
}
