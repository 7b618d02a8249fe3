import { z } from 'zod';
import { ContainmentAction, Severity } from '../incidents/model.js';
import type { MetricReading } from './gateway-metrics.js';
import { Direction, Thresholds, type Aggregation } from './schema.js';

export const MONITOR_STATES = ['OK', 'WARNING', 'ALERT', 'NO_DATA'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

/**
 * A windowed check of one metric. A window whose value reaches a threshold breaches it (reaching counts, so a
 * value exactly at the critical threshold is an ALERT). To avoid flapping the state worsens only after `raiseAfter`
 * consecutive windows at least that bad, and improves only after `clearAfter` consecutive windows at least that
 * good, where "good" means past the breached threshold by `recoveryMargin` (default: a tenth of the gap between
 * the warning and critical thresholds). NO_DATA (fewer than `minSamples`) is reported at once, except that a
 * monitor in WARNING or ALERT keeps its state while `noDataKeepsBreach`: the silence of a suspended use case is
 * not a recovery.
 */
export const MonitorRule = z.strictObject({
  metricKey: z.string().min(1),
  direction: Direction,
  thresholds: Thresholds,
  windowMs: z.number().int().positive(),
  minSamples: z.number().int().min(0).default(1),
  raiseAfter: z.number().int().min(1).default(2),
  clearAfter: z.number().int().min(1).default(3),
  recoveryMargin: z.number().min(0).optional(),
  noDataKeepsBreach: z.boolean().default(true),
  /** The pack's runtime actions on entering ALERT: throttle, suspend or roll back the use case. */
  onAlert: z.array(ContainmentAction).default([]),
  /** Severity of the incident an ALERT opens. */
  severity: Severity.default('high'),
});
export type MonitorRule = z.infer<typeof MonitorRule>;

/** What a monitor remembers between windows. */
export interface MonitorMemory {
  state: MonitorState;
  since: string | null;
  /** A change the latest windows point to, and for how many windows in a row, until it is confirmed. */
  pending: { state: MonitorState; windows: number } | null;
}

/**
 * A monitor that has seen nothing. Restart a use case's monitors from it when the use case resumes, so that a
 * breach persisting after resumption raises ALERT, and asks for the pack's actions, again.
 */
export const FRESH_MONITOR: MonitorMemory = { state: 'NO_DATA', since: null, pending: null };

export interface MonitorTransition {
  from: MonitorState;
  to: MonitorState;
  at: string;
  value: number | null;
  samples: number;
  reason: string;
}

export type IncidentDecision =
  | { kind: 'open'; severity: Severity; title: string }
  | { kind: 'append'; incidentId: string; text: string }
  | null;

export interface MonitorEvaluation {
  memory: MonitorMemory;
  /** What this window alone says, before the consecutive-window rules. */
  windowState: MonitorState;
  transition: MonitorTransition | null;
  /** Containment the pack asks for: on entering ALERT, or when an ALERT persists with no open incident. */
  actions: ContainmentAction[];
  incident: IncidentDecision;
}

const RANK: Record<MonitorState, number> = { NO_DATA: 0, OK: 0, WARNING: 1, ALERT: 2 };

/** Evaluates one window ending at `at`. `openIncidentId` is the monitor's incident that is not yet resolved, if any. */
export function evaluateMonitor(
  rule: MonitorRule,
  memory: MonitorMemory,
  reading: MetricReading,
  context: { at: Date; openIncidentId: string | null },
): MonitorEvaluation {
  const windowState = stateOfWindow(rule, reading, memory.state);
  const target = windowState === 'NO_DATA' && rule.noDataKeepsBreach && RANK[memory.state] > 0 ? memory.state : windowState;
  const unchanged = { memory: { ...memory, pending: null }, windowState, transition: null, actions: [], incident: null };
  if (target === memory.state) {
    // An ALERT is never left without an incident: if people resolved it while the metric still breaches, open another.
    if (windowState !== 'ALERT' || context.openIncidentId) return unchanged;
    const title = `${rule.metricKey} still in ALERT: ${describeWindow(rule, reading, 'ALERT')}`;
    return { ...unchanged, actions: rule.onAlert, incident: { kind: 'open', severity: rule.severity, title } };
  }

  let confirmed = target;
  if (target !== 'NO_DATA' && RANK[target] !== RANK[memory.state]) {
    // A streak goes on while windows keep pointing the same way (worse or better) from the confirmed state.
    const way = Math.sign(RANK[target] - RANK[memory.state]);
    const pending = memory.pending;
    const goesOn = pending !== null && Math.sign(RANK[pending.state] - RANK[memory.state]) === way;
    // The state every window of the streak supports: the milder of the breaches, the worse of the recoveries.
    const supported = !goesOn ? target : (RANK[pending.state] < RANK[target]) === (way > 0) ? pending.state : target;
    const windows = goesOn ? pending.windows + 1 : 1;
    if (windows < (way > 0 ? rule.raiseAfter : rule.clearAfter)) {
      return { ...unchanged, memory: { ...memory, pending: { state: supported, windows } } };
    }
    confirmed = supported;
  }

  const when = context.at.toISOString();
  const reason = describeWindow(rule, reading, confirmed);
  const transition: MonitorTransition = { from: memory.state, to: confirmed, at: when, value: reading.value, samples: reading.samples, reason };
  const entersAlert = confirmed === 'ALERT';
  const incident: IncidentDecision = context.openIncidentId
    ? { kind: 'append', incidentId: context.openIncidentId, text: `${rule.metricKey}: ${memory.state} → ${confirmed}; ${reason}` }
    : entersAlert
      ? { kind: 'open', severity: rule.severity, title: `${rule.metricKey} in ALERT: ${reason}` }
      : null;
  return {
    memory: { state: confirmed, since: when, pending: null },
    windowState,
    transition,
    actions: entersAlert ? rule.onAlert : [],
    incident,
  };
}

const breaches = (direction: Direction, value: number, threshold: number): boolean =>
  direction === 'decrease' ? value >= threshold : value <= threshold;
const clearOf = (direction: Direction, value: number, threshold: number, margin: number): boolean =>
  direction === 'decrease' ? value < threshold - margin : value > threshold + margin;

/** The state one window supports; a threshold already breached must be cleared by the recovery margin. */
export function stateOfWindow(rule: MonitorRule, reading: MetricReading, current: MonitorState): MonitorState {
  const { value, samples } = reading;
  if (value === null || samples < rule.minSamples) return 'NO_DATA';
  const { warning, critical } = rule.thresholds;
  const margin = rule.recoveryMargin ?? Math.abs(critical - warning) / 10;
  if (current === 'ALERT' ? !clearOf(rule.direction, value, critical, margin) : breaches(rule.direction, value, critical)) return 'ALERT';
  if (RANK[current] > 0 ? !clearOf(rule.direction, value, warning, margin) : breaches(rule.direction, value, warning)) return 'WARNING';
  return 'OK';
}

function describeWindow(rule: MonitorRule, reading: MetricReading, state: MonitorState): string {
  if (reading.value === null || reading.samples < rule.minSamples) return `${reading.samples} samples, fewer than the ${rule.minSamples} needed`;
  const sign = rule.direction === 'decrease' ? '≥' : '≤';
  const value = Number(reading.value.toPrecision(4));
  if (state === 'ALERT') return `${value} ${sign} critical ${rule.thresholds.critical} over ${reading.samples} samples`;
  if (state === 'WARNING') return `${value} ${sign} warning ${rule.thresholds.warning} over ${reading.samples} samples`;
  return `${value} within thresholds over ${reading.samples} samples`;
}

/** One value for a window of pushed observations, as the metric's aggregation says; samples is their number. */
export function summariseWindow(observations: readonly { at: string; value: number }[], aggregation: Aggregation): MetricReading {
  const samples = observations.length;
  if (samples === 0) return { value: null, samples };
  const values = observations.map((o) => o.value);
  switch (aggregation) {
    case 'mean':
      return { value: values.reduce((a, b) => a + b, 0) / samples, samples };
    case 'sum':
      return { value: values.reduce((a, b) => a + b, 0), samples };
    case 'min':
      return { value: Math.min(...values), samples };
    case 'max':
      return { value: Math.max(...values), samples };
    case 'last':
      return { value: observations.reduce((a, b) => (b.at >= a.at ? b : a)).value, samples };
  }
}
