import { formatDate, formatDateTime } from '../shell/format';
import { exceptionWords } from './progress';
import type { ControlException } from './types';

/** An exception's rationale, standing and expiry, as the cells of a row in every list of exceptions. */
export function ExceptionCells({ exception: e, now }: { exception: ControlException; now: Date }) {
  const words = exceptionWords(e, now);
  return (
    <>
      <td>
        {e.rationale}
        <span className="cell-note">
          {e.requestedBy.name}, <time dateTime={e.requestedAt}>{formatDateTime(e.requestedAt)}</time>
        </span>
        {e.decisionReason && <span className="cell-note">Decision: “{e.decisionReason}”</span>}
      </td>
      <td>
        <span className={`badge tone-${words.tone}`}>{words.label}</span>
        {e.decidedBy && <span className="cell-note">decided by {e.decidedBy.name}</span>}
      </td>
      <td>
        <time dateTime={e.expiresAt}>{formatDate(e.expiresAt)}</time>
        {e.status === 'requested' && <span className="cell-note">provisional: counted from the approval</span>}
      </td>
    </>
  );
}
