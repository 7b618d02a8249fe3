import { useEffect, useRef } from 'react';
import type { FieldProblem } from '../api/problem';

/**
 * Lists every problem at the top of a form and links each to its field. It takes focus after each refused submission
 * (`submission` counts them), so the problems are announced, and not while the person corrects a field.
 */
export function ErrorSummary({ title, problems, fieldIds, submission }: { title: string; problems: FieldProblem[]; fieldIds: (path: string) => string | undefined; submission: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (submission) box.current?.focus();
  }, [submission]);
  if (!problems.length) return null;
  return (
    <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={box}>
      <p className="notice-title">{title}</p>
      <ul>
        {problems.map((p, i) => {
          const target = fieldIds(p.path);
          const text = `${p.path.replace(/^body\.?/, '') || 'request'}: ${p.message}`;
          return <li key={i}>{target ? <a href={`#${target}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}
