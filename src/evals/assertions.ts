import { z } from 'zod';
import { canonicalJson } from '../kernel/ledger/canonical.js';
import { embeddedJsonObjects, type JsonSchema, parseJsonAnswer, schemaValidator } from './json-text.js';

/**
 * Deterministic checks on one answer, with the meaning promptfoo gives its assertion types of the same names
 * (`starts_with` is promptfoo's `starts-with`, and so on), so imported suites count the same passes and failures.
 */
export const ASSERTION_TYPES = [
  'equals', 'contains', 'icontains', 'contains_any', 'contains_all', 'icontains_any', 'icontains_all',
  'starts_with', 'regex', 'is_json', 'contains_json',
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

const LIST_TYPES: ReadonlySet<AssertionType> = new Set(['contains_any', 'contains_all', 'icontains_any', 'icontains_all']);
const JSON_TYPES: ReadonlySet<AssertionType> = new Set(['is_json', 'contains_json']);

export const AssertionSchema = z
  .strictObject({
    type: z.enum(ASSERTION_TYPES),
    /** text for the substring types and regex; a list for the *_any/*_all types; a JSON value for equals; a JSON Schema for the JSON types */
    value: z.unknown().optional(),
    /** promptfoo's `not-` prefix: the assertion passes when the check fails */
    negate: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const problem = valueProblem(a.type, a.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type Assertion = z.infer<typeof AssertionSchema>;

function valueProblem(type: AssertionType, value: unknown): string | null {
  if (JSON_TYPES.has(type)) {
    if (value === undefined || typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value))) {
      try {
        if (value !== undefined) schemaValidator(value as JsonSchema);
        return null;
      } catch (err) {
        return `not a valid JSON Schema: ${(err as Error).message}`;
      }
    }
    return 'must be a JSON Schema object when given';
  }
  if (LIST_TYPES.has(type)) return Array.isArray(value) && value.length && value.every(isText) ? null : 'must be a non-empty list of strings';
  if (type === 'equals') return value === undefined ? 'is required' : null;
  if (!isText(value)) return 'must be a non-empty string';
  if (type === 'regex') {
    try {
      new RegExp(value as string);
    } catch (err) {
      return `not a valid regular expression: ${(err as Error).message}`;
    }
  }
  return null;
}
const isText = (v: unknown): boolean => (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v));

const patterns = new WeakMap<Assertion, RegExp>();
function patternOf(a: Assertion): RegExp {
  let re = patterns.get(a);
  if (!re) {
    re = new RegExp(String(a.value));
    patterns.set(a, re);
  }
  return re;
}

/** Whether the check itself holds, before negation. */
function holds(a: Assertion, output: string): boolean {
  switch (a.type) {
    case 'equals':
      if (typeof a.value === 'object' && a.value !== null) {
        const parsed = parseJsonAnswer(output);
        return parsed !== undefined && canonicalJson(parsed) === canonicalJson(a.value);
      }
      return output === String(a.value);
    case 'contains':
      return output.includes(String(a.value));
    case 'icontains':
      return output.toLowerCase().includes(String(a.value).toLowerCase());
    case 'contains_any':
      return (a.value as unknown[]).some((v) => output.includes(String(v)));
    case 'contains_all':
      return (a.value as unknown[]).every((v) => output.includes(String(v)));
    case 'icontains_any': {
      const lower = output.toLowerCase();
      return (a.value as unknown[]).some((v) => lower.includes(String(v).toLowerCase()));
    }
    case 'icontains_all': {
      const lower = output.toLowerCase();
      return (a.value as unknown[]).every((v) => lower.includes(String(v).toLowerCase()));
    }
    case 'starts_with':
      return output.startsWith(String(a.value));
    case 'regex':
      return patternOf(a).test(output);
    case 'is_json': {
      const parsed = parseJsonAnswer(output);
      return parsed !== undefined && (a.value === undefined || schemaValidator(a.value as JsonSchema)(parsed));
    }
    case 'contains_json': {
      const objects = embeddedJsonObjects(output);
      if (a.value === undefined) return objects.length > 0;
      const valid = schemaValidator(a.value as JsonSchema);
      return objects.some(valid);
    }
  }
}

/** Whether one assertion passes on an answer; a failed call (null answer) passes nothing. */
export function assertionPasses(a: Assertion, output: string | null): boolean {
  if (output === null) return false;
  return holds(a, output) !== (a.negate === true);
}

/** The assertions an answer fails, described for the per-case record. */
export function failedAssertions(assertions: readonly Assertion[], output: string | null): string[] {
  const failed: string[] = [];
  for (const a of assertions) {
    if (!assertionPasses(a, output)) failed.push(`${a.negate ? 'not ' : ''}${a.type}${a.value === undefined ? '' : ` ${JSON.stringify(a.value)}`}`);
  }
  return failed;
}
