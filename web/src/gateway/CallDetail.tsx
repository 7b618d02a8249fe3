import { Link } from '@tanstack/react-router';
import { capitalise } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatDateTime, formatMs, formatUsd } from '../shell/format';
import { CallProof } from './CallProof';
import { Decisions } from './Decisions';
import { EndUser } from './EndUser';
import type { GatewayCall } from './types';
import { outcomeOf } from './vocabulary';

/** Everything recorded about one call (never its prompt or answer), and, for those who audit, the proof of its record. */
export function CallDetail({ eventId, call, releaseName, endpointName, close }: {
  eventId: string;
  call: GatewayCall | undefined;
  releaseName: (id: string | null) => string;
  endpointName: (id: string | null) => string;
  close: () => void;
}) {
  const canProve = useCan('ledger:read');
  const canReview = useCan('review:decide');
  return (
    <section className="panel call-detail" aria-labelledby="call-title">
      <div className="call-detail-head">
        <h2 id="call-title">Call {eventId.slice(-8)}</h2>
        <button type="button" className="button button-quiet" onClick={close}>
          Close
        </button>
      </div>
      {!call && <p className="muted">This call is older than the calls loaded here; its proof is below.</p>}
      {call && (
        <>
          <dl className="facts">
            <dt>Call id</dt>
            <dd>
              <code>{call.id}</code>
            </dd>
            <dt>When</dt>
            <dd>
              <time dateTime={call.at}>{formatDateTime(call.at)}</time>
            </dd>
            <dt>Outcome</dt>
            <dd>
              <span className={`badge tone-${outcomeOf(call.outcome).tone}`}>{outcomeOf(call.outcome).label}</span> HTTP {call.httpStatus}
              {call.errorCode && (
                <>
                  {' '}
                  <code>{call.errorCode}</code>
                </>
              )}
            </dd>
            <dt>Kind</dt>
            <dd>
              {capitalise(call.kind)}
              {call.streamed ? ', streamed' : ''}
            </dd>
            <dt>Environment</dt>
            <dd>{call.environment ? capitalise(call.environment) : 'None'}</dd>
            <dt>Release</dt>
            <dd>{releaseName(call.releaseId)}</dd>
            <dt>Model endpoint</dt>
            <dd>{endpointName(call.endpointId)}</dd>
            <dt>Latency</dt>
            <dd>
              {formatMs(call.latencyMs)}
              {call.ttftMs !== null && `, first token after ${formatMs(call.ttftMs)}`}
            </dd>
            <dt>Tokens</dt>
            <dd>
              {call.tokensIn.toLocaleString()} in, {call.tokensOut.toLocaleString()} out
            </dd>
            <dt>Cost</dt>
            <dd>{formatUsd(call.costUsd)}</dd>
            <dt>Data found</dt>
            <dd>{call.dataClasses ? `${capitalise(call.dataClasses.sensitivity)}${call.dataClasses.categories.length ? `: ${call.dataClasses.categories.join(', ')}` : ''}` : 'Not recorded'}</dd>
            <dt>Redactions</dt>
            <dd>{call.redactions}</dd>
            <dt>End user</dt>
            <dd>
              <EndUser endUser={call.endUser} />
            </dd>
            {call.caseId && (
              <>
                <dt>Case</dt>
                <dd>
                  <code>{call.caseId}</code>
                </dd>
              </>
            )}
            {call.reviewId && (
              <>
                <dt>Review</dt>
                <dd>{canReview ? <Link to="/reviews" search={{ item: call.reviewId }}>{call.reviewId}</Link> : <code>{call.reviewId}</code>}</dd>
              </>
            )}
          </dl>
          <h3>Policy decisions</h3>
          <Decisions decisions={call.decisions} detailed />
        </>
      )}
      {canProve ? <CallProof eventId={eventId} /> : <p className="muted">The proof of a call's record is open to risk reviewers, executives and platform admins.</p>}
    </section>
  );
}
