import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCan } from '../session/session';
import { useCase } from './api';
import { StageBadge, TierBadge } from './badges';

const active = { 'aria-current': 'page', className: 'active' } as const;

/** The screens of one use case: its overview and each capability's tab, those a person may read. */
export function UseCaseTabs({ useCaseId }: { useCaseId: string }) {
  const canSeeTraffic = useCan('metric:read');
  return (
    <nav aria-label="Use case" className="tabs">
      <Link to="/use-cases/$useCaseId" params={{ useCaseId }} className="tab" activeOptions={{ exact: true }} activeProps={active}>
        Overview
      </Link>
      <Link to="/use-cases/$useCaseId/keys" params={{ useCaseId }} className="tab" activeProps={active}>
        Gateway keys
      </Link>
      <Link to="/use-cases/$useCaseId/governance" params={{ useCaseId }} className="tab" activeProps={active}>
        Governance
      </Link>
      {canSeeTraffic && (
        <Link to="/use-cases/$useCaseId/traffic" params={{ useCaseId }} className="tab" activeProps={active}>
          Live traffic
        </Link>
      )}
      {canSeeTraffic && (
        <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId }} className="tab" activeProps={active}>
          Metrics
        </Link>
      )}
      <Link to="/use-cases/$useCaseId/evaluations" params={{ useCaseId }} className="tab" activeProps={active}>
        Evaluations
      </Link>
      {useCan('people:read') && (
        <Link to="/use-cases/$useCaseId/change" params={{ useCaseId }} className="tab" activeProps={active}>
          Change
        </Link>
      )}
      <Link to="/use-cases/$useCaseId/forum" params={{ useCaseId }} className="tab" activeProps={active}>
        Forum record
      </Link>
    </nav>
  );
}

/** The top of a use case's own screens: which use case, where it stands, the screen's title and the tabs. */
export function UseCaseSubpageHeader({ useCaseId, title }: { useCaseId: string; title: string }) {
  const uc = useQuery(useCase(useCaseId));
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/use-cases/$useCaseId" params={{ useCaseId }}>
              {uc.data?.title ?? 'Use case'}
            </Link>
            {uc.data && (
              <>
                {' '}
                <StageBadge stage={uc.data.stage} /> <TierBadge tier={uc.data.riskTier} />
              </>
            )}
          </p>
          <h1>{title}</h1>
        </div>
      </header>
      <UseCaseTabs useCaseId={useCaseId} />
    </>
  );
}
