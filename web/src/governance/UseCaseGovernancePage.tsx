import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCase } from '../portfolio/api';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { ErrorState } from '../shell/states';
import { ControlsChecklist } from './ControlsChecklist';
import { ScreeningPanel } from './ScreeningPanel';
import { UseCaseApprovals } from './UseCaseApprovals';
import { UseCaseCompliancePanel } from './UseCaseCompliancePanel';
import { UseCaseExceptions } from './UseCaseExceptions';
import './governance.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/governance');

/** How the use case is governed: the screening behind its tier, the approvals its moves opened, the exceptions asked, and the controls it owes. */
export function UseCaseGovernancePage() {
  const { useCaseId } = route.useParams();
  const uc = useQuery(useCase(useCaseId));
  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Governance" />
      {uc.isError && <ErrorState error={uc.error} retry={() => uc.refetch()} />}
      <ScreeningPanel useCaseId={useCaseId} />
      <UseCaseApprovals useCaseId={useCaseId} />
      <UseCaseExceptions useCaseId={useCaseId} />
      {uc.data && <ControlsChecklist useCaseId={useCaseId} stage={uc.data.stage} screened={uc.data.riskTier !== null} />}
      {uc.data && <UseCaseCompliancePanel useCaseId={useCaseId} screened={uc.data.riskTier !== null} />}
    </>
  );
}
