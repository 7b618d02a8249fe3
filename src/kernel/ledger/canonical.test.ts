import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest, sha256Hex } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal text for equal data whatever the key insertion order', () => {
    const one = { tenantId: 't', seq: 7, after: { stage: 'pilot', reason: null } };
    const two = { after: { reason: null, stage: 'pilot' }, seq: 7, tenantId: 't' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order (arrays are ordered data)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes scalars as JSON does and undefined/null as null', () => {
    expect(canonicalJson('a"b\n')).toBe(JSON.stringify('a"b\n'));
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('ünïcødé ✓')).toBe('"ünïcødé ✓"');
  });

  it('drops undefined object members, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  // The ledger stores JSON.stringify(after) and later re-hashes JSON.parse of it, so canonical JSON of a value and of
  // its JSON round trip must agree, or an honest entry would verify as modified.
  it.each([
    ['a Date', { at: new Date('2026-03-02T09:00:00.000Z') }],
    ['a nested Date in an array', { history: [{ at: new Date('2026-03-02T09:00:00.000Z'), stage: 'pilot' }] }],
    ['an object with toJSON', { amount: { toJSON: () => '12.50 EUR' } }],
    ['undefined inside an array', { list: [1, undefined, 3] }],
    ['non-finite numbers', { score: Number.NaN, cap: Number.POSITIVE_INFINITY }],
    ['function and symbol members', { a: 1, f: () => 1, s: Symbol('x'), list: [() => 1] }],
  ])('agrees with its own JSON round trip for %s', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });
});

describe('digest', () => {
  it('keeps the sha256 and the byte length of a payload, never the payload', () => {
    const prompt = 'Summarise claim 4711 for Jane Doe, DOB 1980-01-01';
    const d = digest(prompt);
    expect(d).toEqual({ sha256: createHash('sha256').update(prompt).digest('hex'), bytes: Buffer.byteLength(prompt) });
    expect(JSON.stringify(d)).not.toContain('Jane');
  });

  it('counts bytes, not characters, and hashes buffers the same as their text', () => {
    expect(digest('é').bytes).toBe(2);
    expect(digest(Buffer.from('é')).sha256).toBe(sha256Hex('é'));
  });
});
