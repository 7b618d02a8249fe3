import type { FieldProblem } from '../api/problem';

/** The part of JSON Schema that Charter's OpenAPI document uses for request bodies. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** The branch of a union a value means: the one whose constant properties it carries (a discriminator such as `kind`), else the first of its type. */
function branchFor(branches: JsonSchema[], value: unknown): JsonSchema {
  const record = typeOf(value) === 'object' ? (value as Record<string, unknown>) : undefined;
  // OpenAPI 3.0 documents spell a constant as a one-value enum.
  const constant = (p: JsonSchema) => (p.const !== undefined ? p.const : p.enum?.length === 1 ? p.enum[0] : undefined);
  const discriminated = (s: JsonSchema) => Object.entries(s.properties ?? {}).filter(([, p]) => constant(p) !== undefined);
  const named = record && branches.find((s) => discriminated(s).length > 0 && discriminated(s).every(([key, p]) => record[key] === constant(p)));
  return named ?? branches.find((s) => typeMatches(s, value)) ?? branches[0];
}

/** The formats the API names without a pattern of their own (zod publishes `uri` so); others are checked by their pattern. */
function formatHolds(format: string | undefined, value: string): boolean {
  if (format === 'uri') return URL.canParse(value);
  if (format === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  return true;
}

function typeMatches(schema: JsonSchema, value: unknown): boolean {
  if (!schema.type) return true;
  const actual = typeOf(value);
  const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
  return allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
}

/**
 * Checks a request body against the schema the API publishes, reporting problems with the API's own paths
 * (`body.outcome.metric`), so a form shows the same messages before sending as the API would after.
 */
export function validate(schema: JsonSchema, value: unknown, path = 'body'): FieldProblem[] {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return validate(branchFor(union, value), value, path);
  if (!typeMatches(schema, value)) {
    const expected = (Array.isArray(schema.type) ? schema.type : [schema.type]).map((t) => (t === 'integer' ? 'whole number' : t)).join(' or ');
    return [{ path, message: value === undefined || value === '' ? 'required' : `must be a ${expected}` }];
  }
  const problems: FieldProblem[] = [];
  const at = (message: string) => problems.push({ path, message });
  if (schema.enum && !schema.enum.includes(value)) at(`must be one of ${schema.enum.join(', ')}`);
  if (schema.const !== undefined && value !== schema.const) at(`must be ${String(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) at(value.length === 0 ? 'required' : `at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) at(`at most ${schema.maxLength} characters`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) at('is not in the expected format');
    else if (value !== '' && !formatHolds(schema.format, value)) at(schema.format === 'uri' ? 'must be a URL' : `must be a valid ${schema.format}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) at(`at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) at(`at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) at(`more than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) at(`less than ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) at(`at least ${schema.minItems} item(s)`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) at(`at most ${schema.maxItems} item(s)`);
    if (schema.items) value.forEach((item, i) => problems.push(...validate(schema.items!, item, `${path}.${i}`)));
  }
  if (typeOf(value) === 'object' && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (record[key] === undefined) problems.push({ path: `${path}.${key}`, message: 'required' });
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (record[key] !== undefined) problems.push(...validate(sub, record[key], `${path}.${key}`));
    }
  }
  return problems;
}
