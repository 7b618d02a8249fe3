import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreconditionFailed } from '../errors.js';

/** Versioned resources carry an integer version; its ETag is strong and opaque. */
export const etagOf = (version: number): string => `"v${version}"`;

/** The version an If-Match header demands, or undefined when the client sent none. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (!header) return undefined;
  const m = /^(?:W\/)?"v(\d+)"$/.exec(String(header).trim());
  if (!m) throw new PreconditionFailed(`If-Match ${header} is not an ETag this API issued`);
  return Number(m[1]);
}

/** Whether the client asked to create only (If-None-Match: *): a resource that exists already must not be replaced. */
export const createOnly = (req: FastifyRequest): boolean => String(req.headers['if-none-match'] ?? '').trim() === '*';

export function checkVersion(expected: number | undefined, actual: number, what: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new PreconditionFailed(`${what} has changed since you read it (you sent version ${expected}, it is now ${actual}); reload and retry`, {
      currentEtag: etagOf(actual),
    });
  }
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}
