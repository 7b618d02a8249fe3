import { describe, expect, it } from 'vitest';
import { DistinctCount, hash53 } from './distinct.js';

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `user_${from + i}@example.com`);

describe('distinct counts', () => {
  it('hashes to 53-bit integers', () => {
    for (const id of ids(0, 1000)) {
      const h = hash53(id);
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    }
    expect(hash53('a')).not.toBe(hash53('b'));
  });

  it('counts exactly up to 512 ids, repeats included', () => {
    const count = DistinctCount.of([...ids(0, 512), ...ids(0, 100)]);
    expect(count.isExact).toBe(true);
    expect(count.estimate()).toBe(512);
  });

  it.each([600, 2_000, 5_000, 12_000, 50_000, 200_000])('estimates %i distinct ids within 5%% (3 standard errors)', (n) => {
    const count = DistinctCount.of(ids(0, n));
    expect(count.isExact).toBe(false);
    expect(Math.abs(count.estimate() - n) / n).toBeLessThan(0.05);
  });

  it('merges minute counts into the count of the union, overlaps counted once', () => {
    const minutes = [ids(0, 300), ids(200, 500), ids(400, 450)].map((m) => DistinctCount.of(m));
    const hour = new DistinctCount();
    for (const m of minutes) hour.merge(m);
    expect(hour.estimate()).toBe(500);
    expect(minutes[0].estimate()).toBe(300);
  });

  it('merges a register sketch with an exact one either way round to the same count', () => {
    const big = DistinctCount.of(ids(0, 20_000));
    const small = DistinctCount.of(ids(19_900, 20_100));
    const a = big.clone();
    a.merge(small);
    const b = small.clone();
    b.merge(big);
    expect(a.estimate()).toBe(b.estimate());
    expect(Math.abs(a.estimate() - 20_100) / 20_100).toBeLessThan(0.05);
  });

  it('survives a round trip through bytes and base64 in both forms', () => {
    for (const n of [0, 10, 5_000]) {
      const count = DistinctCount.of(ids(0, n));
      const back = DistinctCount.fromBase64(count.toBase64());
      expect(back.estimate()).toBe(count.estimate());
      expect(back.isExact).toBe(count.isExact);
    }
    expect(DistinctCount.of(ids(0, 5_000)).toBytes().length).toBe(4097);
    expect(() => DistinctCount.fromBytes(new Uint8Array([9, 1, 2]))).toThrow('not an encoded distinct count');
  });
});
