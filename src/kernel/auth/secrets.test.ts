import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, hashSecret, sameSecret, SESSION_PREFIX, TOKEN_PREFIX, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hash passwords with argon2id and verify only the right one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
  });

  it('treat a missing or malformed password hash as a failed sign-in, not an error', async () => {
    expect(await verifyPassword(null, 'x')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('hash token secrets with sha256 hex', () => {
    expect(hashSecret('chr_pat_abc')).toBe(createHash('sha256').update('chr_pat_abc').digest('hex'));
  });

  it('compare secrets without throwing on different lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('use distinct prefixes for tokens and sessions', () => {
    expect(TOKEN_PREFIX).toBe('chr_pat');
    expect(SESSION_PREFIX).not.toBe(TOKEN_PREFIX);
  });
});
