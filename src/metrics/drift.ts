/**
 * Drift between a reference window and the current window.
 *
 * Numeric signals (input length, model scores, latency) are binned on the reference window's deciles: the nine
 * inner edges are the values at ranks ⌈k·n/10⌉ (k = 1…9) of the sorted reference, each bin holds the values in
 * (previous edge, edge], and the outer bins are open-ended. Equal-frequency bins put about 10% of the reference in
 * each, so PSI weighs every part of the distribution alike; repeated edges (a signal with few distinct values)
 * are merged. Categorical signals (data classes found, refusals, labels) use one bin per category seen in either
 * window.
 *
 * PSI = Σ (c − r)·ln(c / r) over bins, with an empty bin's share floored at 1e-4 so the sum stays finite.
 * Jensen–Shannon divergence uses log base 2, so it lies in [0, 1]; empty bins need no floor.
 * Kolmogorov–Smirnov is computed on the raw values; its p-value is the asymptotic Kolmogorov distribution with
 * Stephens' small-sample correction (Numerical Recipes 3rd ed., §14.3.3).
 */
import type { Thresholds } from './schema.js';

const EMPTY_SHARE = 1e-4;

export function decileEdges(reference: readonly number[], bins = 10): number[] {
  const sorted = [...reference].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.ceil((k * sorted.length) / bins) - 1];
    if (edge !== undefined && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Counts per bin of (edges[i−1], edges[i]], with an open first and last bin: edges.length + 1 bins. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

const shares = (counts: readonly number[]): number[] => {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
};

export function populationStabilityIndex(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const r = shares(referenceCounts);
  const c = shares(currentCounts);
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = Math.max(r[i], EMPTY_SHARE);
    const ci = Math.max(c[i], EMPTY_SHARE);
    psi += (ci - ri) * Math.log(ci / ri);
  }
  return psi;
}

export function jensenShannonDivergence(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) divergence += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) divergence += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.max(0, divergence);
}

/** Two-sample Kolmogorov–Smirnov: the largest gap between the empirical distribution functions. */
export function kolmogorovSmirnov(reference: readonly number[], current: readonly number[]): { statistic: number; pValue: number } {
  const a = [...reference].sort((x, y) => x - y);
  const b = [...current].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === v) i++; // step past ties in both samples before comparing
    while (j < b.length && b[j] === v) j++;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  return { statistic, pValue: kolmogorovSurvival((en + 0.12 + 0.11 / en) * statistic) };
}

/** Q_KS(λ) = P(K > λ) of the Kolmogorov distribution, with the series that converges fast on each side of 1.18. */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const y = Math.exp((-Math.PI * Math.PI) / (8 * lambda * lambda));
    let sum = 0;
    for (let k = 1; k < 20; k += 2) sum += y ** (k * k);
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

export type DriftLevel = 'none' | 'warning' | 'critical';

/** From the policy pack. KS counts only when its p-value is below `ksAlpha`, so large windows do not flag trivial gaps. */
export interface DriftThresholds {
  psi: Thresholds;
  jsDivergence: Thresholds;
  ksStatistic: Thresholds;
  ksAlpha: number;
}

/** Common practice: PSI under 0.1 is stable and over 0.25 a significant shift. */
export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psi: { warning: 0.1, critical: 0.25 },
  jsDivergence: { warning: 0.05, critical: 0.1 },
  ksStatistic: { warning: 0.1, critical: 0.2 },
  ksAlpha: 0.01,
};

export interface DriftReport {
  psi: number;
  jsDivergence: number;
  ks: { statistic: number; pValue: number } | null;
  bins: number;
  referenceSize: number;
  currentSize: number;
  level: DriftLevel;
}

const levelOf = (value: number, t: Thresholds): DriftLevel => (value >= t.critical ? 'critical' : value >= t.warning ? 'warning' : 'none');
const worst = (levels: DriftLevel[]): DriftLevel => (levels.includes('critical') ? 'critical' : levels.includes('warning') ? 'warning' : 'none');

/** Null when either window is empty: there is nothing to compare, which a monitor reports as NO_DATA. */
export function numericDrift(reference: readonly number[], current: readonly number[], thresholds = DEFAULT_DRIFT_THRESHOLDS): DriftReport | null {
  if (reference.length === 0 || current.length === 0) return null;
  const edges = decileEdges(reference);
  const r = binCounts(reference, edges);
  const c = binCounts(current, edges);
  const psi = populationStabilityIndex(r, c);
  const jsDivergence = jensenShannonDivergence(r, c);
  const ks = kolmogorovSmirnov(reference, current);
  const ksLevel = ks.pValue < thresholds.ksAlpha ? levelOf(ks.statistic, thresholds.ksStatistic) : 'none';
  return {
    psi, jsDivergence, ks, bins: r.length, referenceSize: reference.length, currentSize: current.length,
    level: worst([levelOf(psi, thresholds.psi), levelOf(jsDivergence, thresholds.jsDivergence), ksLevel]),
  };
}

/** Drift of a categorical signal given counts per category in each window; null when either window is empty. */
export function categoricalDrift(
  reference: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
  thresholds = DEFAULT_DRIFT_THRESHOLDS,
): DriftReport | null {
  const categories = [...new Set([...Object.keys(reference), ...Object.keys(current)])].sort();
  const r = categories.map((k) => reference[k] ?? 0);
  const c = categories.map((k) => current[k] ?? 0);
  const referenceSize = r.reduce((a, b) => a + b, 0);
  const currentSize = c.reduce((a, b) => a + b, 0);
  if (referenceSize === 0 || currentSize === 0) return null;
  const psi = populationStabilityIndex(r, c);
  const jsDivergence = jensenShannonDivergence(r, c);
  return {
    psi, jsDivergence, ks: null, bins: categories.length, referenceSize, currentSize,
    level: worst([levelOf(psi, thresholds.psi), levelOf(jsDivergence, thresholds.jsDivergence)]),
  };
}
