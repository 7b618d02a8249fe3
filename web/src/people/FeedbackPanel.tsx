import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { changeFeedback } from './api';
import { FeedbackForm } from './FeedbackForm';
import type { ChangePlan } from './types';

const RECENT = 10;

/** What the audiences said about the change, newest first, and a form to record more. */
export function FeedbackPanel({ useCaseId, plan, onGiven }: { useCaseId: string; plan: ChangePlan; onGiven: (said: string) => void }) {
  const feedback = useQuery(changeFeedback(useCaseId));
  const recent = feedback.data?.slice(0, RECENT) ?? [];
  return (
    <section className="panel" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Feedback on the change</h2>
      {feedback.isPending && <Loading label="Loading the feedback" />}
      {feedback.isError && <ErrorState error={feedback.error} retry={() => feedback.refetch()} />}
      {feedback.data && !feedback.data.length && <Empty title="No feedback yet" />}
      {recent.length > 0 && (
        <>
          <p className="muted">
            {feedback.data!.length > RECENT ? `The ${RECENT} newest of ${feedback.data!.length} responses.` : `${feedback.data!.length} ${feedback.data!.length === 1 ? 'response' : 'responses'}, newest first.`}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Feedback on the change">
            <table className="table">
              <caption className="visually-hidden">Feedback on the change, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Given</th>
                  <th scope="col">Audience</th>
                  <th scope="col">Satisfaction</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">
                      <time dateTime={f.givenAt}>{formatDate(f.givenAt)}</time>
                    </th>
                    <td>{f.audience}</td>
                    <td>{f.satisfaction} of 5</td>
                    <td>{f.comment || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <FeedbackForm useCaseId={useCaseId} plan={plan} onGiven={onGiven} />
    </section>
  );
}
