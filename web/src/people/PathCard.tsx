import { formatDate } from '../shell/format';
import { ToneBadge } from './Figures';
import { ITEM_STATE, itemStandings, PATH_STATUS } from './skilling';
import type { Completion, LabAttempt, PathProgress, SkillItem, SkillPath } from './types';

/** One skill path of a person: where they stand, until when, and each item's own standing. */
export function PathCard({ progress, path, items, completions, labs, now }: { progress: PathProgress; path?: SkillPath; items: SkillItem[]; completions: Completion[]; labs: LabAttempt[]; now: Date }) {
  const status = PATH_STATUS[progress.status];
  const standings = path ? itemStandings(path.items, completions, labs, now) : [];
  const titleOf = (slug: string) => items.find((i) => i.slug === slug)?.title ?? slug;
  const headingId = `path-${progress.slug}`;
  return (
    <article className="path-card" aria-labelledby={headingId}>
      <header className="path-head">
        <h3 id={headingId}>{progress.title}</h3>
        <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
      </header>
      <p className="path-summary">
        {progress.done} of {progress.total} items current
        {progress.expiresAt && (progress.held ? <>; held until <time dateTime={progress.expiresAt}>{formatDate(progress.expiresAt)}</time></> : <>; lapsed <time dateTime={progress.expiresAt}>{formatDate(progress.expiresAt)}</time></>)}
        {progress.held && !progress.expiresAt && '; does not expire'}
      </p>
      {standings.length > 0 && (
        <ul className="path-items" aria-label={`Items of ${progress.title}`}>
          {standings.map((s) => {
            const state = ITEM_STATE[s.state];
            const item = items.find((i) => i.slug === s.slug);
            return (
              <li key={s.slug}>
                <span className="path-item-title">
                  {titleOf(s.slug)}
                  {item?.kind === 'lab' && <span className="muted"> (applied lab)</span>}
                </span>
                <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
                <span className="cell-note">
                  {s.completion ? (
                    <>
                      completed <time dateTime={s.completion.completedAt}>{formatDate(s.completion.completedAt)}</time>
                      {s.completion.expiresAt ? (
                        <>
                          , {s.state === 'expired' ? 'expired' : 'expires'} <time dateTime={s.completion.expiresAt}>{formatDate(s.completion.expiresAt)}</time>
                        </>
                      ) : (
                        ', never expires'
                      )}
                    </>
                  ) : item?.validityDays ? (
                    `valid ${item.validityDays} days once completed`
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
