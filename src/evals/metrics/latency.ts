import type { Metric, MetricName, MetricResult, ScoredCase } from './metric.js';

/** Nearest-rank percentile of ascending values: the smallest value with at least p % of values at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencyProfile(cases: readonly ScoredCase[]): { sorted: Float64Array; mean: number } {
  let n = 0;
  for (const c of cases) if (c.latencyMs !== undefined) n++;
  const sorted = new Float64Array(n);
  let i = 0;
  let sum = 0;
  for (const c of cases) {
    if (c.latencyMs === undefined) continue;
    sorted[i++] = c.latencyMs;
    sum += c.latencyMs;
  }
  sorted.sort();
  return { sorted, mean: n ? sum / n : 0 };
}

function latencyPercentile(name: MetricName, p: number): Metric {
  return {
    name,
    kind: 'operational',
    better: 'lower',
    description: `${p}th percentile of call latency in milliseconds (nearest rank), failed calls included`,
    compute(cases): MetricResult {
      const { sorted, mean } = latencyProfile(cases);
      if (!sorted.length) return { value: null, support: 0 };
      const details = { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean, max: sorted[sorted.length - 1] };
      return { value: percentile(sorted, p), support: sorted.length, details };
    },
  };
}

export const latencyP50 = latencyPercentile('latency_p50', 50);
export const latencyP95 = latencyPercentile('latency_p95', 95);
export const latencyP99 = latencyPercentile('latency_p99', 99);
