import { describe, expect, it } from 'vitest';
import { METRIC_KINDS, METRIC_NAMES } from './metric.js';
import { computeMetrics, METRICS, metricNamed } from './registry.js';

describe('the metric registry', () => {
  it('holds one uniform handler per metric name', () => {
    for (const name of METRIC_NAMES) {
      const metric = METRICS[name];
      expect(metric.name).toBe(name);
      expect(METRIC_KINDS).toContain(metric.kind);
      expect(['higher', 'lower']).toContain(metric.better);
      expect(metric.description.length).toBeGreaterThan(10);
    }
  });

  it('looks metrics up by name and computes several over the same cases', () => {
    expect(metricNamed('f1')).toBe(METRICS.f1);
    expect(() => metricNamed('vibes')).toThrow(/no metric named "vibes"/);
    const cases = [{ id: '1', output: '123', reference: '123', latencyMs: 40 }, { id: '2', output: 'abc', reference: '124', latencyMs: 60 }];
    expect(computeMetrics(cases, [{ metric: 'exact_match' }, { metric: 'regex', options: { pattern: '^\\d+$' } }, { metric: 'latency_p50' }])).toEqual({
      exact_match: { value: 0.5, support: 2 },
      regex: { value: 0.5, support: 2 },
      latency_p50: { value: 40, support: 2, details: { p50: 40, p90: 60, p95: 60, p99: 60, mean: 50, max: 60 } },
    });
  });
});
