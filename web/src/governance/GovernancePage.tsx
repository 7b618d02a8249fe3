import { getRouteApi, Link } from '@tanstack/react-router';
import { ApprovalInbox } from './ApprovalInbox';
import { CompliancePanel } from './CompliancePanel';
import { ExceptionsPanel } from './ExceptionsPanel';
import './governance.css';

const route = getRouteApi('/signed-in/governance');

/** What governance asks of the signed-in person: approvals to decide, exceptions and their expiry, and the posture per framework. */
export function GovernancePage() {
  const search = route.useSearch();
  return (
    <>
      <div className="page-header">
        <h1>Governance</h1>
        <div className="page-actions">
          <Link to="/governance/policy-packs" className="button">
            Policy packs
          </Link>
        </div>
      </div>
      <ApprovalInbox />
      <ExceptionsPanel state={search.exceptions ?? 'requested'} />
      <CompliancePanel />
    </>
  );
}
