import { describe, expect, it } from 'vitest';
import { evaluateMonitor, FRESH_MONITOR, MonitorRule, stateOfWindow, summariseWindow, type MonitorEvaluation, type MonitorMemory } from './monitor.js';

const errorRate = MonitorRule.parse({
  metricKey: 'gateway.error_rate',
  direction: 'decrease',
  thresholds: { warning: 0.02, critical: 0.05 },
  windowMs: 900_000,
  minSamples: 20,
  raiseAfter: 2,
  clearAfter: 3,
  onAlert: [{ kind: 'suspend' }],
  severity: 'critical',
});
const START = Date.parse('2026-03-10T09:00:00Z');

/** Runs a monitor over consecutive windows; `null` is a window without enough calls. */
function run(rule: MonitorRule, values: (number | null)[], options: { memory?: MonitorMemory; incident?: string } = {}) {
  let memory = options.memory ?? FRESH_MONITOR;
  const evaluations: MonitorEvaluation[] = [];
  values.forEach((value, i) => {
    const reading = value === null ? { value: 0, samples: 3 } : { value, samples: 100 };
    const evaluation = evaluateMonitor(rule, memory, reading, { at: new Date(START + i * rule.windowMs), openIncidentId: options.incident ?? null });
    evaluations.push(evaluation);
    memory = evaluation.memory;
  });
  return { memory, evaluations, states: evaluations.map((e) => e.memory.state), transitions: evaluations.flatMap((e) => (e.transition ? [e.transition] : [])) };
}

const alerted: MonitorMemory = { state: 'ALERT', since: '2026-03-10T08:00:00.000Z', pending: null };

describe('monitor states', () => {
  it('stays in NO_DATA while windows have fewer calls than the minimum', () => {
    const { states, transitions } = run(errorRate, [null, null]);
    expect(states).toEqual(['NO_DATA', 'NO_DATA']);
    expect(transitions).toEqual([]);
    expect(stateOfWindow(errorRate, { value: null, samples: 500 }, 'OK')).toBe('NO_DATA');
  });

  it('moves from NO_DATA to OK at once when data arrives within thresholds', () => {
    const { states, transitions } = run(errorRate, [0.01]);
    expect(states).toEqual(['OK']);
    expect(transitions[0]).toMatchObject({ from: 'NO_DATA', to: 'OK', value: 0.01, samples: 100 });
  });

  it('counts a value exactly at a threshold as breaching it, in both directions', () => {
    expect(stateOfWindow(errorRate, { value: 0.02, samples: 20 }, 'OK')).toBe('WARNING');
    expect(stateOfWindow(errorRate, { value: 0.05, samples: 20 }, 'OK')).toBe('ALERT');
    expect(stateOfWindow(errorRate, { value: 0.0199, samples: 20 }, 'OK')).toBe('OK');
    const availability = MonitorRule.parse({ metricKey: 'a', direction: 'increase', thresholds: { warning: 0.995, critical: 0.99 }, windowMs: 1 });
    expect(stateOfWindow(availability, { value: 0.99, samples: 1 }, 'OK')).toBe('ALERT');
    expect(stateOfWindow(availability, { value: 0.995, samples: 1 }, 'OK')).toBe('WARNING');
    expect(stateOfWindow(availability, { value: 0.9951, samples: 1 }, 'OK')).toBe('OK');
  });

  it('raises an ALERT only after consecutive breaching windows, then asks for the pack’s actions and an incident', () => {
    const { states, evaluations } = run(errorRate, [0.01, 0.08, 0.09]);
    expect(states).toEqual(['OK', 'OK', 'ALERT']);
    expect(evaluations[1]).toMatchObject({ windowState: 'ALERT', transition: null, actions: [], incident: null });
    expect(evaluations[2].actions).toEqual([{ kind: 'suspend' }]);
    expect(evaluations[2].incident).toEqual({
      kind: 'open',
      severity: 'critical',
      title: 'gateway.error_rate in ALERT: 0.09 ≥ critical 0.05 over 100 samples',
    });
    expect(evaluations[2].memory.since).toBe('2026-03-10T09:30:00.000Z');
  });

  it('settles on the milder state when the breaching windows disagree', () => {
    expect(run(errorRate, [0.01, 0.08, 0.03]).states).toEqual(['OK', 'OK', 'WARNING']);
  });

  it('does not flap when windows alternate between breach and recovery', () => {
    const { states, transitions } = run(errorRate, [0.01, 0.08, 0.01, 0.08, 0.01, 0.08, 0.01]);
    expect(new Set(states)).toEqual(new Set(['OK']));
    expect(transitions).toHaveLength(1);
  });

  it('needs a value past the recovery margin to clear a breached threshold', () => {
    // Default margin: (0.05 − 0.02) / 10 = 0.003, so 0.048 still reads as ALERT and 0.046 as WARNING.
    expect(stateOfWindow(errorRate, { value: 0.048, samples: 100 }, 'ALERT')).toBe('ALERT');
    expect(stateOfWindow(errorRate, { value: 0.046, samples: 100 }, 'ALERT')).toBe('WARNING');
    expect(stateOfWindow(errorRate, { value: 0.018, samples: 100 }, 'WARNING')).toBe('WARNING');
    expect(stateOfWindow(errorRate, { value: 0.016, samples: 100 }, 'WARNING')).toBe('OK');
    const { states } = run(errorRate, [0.048, 0.049, 0.047, 0.048], { memory: alerted });
    expect(states).toEqual(['ALERT', 'ALERT', 'ALERT', 'ALERT']);
  });

  it('recovers after enough good windows and tells the open incident, without new actions', () => {
    const { states, evaluations } = run(errorRate, [0.01, 0.01, 0.01], { memory: alerted, incident: 'inc_1' });
    expect(states).toEqual(['ALERT', 'ALERT', 'OK']);
    expect(evaluations[0].memory.pending).toEqual({ state: 'OK', windows: 1 });
    expect(evaluations[2].actions).toEqual([]);
    expect(evaluations[2].incident).toEqual({ kind: 'append', incidentId: 'inc_1', text: expect.stringContaining('ALERT → OK') });
  });

  it('recovers to the worse of the recovering windows', () => {
    expect(run(errorRate, [0.01, 0.03, 0.01], { memory: alerted }).states).toEqual(['ALERT', 'ALERT', 'WARNING']);
  });

  it('keeps an ALERT through windows without data, and restarts the recovery count after them', () => {
    const { states } = run(errorRate, [0.01, 0.01, null, 0.01, 0.01, 0.01], { memory: alerted });
    expect(states).toEqual(['ALERT', 'ALERT', 'ALERT', 'ALERT', 'ALERT', 'OK']);
  });

  it('reports NO_DATA after a breach when the rule does not keep it', () => {
    const rule = { ...errorRate, noDataKeepsBreach: false };
    const { states, transitions } = run(rule, [null], { memory: alerted, incident: 'inc_1' });
    expect(states).toEqual(['NO_DATA']);
    expect(transitions[0].reason).toBe('3 samples, fewer than the 20 needed');
  });

  it('adds a new ALERT to the incident still open instead of opening another', () => {
    const { evaluations } = run(errorRate, [0.01, 0.09, 0.09], { incident: 'inc_7' });
    expect(evaluations[2].incident).toMatchObject({ kind: 'append', incidentId: 'inc_7' });
    expect(evaluations[2].actions).toEqual([{ kind: 'suspend' }]);
  });

  it('opens a new incident, with the actions again, when an ALERT persists after its incident was resolved', () => {
    const { states, evaluations } = run(errorRate, [0.09, null], { memory: alerted });
    expect(states).toEqual(['ALERT', 'ALERT']);
    expect(evaluations[0]).toMatchObject({ transition: null, actions: [{ kind: 'suspend' }], incident: { kind: 'open', title: expect.stringContaining('still in ALERT') } });
    expect(evaluations[1]).toMatchObject({ actions: [], incident: null });
    expect(run(errorRate, [0.09], { memory: alerted, incident: 'inc_1' }).evaluations[0]).toMatchObject({ actions: [], incident: null });
  });

  it('raises again after a resumed use case is restarted from a fresh monitor and keeps failing', () => {
    const { states, evaluations } = run(errorRate, [0.09, 0.09], { incident: 'inc_1' });
    expect(states).toEqual(['NO_DATA', 'ALERT']);
    expect(evaluations[1]).toMatchObject({ actions: [{ kind: 'suspend' }], incident: { kind: 'append', incidentId: 'inc_1' } });
  });

  it('raises at once with raiseAfter 1 and applies the rule defaults', () => {
    const rule = MonitorRule.parse({ metricKey: 'gateway.latency_p95', direction: 'decrease', thresholds: { warning: 8000, critical: 15000 }, windowMs: 900_000, raiseAfter: 1 });
    expect(rule).toMatchObject({ minSamples: 1, clearAfter: 3, noDataKeepsBreach: true, onAlert: [], severity: 'high' });
    expect(run(rule, [16_000]).states).toEqual(['ALERT']);
  });
});

describe('summarising a window of pushed observations', () => {
  const window = [
    { at: '2026-03-01T00:00:00Z', value: 4 },
    { at: '2026-03-03T00:00:00Z', value: 1 },
    { at: '2026-03-02T00:00:00Z', value: 7 },
  ];
  it.each([
    ['mean', 4],
    ['sum', 12],
    ['min', 1],
    ['max', 7],
    ['last', 1],
  ] as const)('takes the %s', (aggregation, value) => {
    expect(summariseWindow(window, aggregation)).toEqual({ value, samples: 3 });
  });

  it('has no value for an empty window', () => {
    expect(summariseWindow([], 'mean')).toEqual({ value: null, samples: 0 });
  });
});
