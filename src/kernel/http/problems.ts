import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type FieldProblem, Problem, PROBLEM_BASE } from '../errors.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [key: string]: unknown;
}

export function problemBody(p: Problem, instance?: string): ProblemBody {
  return { type: PROBLEM_BASE + p.type, title: p.title, status: p.status, detail: p.message, instance, ...p.extra };
}

function fieldPath(where: string, path: readonly PropertyKey[]): string {
  return [where, ...path.map(String)].join('.');
}

interface UnionIssue { code: string; path: PropertyKey[]; message: string; keys?: string[] }

const issueMessage = (code: string, message: string | undefined, keys?: string[]) =>
  code === 'unrecognized_keys' && keys ? `unknown field(s): ${keys.join(', ')}` : (message ?? code);

/**
 * A value that matched none of a union's forms: when exactly one form accepts its type (an object where the choice is
 * a string or an object), that form's own problems name the offending fields ("outcome.metric") instead of one
 * "Invalid input" for the whole value.
 */
function matchingBranch(branches: UnionIssue[][] | undefined): UnionIssue[] | undefined {
  const sameType = (branches ?? []).filter((issues) => !issues.every((i) => i.path.length === 0 && i.code === 'invalid_type'));
  return sameType.length === 1 && sameType[0].length ? sameType[0] : undefined;
}

/** Maps whatever was thrown to a Problem: ours as they are, Fastify's and zod's to precise 4xx, the rest to 500. */
export function toProblem(err: FastifyError | Error): Problem {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const errors: FieldProblem[] = err.validation.flatMap((v) => {
      const at = v.instancePath.split('/').filter(Boolean);
      const branch = v.keyword === 'invalid_union' ? matchingBranch((v.params as { errors?: UnionIssue[][] }).errors) : undefined;
      if (branch) return branch.map((i) => ({ path: fieldPath(where, [...at, ...i.path]), message: issueMessage(i.code, i.message, i.keys) }));
      const keys = (v.params as { keys?: string[] }).keys;
      return [{ path: fieldPath(where, at), message: issueMessage(v.keyword, v.message, keys) }];
    });
    return new Problem(400, 'validation-error', 'Invalid request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  if (isResponseSerializationError(err)) {
    return new Problem(500, 'internal', 'Internal error', 'the response did not match its schema');
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'malformed-json', 'Malformed JSON', fe.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'payload-too-large', 'Payload too large', 'the request body exceeds the configured limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem(415, 'unsupported-media-type', 'Unsupported media type', fe.message);
  }
  if (err instanceof SyntaxError) return new Problem(400, 'malformed-json', 'Malformed JSON', err.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, 'bad-request', 'Bad request', fe.message);
  }
  return new Problem(500, 'internal', 'Internal error', 'an unexpected error occurred; it has been logged');
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: FastifyError | Error): FastifyReply {
  const problem = toProblem(err);
  if (problem.status >= 500) req.log.error({ err }, 'request failed');
  return reply.code(problem.status).type('application/problem+json').send(problemBody(problem, req.url));
}
