import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown> | boolean;

// strict: false so schemas written for other validators (with unknown keywords) still compile.
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats.default(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** A validator for a JSON Schema, compiled once per schema object. Throws when the schema itself is invalid. */
export function schemaValidator(schema: JsonSchema): (value: unknown) => boolean {
  if (typeof schema === 'boolean') return () => schema;
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return (value) => validate(value) as boolean;
}

/** The answer parsed as JSON, strictly (surrounding whitespace allowed, no code fences), or undefined. */
export function parseJsonAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The JSON objects embedded in prose: each balanced `{…}` span (quotes and escapes respected) that parses.
 * A span that does not parse is skipped one character on, so a stray brace does not hide a later object.
 */
export function embeddedJsonObjects(text: string): unknown[] {
  const found: unknown[] = [];
  let start = text.indexOf('{');
  while (start !== -1) {
    const end = balancedEnd(text, start);
    const value = end === -1 ? undefined : parseJsonAnswer(text.slice(start, end + 1));
    if (value !== undefined) {
      found.push(value);
      start = text.indexOf('{', end + 1);
    } else {
      start = text.indexOf('{', start + 1);
    }
  }
  return found;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
