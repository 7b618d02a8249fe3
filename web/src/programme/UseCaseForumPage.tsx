import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseDecisions } from './api';
import { DECISION_LABEL } from './forum';
import { FundingAskForm } from './FundingAskForm';
import { FundingAsksPanel } from './FundingAsksPanel';
import { LessonForm } from './LessonForm';
import { LessonsPanel } from './LessonsPanel';
import type { DecisionKind } from './types';
import '../people/people.css';
import './programme.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/forum');

/** A use case before the portfolio forum: what the forum decided, the funding it was asked for, and the lessons learned. */
export function UseCaseForumPage() {
  const { useCaseId } = route.useParams();
  const decisions = useQuery(useCaseDecisions(useCaseId));
  const canAsk = useCan('usecase:update');
  const canRecordLesson = useCan('usecase:create');
  const [said, setSaid] = useState('');

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Forum record" />
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      <section className="panel" aria-labelledby="uc-decisions-title">
        <h2 id="uc-decisions-title">Forum decisions</h2>
        {decisions.isPending && <Loading label="Loading the decisions" />}
        {decisions.isError && <ErrorState error={decisions.error} retry={() => decisions.refetch()} />}
        {decisions.isSuccess && !decisions.data.length && (
          <Empty title="The forum has decided nothing on this use case yet">
            <p>Decisions are recorded at a portfolio review, from its pack.</p>
          </Empty>
        )}
        {decisions.isSuccess && decisions.data.length > 0 && (
          <ul className="decision-list">
            {decisions.data.map((d) => (
              <li key={d.id}>
                <span className="badge">{DECISION_LABEL[d.kind as DecisionKind] ?? d.kind}</span> {d.summary}
                <span className="cell-note">
                  recorded by {d.recordedBy.name}, <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt)}</time>, at{' '}
                  <Link to="/programme/reviews/$reviewId" params={{ reviewId: d.reviewId }}>
                    its review
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <FundingAsksPanel useCaseId={useCaseId}>{canAsk && <FundingAskForm useCaseId={useCaseId} onRaised={setSaid} />}</FundingAsksPanel>
      <LessonsPanel useCaseId={useCaseId}>{canRecordLesson && <LessonForm useCaseId={useCaseId} onRecorded={setSaid} />}</LessonsPanel>
    </>
  );
}
