import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { PreconditionFailed } from '../errors.js';
import { checkVersion, etagOf, ifMatchVersion } from './etag.js';

const req = (ifMatch?: string) => ({ headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as unknown as FastifyRequest;

describe('ETags', () => {
  it('are strong and name the version', () => {
    expect(etagOf(7)).toBe('"v7"');
  });

  it('read the version from If-Match, weak or strong', () => {
    expect(ifMatchVersion(req())).toBeUndefined();
    expect(ifMatchVersion(req('"v3"'))).toBe(3);
    expect(ifMatchVersion(req('W/"v3"'))).toBe(3);
    expect(ifMatchVersion(req('  "v12" '))).toBe(12);
  });

  it.each(['*', '"3"', 'v3', '"v3', '"vx"', '"v3", "v4"'])('refuse an If-Match this API did not issue: %s', (header) => {
    expect(() => ifMatchVersion(req(header))).toThrow(PreconditionFailed);
  });

  it('pass when no version is demanded or it matches, and give 412 with the current ETag otherwise', () => {
    expect(() => checkVersion(undefined, 5, 'thing')).not.toThrow();
    expect(() => checkVersion(5, 5, 'thing')).not.toThrow();
    try {
      checkVersion(4, 5, 'use case uc_1');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PreconditionFailed);
      expect((err as PreconditionFailed).status).toBe(412);
      expect((err as PreconditionFailed).extra).toEqual({ currentEtag: '"v5"' });
      expect((err as Error).message).toContain('use case uc_1');
    }
  });
});
