import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ToneBadge } from '../people/Figures';
import { members } from '../portfolio/api';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { lessons } from './api';
import { LESSON_KIND } from './forum';
import { ForumUseCase } from './ForumUseCase';

/** Lessons learned, newest first: early wins to publish and what did not work; of one use case, or of the whole portfolio. */
export function LessonsPanel({ useCaseId, children }: { useCaseId?: string; children?: ReactNode }) {
  const list = useQuery(lessons({ useCaseId }));
  const people = useQuery(members);
  const nameOf = (id: string) => people.data?.find((m) => m.id === id)?.name ?? id;
  return (
    <section className="panel" aria-labelledby="lessons-title">
      <h2 id="lessons-title">Lessons learned</h2>
      {list.isPending && <Loading label="Loading the lessons" />}
      {list.isError && <ErrorState error={list.error} retry={() => list.refetch()} />}
      {list.isSuccess && !list.data.length && <Empty title="No lesson recorded yet" />}
      {list.isSuccess && list.data.length > 0 && (
        <ul className="lesson-list" aria-label="Lessons learned, newest first">
          {list.data.map((l) => (
            <li key={l.id}>
              <ToneBadge tone={LESSON_KIND[l.kind].tone}>{LESSON_KIND[l.kind].label}</ToneBadge>{' '}
              {!useCaseId && (
                <>
                  <ForumUseCase id={l.useCaseId} />:{' '}
                </>
              )}
              {l.lesson}
              <span className="cell-note">
                recorded by {nameOf(l.recordedBy)}, <time dateTime={l.recordedAt}>{formatDate(l.recordedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
