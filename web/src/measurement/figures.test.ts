import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue, groupByLayer, linePath, monitorCounts, outcomeProgressText, progressPercent, sortIncidents, summariseSeries, thresholdText } from './figures';
import type { OutcomeFigures, TrackedMetric } from './types';

const outcome = (o: Partial<OutcomeFigures>): OutcomeFigures => ({ baseline: 42, target: 29.4, current: 34.6, progress: 0.587, expected: 0.3, achieved: false, status: 'on_track', targetDate: '2027-03-31', ...o });

const metric = (m: Partial<TrackedMetric>): TrackedMetric => ({
  key: 'gateway.error_rate', name: 'Error rate', description: '', layer: 'operational_health', adoption: false, unit: 'ratio', direction: 'decrease', baseline: null, target: null,
  thresholds: { warning: 0.02, critical: 0.05 }, owner: 'platform team', reviewCadence: 'daily', source: 'gateway', origin: 'builtin', monitor: null, ...m,
});

const monitor = (state: 'OK' | 'WARNING' | 'ALERT' | 'NO_DATA', thresholds = { warning: 0.02, critical: 0.05 }) => ({
  thresholds, windowMs: 900_000, minSamples: 20, onAlert: [], state, since: null, value: null, samples: 0, reason: '', evaluatedAt: null,
});

describe('metric values in their units', () => {
  it('reads ratios as percentages, minutes and money in their units, and nothing as a dash', () => {
    expect(formatValue(0.021, 'ratio')).toBe('2.1%');
    expect(formatValue(34.6, 'min')).toBe('34.6 min');
    expect(formatValue(0.0337, 'usd')).toBe('$0.03');
    expect(formatValue(12, '%')).toBe('12%');
    expect(formatValue(null, 'min')).toBe('—');
  });
});

describe('outcome progress', () => {
  it('says how far an outcome has come from its baseline towards its target', () => {
    expect(outcomeProgressText(outcome({}))).toBe('59% of the way to the target');
    expect(progressPercent(outcome({}))).toBe(59);
  });

  it('says when the target is reached, when it went backwards, and when nothing is measured', () => {
    expect(outcomeProgressText(outcome({ achieved: true, progress: 1.2 }))).toBe('Target reached');
    expect(progressPercent(outcome({ achieved: true, progress: 1.2 }))).toBe(100);
    expect(outcomeProgressText(outcome({ progress: -0.25 }))).toBe('25% worse than the baseline');
    expect(progressPercent(outcome({ progress: -0.25 }))).toBe(0);
    expect(outcomeProgressText(outcome({ current: null, progress: null }))).toBe('Not measured yet');
  });
});

describe('metrics by layer', () => {
  it('groups metrics in the three layers in reading order, monitored ones first, empty layers kept', () => {
    const groups = groupByLayer([
      metric({ key: 'gateway.latency_p50' }),
      metric({ key: 'gateway.error_rate', monitor: monitor('OK') }),
      metric({ key: 'outcome.uc_1', layer: 'business_outcome', origin: 'outcome' }),
    ]);
    expect(groups.map((g) => [g.layer, g.metrics.map((m) => m.key)])).toEqual([
      ['business_outcome', ['outcome.uc_1']],
      ['model_quality', []],
      ['operational_health', ['gateway.error_rate', 'gateway.latency_p50']],
    ]);
  });

  it('counts monitors by state, leaving out metrics no monitor watches', () => {
    expect(monitorCounts([metric({ monitor: monitor('ALERT') }), metric({ monitor: monitor('OK') }), metric({ monitor: monitor('OK') }), metric({})])).toEqual({ ALERT: 1, WARNING: 0, NO_DATA: 0, OK: 2 });
  });
});

describe('thresholds in words', () => {
  it('names the side that breaches for the metric’s direction, with the monitor’s own thresholds', () => {
    expect(thresholdText(metric({ monitor: monitor('OK', { warning: 0.01, critical: 0.03 }) }))).toBe('Warning at or above 1%; alert at or above 3%');
    expect(thresholdText(metric({ direction: 'increase', unit: 'ratio', thresholds: { warning: 0.85, critical: 0.8 } }))).toBe('Warning at or below 85%; alert at or below 80%');
  });

  it('reads an outcome’s monitor as progress against the plan, not in the outcome’s unit', () => {
    const m = metric({ origin: 'outcome', layer: 'business_outcome', unit: 'min', monitor: monitor('NO_DATA', { warning: 0.5, critical: 0.25 }) });
    expect(thresholdText(m)).toBe('Warning at or below 50% of the progress planned by now; alert at or below 25% of the progress planned by now');
  });

  it('falls back to the registry’s thresholds, in the metric’s unit, where no monitor watches it', () => {
    const m = metric({ origin: 'outcome', layer: 'business_outcome', unit: 'min', thresholds: { warning: 35.7, critical: 38.85 } });
    expect(thresholdText(m)).toBe('Warning at or above 35.7 min; alert at or above 38.85 min');
  });
});

describe('incidents in order', () => {
  it('puts open incidents first, the most severe first, then the newest', () => {
    const sorted = sortIncidents([
      { id: 'a', status: 'reviewed', severity: 'critical', openedAt: '2026-11-01T00:00:00Z' },
      { id: 'b', status: 'open', severity: 'low', openedAt: '2026-11-03T00:00:00Z' },
      { id: 'c', status: 'mitigated', severity: 'high', openedAt: '2026-11-02T00:00:00Z' },
      { id: 'd', status: 'triaged', severity: 'high', openedAt: '2026-11-04T00:00:00Z' },
    ] as const);
    expect(sorted.map((i) => i.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('reads durations in the largest units that fit', () => {
    expect(formatDuration(2)).toBe('under a minute');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(200 * 60_000)).toBe('3 h 20 min');
    expect(formatDuration(52 * 3_600_000)).toBe('2 d 4 h');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('a series as a line', () => {
  const points = [
    { start: '2026-11-01T00:00:00Z', value: 10, samples: 1 },
    { start: '2026-11-02T00:00:00Z', value: null, samples: 0 },
    { start: '2026-11-03T00:00:00Z', value: 20, samples: 2 },
  ];

  it('bridges gaps and scales readings into the box', () => {
    expect(linePath(points, 100, 50)).toBe('M0,50 L100,0');
    expect(linePath(points, 100, 50, [0, 20])).toBe('M0,25 L100,0');
  });

  it('draws a single reading in the middle and nothing without readings', () => {
    expect(linePath([{ start: 'x', value: 3, samples: 1 }], 100, 50)).toBe('M50,25');
    expect(linePath([{ start: 'x', value: null, samples: 0 }], 100, 50)).toBe('');
  });

  it('summarises the readings that hold a value', () => {
    const s = summariseSeries({ points });
    expect([s.readings.length, s.first?.value, s.latest?.value, s.min, s.max]).toEqual([2, 10, 20, 10, 20]);
  });
});
