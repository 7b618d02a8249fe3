import { Invalid } from '../../kernel/errors.js';
import type { Metric, MetricOptions, ScoredCase } from '../metrics/metric.js';
import { alignCases } from './pairs.js';
import { SeededSampler } from './prng.js';

export interface BootstrapOptions {
  /** resamples (default 1000) */
  iterations?: number;
  /** two-sided confidence level (default 0.95) */
  confidence?: number;
  seed?: number;
  metricOptions?: MetricOptions;
}

export interface ConfidenceInterval {
  value: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  iterations: number;
  seed: number;
}

function settings(o: BootstrapOptions) {
  const iterations = o.iterations ?? 1000;
  const confidence = o.confidence ?? 0.95;
  if (!Number.isInteger(iterations) || iterations < 100 || iterations > 100_000) throw new Invalid('iterations must be a whole number from 100 to 100,000', [{ path: 'iterations', message: 'from 100 to 100,000' }]);
  if (!(confidence > 0.5 && confidence < 1)) throw new Invalid('confidence must be between 0.5 and 1', [{ path: 'confidence', message: 'between 0.5 and 1' }]);
  return { iterations, confidence, seed: o.seed ?? 1, metricOptions: o.metricOptions ?? {} };
}

/** Linear-interpolation quantile of ascending values. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (pos - lower);
}

/** Percentile interval of resampled statistics; resamples where the metric had no value are dropped. */
function interval(stats: Float64Array, count: number, confidence: number): { low: number | null; high: number | null } {
  if (count === 0) return { low: null, high: null };
  const sorted = stats.subarray(0, count).sort();
  const tail = (1 - confidence) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
}

/** Resamples `width` case indices (with replacement) `iterations` times and collects `statistic(indices)`. */
function resample(width: number, iterations: number, seed: number, statistic: (indices: Uint32Array) => number | null): { stats: Float64Array; count: number } {
  const sampler = new SeededSampler(seed);
  const indices = new Uint32Array(width);
  const stats = new Float64Array(iterations);
  let count = 0;
  for (let it = 0; it < iterations; it++) {
    sampler.fill(indices, width);
    const s = statistic(indices);
    if (s !== null && !Number.isNaN(s)) stats[count++] = s;
  }
  return { stats, count };
}

/**
 * A statistic of one run over resampled indices, and its value on the run itself: the mean of per-case scores for
 * mean metrics, the metric's own resampler when it has one, otherwise the metric recomputed on the resampled cases.
 */
function runStatistic(metric: Metric, cases: readonly ScoredCase[], options: MetricOptions): { value: number | null; width: number; at: (indices: Uint32Array) => number | null } {
  if (metric.scorer) {
    const score = metric.scorer(options);
    const scores = new Float64Array(cases.length);
    cases.forEach((c, i) => (scores[i] = score(c) ?? Number.NaN));
    return { value: metric.compute(cases, options).value, width: cases.length, at: (indices) => meanAt(scores, indices) };
  }
  const value = metric.compute(cases, options).value;
  if (metric.resampler) return { value, width: cases.length, at: metric.resampler(cases, options) };
  const buffer: ScoredCase[] = new Array(cases.length);
  return {
    value,
    width: cases.length,
    at: (indices) => {
      for (let i = 0; i < indices.length; i++) buffer[i] = cases[indices[i]];
      return metric.compute(buffer, options).value;
    },
  };
}

function meanAt(scores: Float64Array, indices: Uint32Array): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < indices.length; i++) {
    const s = scores[indices[i]];
    if (s === s) {
      sum += s;
      n++;
    }
  }
  return n ? sum / n : null;
}

/** Bootstrap percentile confidence interval of a metric over one run's cases. Deterministic for a given seed. */
export function bootstrapInterval(metric: Metric, cases: readonly ScoredCase[], options: BootstrapOptions = {}): ConfidenceInterval {
  const { iterations, confidence, seed, metricOptions } = settings(options);
  const run = runStatistic(metric, cases, metricOptions);
  if (run.value === null) return { value: null, low: null, high: null, confidence, iterations, seed };
  const { stats, count } = resample(run.width, iterations, seed, run.at);
  return { value: run.value, ...interval(stats, count, confidence), confidence, iterations, seed };
}

export interface PairedComparison {
  method: 'paired_bootstrap';
  metric: string;
  baseline: number | null;
  candidate: number | null;
  /** candidate − baseline, with its interval */
  delta: number | null;
  low: number | null;
  high: number | null;
  /** cases both runs answered */
  pairs: number;
  /** the whole interval lies on the metric's worse side */
  significantRegression: boolean;
  confidence: number;
  iterations: number;
  seed: number;
}

/**
 * Paired bootstrap of the difference candidate − baseline over the cases both runs share: each resample draws the
 * same cases for both runs, so case difficulty cancels out. A regression is significant when the whole interval of
 * the difference lies on the metric's worse side.
 */
export function pairedBootstrap(metric: Metric, baselineCases: readonly ScoredCase[], candidateCases: readonly ScoredCase[], options: BootstrapOptions = {}): PairedComparison {
  const { iterations, confidence, seed, metricOptions } = settings(options);
  const aligned = alignCases(baselineCases, candidateCases);
  const base = runStatistic(metric, aligned.baseline, metricOptions);
  const cand = runStatistic(metric, aligned.candidate, metricOptions);
  const result = { method: 'paired_bootstrap' as const, metric: metric.name, baseline: base.value, candidate: cand.value, pairs: aligned.candidate.length, confidence, iterations, seed };
  if (base.value === null || cand.value === null) return { ...result, delta: null, low: null, high: null, significantRegression: false };
  const { stats, count } = resample(base.width, iterations, seed, (indices) => {
    const b = base.at(indices);
    const c = cand.at(indices);
    return b === null || c === null ? null : c - b;
  });
  const { low, high } = interval(stats, count, confidence);
  const significantRegression = low !== null && high !== null && (metric.better === 'higher' ? high < 0 : low > 0);
  return { ...result, delta: cand.value - base.value, low, high, significantRegression };
}
