import { describe, expect, it } from 'vitest';
import { LatencySketch } from './latency-sketch.js';

/** Nearest-rank percentile of raw values: the definition the sketch follows. */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** A deterministic long-tailed latency sample (log-normal-ish) from a linear congruential generator. */
function latencies(n: number, seed: number): number[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => Math.round(Math.exp(5 + 1.5 * (next() + next() + next() - 1.5))));
}

describe('latency sketch', () => {
  it('is empty until something is recorded', () => {
    const sketch = LatencySketch.empty();
    expect(sketch.count).toBe(0);
    expect(sketch.percentile(95)).toBeNull();
  });

  it('reports percentiles at most 1/128 above the exact nearest-rank value, and exactly below 256 ms', () => {
    const values = latencies(20_000, 7);
    const sketch = LatencySketch.empty();
    for (const v of values) sketch.record(v);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const exact = exactPercentile(values, p);
      const reported = sketch.percentile(p)!;
      expect(reported).toBeGreaterThanOrEqual(exact);
      expect(reported - exact).toBeLessThanOrEqual(exact / 128);
    }
    const fast = LatencySketch.empty();
    for (const v of [3, 17, 120, 255]) fast.record(v);
    expect([25, 50, 75, 100].map((p) => fast.percentile(p))).toEqual([3, 17, 120, 255]);
  });

  it('gives the same percentiles from 60 merged minutes as from one sketch of every value, in any merge order', () => {
    const minutes = Array.from({ length: 60 }, (_, i) => latencies(500, i + 1));
    const whole = LatencySketch.empty();
    const merged = LatencySketch.empty();
    const reversed = LatencySketch.empty();
    const parts = minutes.map((values) => {
      const part = LatencySketch.empty();
      for (const v of values) {
        part.record(v);
        whole.record(v);
      }
      return part;
    });
    for (const part of parts) merged.merge(part);
    for (const part of [...parts].reverse()) reversed.merge(part);
    for (const p of [50, 95, 99]) {
      expect(merged.percentile(p)).toBe(whole.percentile(p));
      expect(reversed.percentile(p)).toBe(whole.percentile(p));
    }
    expect(merged.count).toBe(30_000);
  });

  it('survives a round trip through base64 and keeps growing past an hour', () => {
    const sketch = LatencySketch.empty();
    for (const v of [0.4, 12, 480, 9_000, 7_200_000]) sketch.record(v);
    const back = LatencySketch.fromBase64(sketch.toBase64());
    expect(back.count).toBe(5);
    expect([1, 50, 100].map((p) => back.percentile(p))).toEqual([1, 50, 100].map((p) => sketch.percentile(p)));
    expect(back.percentile(50)).toBe(481); // 480 sits in a 2 ms wide bucket: its upper edge is reported
    expect(back.percentile(100)).toBeGreaterThanOrEqual(7_200_000);
  });
});
