import { describe, expect, it } from 'vitest';
import { newId, newSecret } from './ids.js';

describe('newId', () => {
  it('is prefixed, fixed-length and uses an unambiguous lower-case alphabet', () => {
    const id = newId('uc');
    expect(id).toMatch(/^uc_[0-9a-hjkmnp-tv-z]{20}$/);
  });

  it('sorts by creation time', () => {
    const times = [0, 1, 31, 32, 1_000_000, Date.parse('2026-03-02T09:00:00Z'), Date.parse('2126-03-02T09:00:00Z')];
    const ids = times.map((t) => newId('x', t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 2000 }, () => newId('x', at)));
    expect(ids.size).toBe(2000);
  });
});

describe('newSecret', () => {
  it('carries its recognisable prefix and 192 random bits', () => {
    const s = newSecret('chr_pat');
    expect(s).toMatch(/^chr_pat_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(s.slice('chr_pat_'.length), 'base64url')).toHaveLength(24);
    expect(newSecret('chr_pat')).not.toBe(s);
  });
});
