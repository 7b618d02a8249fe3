import { formatMs, formatUsd } from '../shell/format';
import { LAYERS } from './vocabulary';
import type { ReferenceLine } from './SeriesChart';
import type { Incident, MetricLayer, OutcomeFigures, Series, TrackedMetric } from './types';

const number = (n: number, digits = 2) => n.toLocaleString(undefined, { maximumFractionDigits: digits });

/** A metric's value in its unit as people read it: ratios as percentages, money in dollars, times in ms or seconds. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'ratio':
      return `${number(value * 100, 1)}%`;
    case 'percent':
      return `${number(value, 1)}%`;
    case 'usd':
      return formatUsd(value);
    case 'ms':
      return formatMs(value);
    case 'count':
    case '':
      return number(value);
    default:
      return unit.startsWith('%') ? `${number(value)}${unit}` : `${number(value)} ${unit}`;
  }
}

/** How far an outcome has come, in words: share of the way from baseline to target, or what is missing. */
export function outcomeProgressText(o: OutcomeFigures): string {
  if (o.current === null || o.progress === null) return 'Not measured yet';
  if (o.achieved) return 'Target reached';
  if (o.progress < 0) return `${number(Math.abs(o.progress) * 100, 0)}% worse than the baseline`;
  return `${number(o.progress * 100, 0)}% of the way to the target`;
}

/** The progress bar's fill, 0–100, for an outcome (nothing below the baseline, full at the target). */
export const progressPercent = (o: OutcomeFigures): number => (o.progress === null ? 0 : Math.round(Math.min(1, Math.max(0, o.achieved ? 1 : o.progress)) * 100));

/** A use case's tracked metrics by layer, in the order the layers are read, the monitored ones of each first. */
export function groupByLayer(metrics: TrackedMetric[]): { layer: MetricLayer; label: string; metrics: TrackedMetric[] }[] {
  return LAYERS.map(({ layer, label }) => ({
    layer,
    label,
    metrics: metrics.filter((m) => m.layer === layer).sort((a, b) => Number(!!b.monitor) - Number(!!a.monitor)),
  }));
}

/** Monitors by how much they need someone: ALERT, WARNING, NO_DATA, OK. */
export function monitorCounts(metrics: TrackedMetric[]): Record<'ALERT' | 'WARNING' | 'NO_DATA' | 'OK', number> {
  const counts = { ALERT: 0, WARNING: 0, NO_DATA: 0, OK: 0 };
  for (const m of metrics) if (m.monitor) counts[m.monitor.state] += 1;
  return counts;
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** An incident still being worked: neither resolved nor reviewed. */
export const isOpen = (i: Pick<Incident, 'status'>): boolean => i.status !== 'resolved' && i.status !== 'reviewed';

/** Open incidents first, the most severe of each group first, then the newest. */
export function sortIncidents<T extends Pick<Incident, 'status' | 'severity' | 'openedAt'>>(incidents: T[]): T[] {
  return [...incidents].sort(
    (a, b) => Number(isOpen(b)) - Number(isOpen(a)) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.openedAt.localeCompare(a.openedAt),
  );
}

/** A duration as an incident's timings read: under a minute, minutes, hours and minutes, days and hours. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** The readings of a series that hold a value, and what they add up to: first, latest, lowest and highest. */
export function summariseSeries(series: Pick<Series, 'points'>) {
  const readings = series.points.filter((p): p is { start: string; value: number; samples: number } => p.value !== null);
  if (!readings.length) return { readings, first: null, latest: null, min: null, max: null };
  const values = readings.map((r) => r.value);
  return { readings, first: readings[0], latest: readings[readings.length - 1], min: Math.min(...values), max: Math.max(...values) };
}

/**
 * The SVG path of a line through the readings that hold a value, over the whole range of the series (gaps are
 * bridged), in a box of `width` × `height`. A single reading is a point.
 */
export function linePath(points: Series['points'], width: number, height: number, domain?: [number, number]): string {
  const at = points.map((p, i) => ({ i, value: p.value })).filter((p): p is { i: number; value: number } => p.value !== null);
  if (!at.length) return '';
  const values = at.map((p) => p.value);
  const [lo, hi] = domain ?? [Math.min(...values), Math.max(...values)];
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - ((v - lo) / (hi - lo)) * height);
  const r = (n: number) => Math.round(n * 10) / 10;
  return at.map((p, k) => `${k ? 'L' : 'M'}${r(x(p.i))},${r(y(p.value))}`).join(' ');
}

/**
 * What a metric's monitor compares, in its own unit and direction. An outcome's monitor reads progress against the
 * plan (1 = on the straight line to the target), not the outcome's own unit.
 */
export function monitorScale(metric: Pick<TrackedMetric, 'origin' | 'unit' | 'direction' | 'monitor'>): { unit: string; direction: 'increase' | 'decrease'; note?: string } {
  if (metric.origin === 'outcome' && metric.monitor) return { unit: 'ratio', direction: 'increase', note: 'of the progress planned by now' };
  return { unit: metric.unit, direction: metric.direction };
}

/** The thresholds that apply, in words: the monitor's where one watches the metric, else the registry's. */
export function thresholdText(metric: Pick<TrackedMetric, 'origin' | 'unit' | 'direction' | 'thresholds' | 'monitor'>): string {
  const { unit, direction, note } = monitorScale(metric);
  const t = metric.monitor?.thresholds ?? metric.thresholds;
  const side = direction === 'increase' ? 'at or below' : 'at or above';
  const suffix = note ? ` ${note}` : '';
  return `Warning ${side} ${formatValue(t.warning, unit)}${suffix}; alert ${side} ${formatValue(t.critical, unit)}${suffix}`;
}

/** The lines a chart of the metric draws: its target and the thresholds in its own unit (a monitor's, where one watches it). */
export function referenceLines(m: Pick<TrackedMetric, 'target' | 'origin' | 'thresholds'> & { monitor?: TrackedMetric['monitor'] }): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  if (m.target !== null) lines.push({ label: 'Target', value: m.target, tone: 'ok', inDomain: true });
  const t = m.origin === 'outcome' ? m.thresholds : (m.monitor?.thresholds ?? m.thresholds);
  lines.push({ label: 'Warning', value: t.warning, tone: 'warn' }, { label: 'Alert', value: t.critical, tone: 'bad' });
  return lines;
}
