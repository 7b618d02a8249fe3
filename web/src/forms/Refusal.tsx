import { ApiProblem } from '../api/problem';

/**
 * Why the API refused an action, in its words: each reason of a 409 listed under a title, a stale read (412)
 * explained with what to do, anything else as the API put it.
 */
export function Refusal({ error, title, stale }: { error: Error; title: string; stale?: string }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  if (problem?.status === 412 && stale) {
    return (
      <p className="notice notice-error" role="alert">
        {stale}
      </p>
    );
  }
  const reasons = problem?.reasons ?? [];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      {reasons.length ? (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  );
}
