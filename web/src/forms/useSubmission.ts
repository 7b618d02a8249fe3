import { useState } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { fieldId } from './Field';
import { validate, type JsonSchema } from './jsonSchema';

/**
 * The form field that shows a problem at an API path: the deepest of the form's fields the path is, or lies under
 * (`body.approvedTiers.0` belongs to `approvedTiers`). A form names its fields by their API paths without `body.`.
 */
export function fieldOf(path: string, fields: readonly string[]): string {
  const bare = path.replace(/^body\.?/, '');
  const owners = fields.filter((f) => bare === f || bare.startsWith(`${f}.`));
  return owners.sort((a, b) => b.length - a.length)[0] ?? bare;
}

/**
 * Sending a form's body: checked first against the schema the API publishes, then sent; the problems either finds
 * are grouped by field, and anything else the API refuses is kept as the refusal to show above the form. When one
 * screen holds several forms with the same fields, each names its controls with its own `idPrefix`.
 */
export function useSubmission(fields: readonly string[], schema?: JsonSchema, idPrefix = '') {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<Error>();
  const [submission, setSubmission] = useState(0);

  const errors: Record<string, string[]> = {};
  for (const p of problems) (errors[fieldOf(p.path, fields)] ??= []).push(p.message);

  /** Resolves true when the API accepted the body; `before` are problems the form found itself (a JWKS that is not JSON). */
  async function submit(body: unknown, send: (body: unknown) => Promise<unknown>, before: FieldProblem[] = []): Promise<boolean> {
    const found = [...before, ...(schema ? validate(schema, body) : [])];
    setProblems(found);
    setRefusal(undefined);
    if (found.length) {
      setSubmission((n) => n + 1);
      return false;
    }
    try {
      await send(body);
      return true;
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(err.errors);
        setSubmission((n) => n + 1);
      } else setRefusal(err instanceof Error ? err : new Error(String(err)));
      return false;
    }
  }

  /** Forgets the problems of fields the person has just changed. */
  const clear = (...names: string[]) => setProblems((ps) => ps.filter((p) => !names.includes(fieldOf(p.path, fields))));

  const reset = () => {
    setProblems([]);
    setRefusal(undefined);
  };

  return { problems, errors, refusal, submission, submit, clear, reset, fieldIdOf: (path: string) => fieldId(idPrefix + fieldOf(path, fields)) };
}
