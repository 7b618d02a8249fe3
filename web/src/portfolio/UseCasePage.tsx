import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { LedgerTrail } from '../ledger/LedgerTrail';
import { PromptTemplatesPanel } from '../releases/PromptTemplatesPanel';
import { ReleasesPanel } from '../releases/ReleasesPanel';
import { useCan } from '../session/session';
import { ErrorState, Loading } from '../shell/states';
import { useCase } from './api';
import { OrphanFlag, StageBadge, TierBadge } from './badges';
import { DataClassesPanel, ReadinessPanel } from './UseCaseFacts';
import { OutcomeProgress } from './OutcomeProgress';
import { PriorityBreakdown } from './PriorityBreakdown';
import { StageControl } from './StageControl';
import { UseCaseTabs } from './UseCaseTabs';
import './portfolio.css';
import { formatDate } from '../shell/format';

const route = getRouteApi('/signed-in/use-cases/$useCaseId');

/** One use case: why it exists, how it ranks, what it touches, where it stands, and what was done to it. */
export function UseCasePage() {
  const { useCaseId } = route.useParams();
  const detail = useQuery(useCase(useCaseId));
  const canReadLedger = useCan('ledger:read');
  const canEdit = useCan('usecase:update');

  if (detail.isPending) return <Loading label="Loading the use case" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const uc = detail.data;

  return (
    <article className="use-case" aria-labelledby="use-case-title">
      <header className="page-header use-case-header">
        <div>
          <h1 id="use-case-title">{uc.title}</h1>
          <p className="use-case-meta">
            <StageBadge stage={uc.stage} /> <TierBadge tier={uc.riskTier} /> <OrphanFlag reasons={uc.orphanReasons} />
            <span>{uc.valueStream?.name ?? 'No value stream'}</span>
            <span>Owner: {uc.owner?.name ?? 'none'}</span>
            {uc.sponsor && <span>Sponsor: {uc.sponsor}</span>}
            <span>Admitted {formatDate(uc.createdAt)} via {uc.source}</span>
          </p>
        </div>
        {canEdit && (
          <Link to="/use-cases/$useCaseId/edit" params={{ useCaseId: uc.id }} className="button">
            Edit
          </Link>
        )}
      </header>
      <UseCaseTabs useCaseId={uc.id} />
      {uc.orphanReasons.length > 0 && (
        <p className="notice notice-warning">This looks like an orphaned experiment: {uc.orphanReasons.join('; ')}.</p>
      )}
      {uc.description && <p className="use-case-description">{uc.description}</p>}
      <div className="use-case-grid">
        <div className="use-case-main">
          <OutcomeProgress useCase={uc} />
          <StageControl useCase={uc} />
          <ReleasesPanel useCase={uc} />
          <section className="panel" aria-labelledby="trail-title">
            <h2 id="trail-title">Ledger trail</h2>
            {canReadLedger ? (
              <LedgerTrail subjectId={uc.id} />
            ) : (
              <p className="muted">The ledger trail is open to risk reviewers, executives and platform admins.</p>
            )}
          </section>
        </div>
        <div className="use-case-side">
          <PriorityBreakdown score={uc.priorityScore} />
          <DataClassesPanel useCase={uc} />
          <ReadinessPanel useCase={uc} />
          <PromptTemplatesPanel useCaseId={uc.id} />
        </div>
      </div>
    </article>
  );
}
