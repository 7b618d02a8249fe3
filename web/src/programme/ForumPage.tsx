import { FundingAsksPanel } from './FundingAsksPanel';
import { LessonsPanel } from './LessonsPanel';
import { ProgrammeTabs } from './ProgrammeTabs';
import '../people/people.css';
import './programme.css';

/** What the portfolio forum is asked for and has learned: funding asks across the portfolio, and lessons learned. */
export function ForumPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Funding and lessons</h1>
          <p className="muted">Funding asks waiting for the forum and those it settled, and the early wins and failures use cases recorded. Each use case’s forum record is where asks and lessons are raised.</p>
        </div>
      </div>
      <ProgrammeTabs />
      <FundingAsksPanel />
      <LessonsPanel />
    </>
  );
}
