import { describe, expect, it } from 'vitest';
import {
  binCounts, categoricalDrift, decileEdges, DEFAULT_DRIFT_THRESHOLDS, jensenShannonDivergence, kolmogorovSmirnov,
  kolmogorovSurvival, numericDrift, populationStabilityIndex,
} from './drift.js';

// Reference values: hand-computed where short; otherwise from SciPy 1.17 (scipy.special.kolmogorov,
// scipy.stats.ks_2samp, scipy.spatial.distance.jensenshannon squared, base 2).

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('binning', () => {
  it('puts the edges on the reference deciles and a tenth of the reference in each bin', () => {
    const reference = range(1, 100);
    expect(decileEdges(reference)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(binCounts(reference, decileEdges(reference))).toEqual(new Array(10).fill(10));
  });

  it('merges repeated edges of a signal with few distinct values and keeps open outer bins', () => {
    const reference = [...new Array(80).fill(1), ...new Array(20).fill(2)];
    expect(decileEdges(reference)).toEqual([1, 2]);
    expect(binCounts([0, 1, 1.5, 2, 3, 99], [1, 2])).toEqual([2, 2, 2]);
  });
});

describe('population stability index', () => {
  it('matches the hand-computed value for a 50/50 → 25/75 shift', () => {
    // (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5) = 0.173287 + 0.101366
    expect(populationStabilityIndex([50, 50], [25, 75])).toBeCloseTo(0.2746530721670274, 12);
  });

  it('is zero for identical distributions and finite when a bin empties', () => {
    expect(populationStabilityIndex([10, 20, 30], [1, 2, 3])).toBe(0);
    expect(Number.isFinite(populationStabilityIndex([10, 10], [20, 0]))).toBe(true);
  });
});

describe('Jensen–Shannon divergence', () => {
  it('matches SciPy for a 50/50 → 25/75 shift', () => {
    expect(jensenShannonDivergence([50, 50], [25, 75])).toBeCloseTo(0.048794940695398505, 12);
  });

  it('is 0 for equal and 1 for disjoint distributions', () => {
    expect(jensenShannonDivergence([3, 1], [6, 2])).toBeCloseTo(0, 15);
    expect(jensenShannonDivergence([1, 0], [0, 1])).toBe(1);
  });
});

describe('Kolmogorov–Smirnov', () => {
  it('gives the Kolmogorov distribution at its published critical values', () => {
    expect(kolmogorovSurvival(1.36)).toBeCloseTo(0.049485876755377876, 10);
    expect(kolmogorovSurvival(1.63)).toBeCloseTo(0.009846364888486529, 10);
    expect(kolmogorovSurvival(1.0)).toBeCloseTo(0.26999967167735456, 10);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639452436648751, 10);
    expect(kolmogorovSurvival(0)).toBe(1);
  });

  it('matches SciPy’s statistic and the Stephens-corrected asymptotic p-value', () => {
    const x = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47];
    const y = [2.2, 1.66, 1.38, 0.2, 0.36, 0.0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.71];
    const ks = kolmogorovSmirnov(x, y);
    expect(ks.statistic).toBeCloseTo(0.23, 12);
    // Q_KS((√(n·m/(n+m)) + 0.12 + 0.11/√(n·m/(n+m)))·D) with n = 25, m = 20; SciPy's exact p-value is 0.5286.
    expect(ks.pValue).toBeCloseTo(0.5411245537216747, 8);
  });

  it('steps past ties in both samples before measuring the gap', () => {
    expect(kolmogorovSmirnov([1, 1, 2, 2], [1, 2, 2, 2]).statistic).toBe(0.25);
    expect(kolmogorovSmirnov(range(1, 5), range(6, 10)).statistic).toBe(1);
  });
});

describe('drift reports', () => {
  it('finds no drift between a window and itself', () => {
    const values = range(1, 500).map((i) => (i * 37) % 101);
    const report = numericDrift(values, values)!;
    expect(report).toMatchObject({ psi: 0, ks: { statistic: 0, pValue: 1 }, level: 'none', referenceSize: 500 });
    expect(report.jsDivergence).toBeCloseTo(0, 12);
  });

  it('raises a critical level when input lengths grow by half', () => {
    const reference = range(1, 1000).map((i) => 200 + (i % 400));
    const current = reference.map((v) => v * 1.5);
    const report = numericDrift(reference, current)!;
    expect(report.psi).toBeGreaterThan(DEFAULT_DRIFT_THRESHOLDS.psi.critical);
    expect(report.ks!.pValue).toBeLessThan(0.001);
    expect(report.level).toBe('critical');
  });

  it('ignores a trivial KS gap unless it is also significant', () => {
    const thresholds = { ...DEFAULT_DRIFT_THRESHOLDS, psi: { warning: 9, critical: 10 }, jsDivergence: { warning: 9, critical: 10 } };
    const report = numericDrift([1, 2, 3, 4], [2, 3, 4, 5], { ...thresholds, ksStatistic: { warning: 0.1, critical: 0.2 } })!;
    expect(report.ks!.statistic).toBe(0.25);
    expect(report.ks!.pValue).toBeGreaterThan(0.5);
    expect(report.level).toBe('none');
  });

  it('compares categorical signals over every category seen in either window', () => {
    const report = categoricalDrift({ none: 90, personal: 10 }, { none: 60, personal: 30, health: 10 })!;
    expect(report.bins).toBe(3);
    expect(report.psi).toBeCloseTo(1.0314467425363867, 10);
    expect(report.jsDivergence).toBeCloseTo(0.10953142926717195, 10);
    expect(report).toMatchObject({ ks: null, referenceSize: 100, currentSize: 100, level: 'critical' });
  });

  it('reports nothing to compare when a window is empty', () => {
    expect(numericDrift([], [1])).toBeNull();
    expect(categoricalDrift({ refusal: 3 }, {})).toBeNull();
  });
});
