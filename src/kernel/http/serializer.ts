import fastJsonStringify from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * A route-level serializer compiler for hot routes with large responses: the route's zod response schema (which still
 * drives the OpenAPI document and the handler's types) is turned into a JSON schema once, and fast-json-stringify
 * compiles that into a function that writes exactly the schema's properties.
 *
 * What this gives up against the default (zod encode, then JSON.stringify): the response is shaped by the schema, not
 * checked against it. Unknown properties are still dropped, and a missing required property still fails the request,
 * but a value of the wrong type is coerced rather than refused, and string limits and enums are not checked. The
 * handler's return type is checked by the compiler against the same schema; use this only where the handler builds
 * its response from typed code, and schemas with transforms are refused here (they have no single output form).
 */
export function compiledSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('compiledSerializerCompiler needs a zod response schema');
  return compileSerializer(schema);
}

export function compileSerializer(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' }) as JsonSchema;
  delete json.$schema;
  return fastJsonStringify(forSerializer(json) as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
}

/**
 * Rewrites what zod emits into what fast-json-stringify compiles fastest and most literally:
 * - `anyOf: [X, {type: null}]` (zod's nullable) becomes X with `nullable: true`; fast-json-stringify would otherwise run
 *   an Ajv validation per value to pick the branch;
 * - string `format`s are dropped: every value here is already a string, and fast-json-stringify would reformat
 *   date and date-time strings as Dates.
 */
function forSerializer(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSerializer);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format') continue;
    out[key] = forSerializer(value);
  }
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nonNull = branches.filter((b: JsonSchema) => b.type !== 'null');
    if (nonNull.length === 1 && typeof (nonNull[0] as JsonSchema).type === 'string') {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...(nonNull[0] as JsonSchema), nullable: true };
    }
  }
  return out;
}

/**
 * An onSend hook for the same routes: the serialized body is encoded to UTF-8 once, here. Left a string, the body
 * would be scanned once for its Content-Length (Buffer.byteLength, which must first flatten the serializer's
 * concatenated string) and encoded again as the socket writes it; for a page of ~100 KB that is measurable.
 */
export async function utf8Payload(_req: unknown, _reply: unknown, payload: unknown): Promise<unknown> {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}
