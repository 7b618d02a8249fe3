import type { ReactNode } from 'react';
import { ApiProblem } from '../api/problem';

/** A region that is still loading; announced politely to screen readers. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** What went wrong, in the API's words, with a way to try again. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  const title = problem?.status === 403 ? 'Not allowed' : problem?.status === 404 ? 'Not found' : (problem?.title ?? 'Something went wrong');
  const detail = problem?.detail || (error instanceof Error ? error.message : String(error));
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{detail}</p>
      {retry && problem?.status !== 403 && problem?.status !== 404 && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
