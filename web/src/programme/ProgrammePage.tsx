import { MaturityPanel } from './MaturityPanel';
import { PacksPanel } from './PacksPanel';
import { PlanPanel } from './PlanPanel';
import { ProgrammeTabs } from './ProgrammeTabs';
import '../people/people.css';
import './programme.css';

/** Is the operating model taking hold? The 90-day plan, the maturity it has reached, and what the portfolio forum reviewed. */
export function ProgrammePage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Programme</h1>
          <p className="muted">Milestones decided by Charter’s data where a rule can decide them (docs/programme.md), otherwise as their owners report.</p>
        </div>
      </div>
      <ProgrammeTabs />
      <PlanPanel />
      <MaturityPanel />
      <PacksPanel />
    </>
  );
}
