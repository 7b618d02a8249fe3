import type { FieldProblem } from '../api/problem';

/** The part of JSON Schema that Charter's OpenAPI document uses for request bodies. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

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
  if (schema.anyOf) {
    const branch = schema.anyOf.find((s) => typeMatches(s, value)) ?? schema.anyOf[0];
    return validate(branch, value, path);
  }
  if (!typeMatches(schema, value)) {
    const expected = (Array.isArray(schema.type) ? schema.type : [schema.type]).map((t) => (t === 'integer' ? 'whole number' : t)).join(' or ');
    return [{ path, message: value === undefined || value === '' ? 'required' : `must be a ${expected}` }];
  }
  const problems: FieldProblem[] = [];
  const at = (message: string) => problems.push({ path, message });
  if (schema.enum && !schema.enum.includes(value)) at(`must be one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) at(value.length === 0 ? 'required' : `at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) at(`at most ${schema.maxLength} characters`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) at('is not in the expected format');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) at(`at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) at(`at most ${schema.maximum}`);
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
