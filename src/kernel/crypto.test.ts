import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring } from './crypto.js';

describe('Keyring', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('seals with the current key, names it, and opens what it sealed', () => {
    const ring = new Keyring(a);
    const sealed = ring.seal('sk-live-123');
    expect(sealed.keyId).toBe(ring.currentId);
    expect(sealed.data).not.toContain('sk-live');
    expect(ring.open(sealed)).toBe('sk-live-123');
  });

  it('opens values sealed with a previous key after rotation, and refuses unknown keys', () => {
    const old = new Keyring(a).seal('secret');
    expect(new Keyring(b, [a]).open(old)).toBe('secret');
    expect(() => new Keyring(b).open(old)).toThrow(/CHARTER_PREVIOUS_MASTER_KEYS/);
  });

  it('detects tampering through the GCM tag', () => {
    const ring = new Keyring(a);
    const sealed = ring.seal('secret');
    const raw = Buffer.from(sealed.data, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => ring.open({ ...sealed, data: raw.toString('base64url') })).toThrow();
  });

  it('derives stable purpose-bound secrets that differ by purpose and context', () => {
    const ring = new Keyring(a);
    expect(ring.derive('webhook', 't1').equals(new Keyring(a).derive('webhook', 't1'))).toBe(true);
    expect(ring.derive('webhook', 't1').equals(ring.derive('webhook', 't2'))).toBe(false);
    expect(ring.derive('webhook', 't1').equals(ring.derive('findings', 't1'))).toBe(false);
  });
});
