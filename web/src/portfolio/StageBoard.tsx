import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../shell/states';
import { useCasePages } from './api';
import { OrphanFlag, TierBadge } from './badges';
import type { PortfolioFilter } from './types';
import { capitalise, STAGES, type Stage } from './vocabulary';

/** The portfolio laid out by lifecycle stage, each column ranked by priority score. */
export function StageBoard({ filter }: { filter: PortfolioFilter }) {
  const stages = filter.stage ?? STAGES;
  return (
    <div className="board" aria-label="Use cases by stage" role="region" tabIndex={0}>
      {stages.map((stage) => (
        <StageColumn key={stage} stage={stage} filter={filter} />
      ))}
    </div>
  );
}

function StageColumn({ stage, filter }: { stage: Stage; filter: PortfolioFilter }) {
  const pages = useInfiniteQuery(useCasePages({ ...filter, stage: [stage] }, 25));
  const useCases = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `board-${stage}`;

  return (
    <section className={`board-column stage-${stage}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="board-heading">
        {capitalise(stage)}
        {pages.isSuccess && (
          <span className="board-count">
            {useCases.length}
            {pages.hasNextPage ? '+' : ''}
          </span>
        )}
      </h2>
      {pages.isPending && <Loading label={`Loading ${stage}`} />}
      {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
      {pages.isSuccess && !useCases.length && !pages.hasNextPage && <p className="board-empty muted">None</p>}
      <ul className="board-cards">
        {useCases.map((uc) => (
          <li key={uc.id} className="board-card">
            <Link to="/use-cases/$useCaseId" params={{ useCaseId: uc.id }} className="board-card-title">
              {uc.title}
            </Link>
            <p className="board-card-meta">
              {uc.valueStream?.name ?? 'No value stream'} · {uc.owner?.name ?? 'No owner'}
            </p>
            <p className="board-card-tags">
              <span className="score" title="Priority score">
                {uc.priorityScore ? uc.priorityScore.score.toFixed(1) : '—'}
              </span>
              <TierBadge tier={uc.riskTier} />
              <OrphanFlag reasons={uc.orphanReasons} />
            </p>
          </li>
        ))}
      </ul>
      {pages.hasNextPage && (
        <button type="button" className="button button-quiet board-more" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : `Show more in ${stage}`}
        </button>
      )}
    </section>
  );
}
