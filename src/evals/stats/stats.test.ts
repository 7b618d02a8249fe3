import { describe, expect, it } from 'vitest';
import type { ScoredCase } from '../metrics/metric.js';
import { METRICS } from '../metrics/registry.js';
import { bootstrapInterval, pairedBootstrap } from './bootstrap.js';
import { mcnemar, mcnemarForMetric } from './mcnemar.js';
import { SeededSampler } from './prng.js';

/** `n` classification cases, the ones listed in `wrong` answered wrongly. */
function run(n: number, wrong: (i: number) => boolean): ScoredCase[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i}`, output: 'x', label: i % 3 === 0 ? 'a' : 'b', predicted: wrong(i) ? 'z' : i % 3 === 0 ? 'a' : 'b' }));
}

describe('seeded sampling', () => {
  const draw = (seed: number, n: number, width: number) => {
    const out = new Uint32Array(n);
    new SeededSampler(seed).fill(out, width);
    return out;
  };

  it('repeats for a seed, differs between seeds and spreads evenly over the indices', () => {
    expect(draw(42, 8, 1000)).toEqual(draw(42, 8, 1000));
    expect(draw(43, 8, 1000)).not.toEqual(draw(42, 8, 1000));
    const counts = new Array(10).fill(0);
    for (const i of draw(7, 50_000, 10)) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(300);
  });

  it('continues the sequence across fills', () => {
    const sampler = new SeededSampler(9);
    const first = new Uint32Array(4);
    const second = new Uint32Array(4);
    sampler.fill(first, 1 << 30);
    sampler.fill(second, 1 << 30);
    expect([...first, ...second]).toEqual([...draw(9, 8, 1 << 30)]);
  });
});

describe('bootstrap confidence intervals', () => {
  const cases = run(100, (i) => i % 5 === 0);

  it('brackets accuracy about as widely as the normal approximation, the same for the same seed', () => {
    const ci = bootstrapInterval(METRICS.accuracy, cases, { seed: 3 });
    expect(ci.value).toBe(0.8);
    // Normal approximation: 0.8 ± 1.96 · √(0.16 / 100) = 0.8 ± 0.078.
    expect(ci.low!).toBeGreaterThan(0.69);
    expect(ci.low!).toBeLessThan(0.75);
    expect(ci.high!).toBeGreaterThan(0.85);
    expect(ci.high!).toBeLessThan(0.9);
    expect(bootstrapInterval(METRICS.accuracy, cases, { seed: 3 })).toEqual(ci);
  });

  it('recomputes metrics that are not a mean of per-case scores on each resample', () => {
    const ci = bootstrapInterval(METRICS.f1, cases, { iterations: 200, seed: 5 });
    expect(ci.low!).toBeLessThanOrEqual(ci.value!);
    expect(ci.high!).toBeGreaterThanOrEqual(ci.value!);
    expect(ci.iterations).toBe(200);
  });

  it('returns no interval when the metric has no value, and rejects silly settings', () => {
    expect(bootstrapInterval(METRICS.auroc, cases)).toMatchObject({ value: null, low: null, high: null });
    expect(() => bootstrapInterval(METRICS.accuracy, cases, { iterations: 5 })).toThrow(/iterations/);
    expect(() => bootstrapInterval(METRICS.accuracy, cases, { confidence: 1.5 })).toThrow(/confidence/);
  });
});

describe('metric resamplers', () => {
  it('give on resampled indices exactly what the metric computes on the resampled cases', () => {
    const labels = ['a', 'b', 'c'];
    const cases: ScoredCase[] = Array.from({ length: 60 }, (_, i) => {
      const p = ((i * 37) % 100) / 100;
      return { id: String(i), output: 'x', label: labels[i % 3], predicted: i % 4 ? labels[i % 3] : labels[(i + 1) % 3], scores: { a: p, b: (1 - p) / 2, c: Math.round(((1 - p) / 2) * 10) / 10 } };
    });
    const indices = new Uint32Array(60);
    new SeededSampler(11).fill(indices, 60);
    const resampled = Array.from(indices, (i) => cases[i]);
    for (const metric of Object.values(METRICS)) {
      if (!metric.resampler) continue;
      const options = { bins: 5 };
      expect(metric.resampler(cases, options)(indices), metric.name).toBeCloseTo(metric.compute(resampled, options).value!, 12);
    }
  });
});

describe('paired bootstrap against the current release', () => {
  const baseline = run(200, () => false);

  it('finds a significant regression when the candidate loses many cases', () => {
    const result = pairedBootstrap(METRICS.accuracy, baseline, run(200, (i) => i % 7 === 0));
    expect(result.delta).toBeCloseTo(-29 / 200, 12);
    expect(result.high!).toBeLessThan(0);
    expect(result.significantRegression).toBe(true);
    expect(result.pairs).toBe(200);
  });

  it('does not call one lost case in 200 a significant regression', () => {
    const result = pairedBootstrap(METRICS.accuracy, baseline, run(200, (i) => i === 5));
    expect(result.delta).toBeCloseTo(-0.005, 12);
    expect(result.significantRegression).toBe(false);
  });

  it('reads the direction of a lower-is-better metric, and compares only the cases both runs have', () => {
    const worse = pairedBootstrap(METRICS.error_rate, baseline, run(200, (i) => i % 4 === 0));
    expect(worse.low!).toBeGreaterThan(0);
    expect(worse.significantRegression).toBe(true);
    const better = pairedBootstrap(METRICS.error_rate, run(200, (i) => i % 4 === 0), baseline);
    expect(better.significantRegression).toBe(false);
    const partial = pairedBootstrap(METRICS.accuracy, baseline.slice(0, 150), baseline);
    expect(partial.pairs).toBe(150);
  });

  it('compares non-mean metrics such as macro F1 by recomputing them on each resample', () => {
    const result = pairedBootstrap(METRICS.f1, baseline, run(200, (i) => i % 5 === 0), { iterations: 300 });
    expect(result.significantRegression).toBe(true);
  });
});

describe("McNemar's test", () => {
  const outcomes = (b: number, c: number, same: number) => ({
    baseline: [...Array(b).fill(true), ...Array(c).fill(false), ...Array(same).fill(true)],
    candidate: [...Array(b).fill(false), ...Array(c).fill(true), ...Array(same).fill(true)],
  });

  it('gives the exact two-sided binomial p-value of the discordant cases', () => {
    // b = 10, c = 2: p = 2 · (C(12,0) + C(12,1) + C(12,2)) / 2¹² = 2 · 79 / 4096.
    const { baseline, candidate } = outcomes(10, 2, 50);
    const result = mcnemar(baseline, candidate);
    expect(result.pValue).toBeCloseTo((2 * 79) / 4096, 12);
    expect(result).toMatchObject({ baselineOnly: 10, candidateOnly: 2, pairs: 62, significantRegression: true });
    expect(mcnemar(candidate, baseline).significantRegression).toBe(false);
  });

  it('stays exact without underflow for thousands of discordant cases', () => {
    const { baseline, candidate } = outcomes(600, 400, 0);
    const p = mcnemar(baseline, candidate).pValue;
    expect(p).toBeGreaterThan(1e-12);
    expect(p).toBeLessThan(1e-8);
    expect(mcnemar([true], [true]).pValue).toBe(1);
  });

  it('runs on a pass/fail metric by case id and refuses graded or whole-run metrics', () => {
    const baseline = run(100, () => false);
    const result = mcnemarForMetric(METRICS.accuracy, baseline, run(100, (i) => i < 12));
    expect(result).toMatchObject({ metric: 'accuracy', baselineOnly: 12, candidateOnly: 0, significantRegression: true });
    expect(() => mcnemarForMetric(METRICS.f1, baseline, baseline)).toThrow(/paired bootstrap/);
    const graded = [{ id: '1', output: 'x y', reference: 'x z' }];
    expect(() => mcnemarForMetric(METRICS.token_f1, graded, graded)).toThrow(/not pass\/fail/);
  });
});
