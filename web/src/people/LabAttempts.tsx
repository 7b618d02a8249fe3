import { formatDate } from '../shell/format';
import { ToneBadge } from './Figures';
import { LAB_STATUS, signOffRefusal, words } from './skilling';
import { SignOffForm } from './SignOffForm';
import type { LabAttempt, SkillItem } from './types';
import { UseCaseTitle } from './UseCaseTitle';

/** A person's applied labs, newest first: what they did on which use case, and the reviewer's decision or the form to take it. */
export function LabAttempts({ attempts, items, learnerUserId, me, canReview, onDecided }: { attempts: LabAttempt[]; items: SkillItem[]; learnerUserId: string | null; me: string; canReview: boolean; onDecided: (said: string) => void }) {
  const titleOf = (slug: string) => items.find((i) => i.slug === slug)?.title ?? slug;
  const newest = [...attempts].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <ul className="lab-list">
      {newest.map((a) => {
        const status = LAB_STATUS[a.status];
        const refusal = canReview ? signOffRefusal(a, learnerUserId, me) : null;
        return (
          <li key={a.id} className="lab-attempt">
            <div className="path-head">
              <h3>{titleOf(a.labSlug)}</h3>
              <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
            </div>
            <dl className="facts">
              <dt>Use case</dt>
              <dd>
                <UseCaseTitle id={a.useCaseId} />
              </dd>
              <dt>Task</dt>
              <dd>{words(a.task)}</dd>
              <dt>Submitted</dt>
              <dd>
                <time dateTime={a.submittedAt}>{formatDate(a.submittedAt)}</time>
              </dd>
              <dt>Evidence</dt>
              <dd>
                {a.evidence.summary}
                {a.evidence.links.length > 0 && (
                  <ul className="plain-list">
                    {a.evidence.links.map((l) => (
                      <li key={l}>
                        <a href={l} rel="noreferrer noopener" target="_blank">
                          {l}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              {a.reviewer && (
                <>
                  <dt>{a.status === 'returned' ? 'Returned by' : 'Signed off by'}</dt>
                  <dd>
                    {a.reviewer.name}
                    {a.reviewedAt && (
                      <>
                        {' '}
                        on <time dateTime={a.reviewedAt}>{formatDate(a.reviewedAt)}</time>
                      </>
                    )}
                    {a.reviewNote && <span className="cell-note">“{a.reviewNote}”</span>}
                  </dd>
                </>
              )}
            </dl>
            {a.status === 'submitted' && canReview && (refusal ? <p className="muted">{refusal}</p> : <SignOffForm attempt={a} labTitle={titleOf(a.labSlug)} onDecided={onDecided} />)}
          </li>
        );
      })}
    </ul>
  );
}
