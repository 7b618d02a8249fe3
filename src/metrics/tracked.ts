import type { ContainmentAction, Severity } from '../incidents/model.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PolicyPack } from '../policy/schema.js';
import { GATEWAY_METRIC_KEYS, GATEWAY_METRICS, gatewayMetricDefinition, type GatewayMetricKey } from './catalogue.js';
import { MonitorRule } from './monitor.js';
import type { Direction, MetricDefinition, ReviewCadence, Thresholds } from './schema.js';
import type { StoredMetric } from './store.js';
import { type Unit, UNITS } from './units.js';

/**
 * Which metrics a use case tracks and which of them a monitor watches, from three sources: the gateway catalogue
 * (always derived, nothing to configure), the tenant's registry (owners' metrics and their tightened thresholds),
 * and the policy pack of the use case's tier (its default metric set, windows and the action on breach).
 */
export type MetricOrigin = 'builtin' | 'registry' | 'outcome' | 'pack';

export interface MetricView extends MetricDefinition {
  id: string | null;
  origin: MetricOrigin;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** How a monitor reads a window: gateway rollups, pushed observations, or the outcome's progress against its plan. */
export type MetricSourceOfReading = { from: 'gateway'; key: GatewayMetricKey } | { from: 'observations' } | { from: 'outcome_plan' };

export interface TrackedMetric {
  definition: MetricView;
  reads: MetricSourceOfReading;
  rule: MonitorRule | null;
}

type PackMetric = PolicyPack['measurement']['metrics'][number];
export type PackAction = PackMetric['onBreach'];
export type Measurement = PolicyPack['measurement'];

/** Pack names that differ from Charter's metric keys; other names are gateway metrics when the catalogue has them, else evaluation metrics. */
const PACK_NAMES: Record<string, string> = { latency_p95_ms: 'gateway.latency_p95', weekly_active_share: 'gateway.adoption_by_role', outcome_progress: 'outcome' };

export function packMetricKey(name: string): string {
  return PACK_NAMES[name] ?? ((GATEWAY_METRIC_KEYS as readonly string[]).includes(name) ? `gateway.${name}` : `eval.${name}`);
}

/** The pack's throttle keeps half of the normal traffic; the pack names the action, not the share. */
export const THROTTLE_FRACTION = 0.5;
const ACTIONS: Record<PackAction, ContainmentAction[]> = {
  alert: [], throttle: [{ kind: 'throttle', fraction: THROTTLE_FRACTION }], suspend: [{ kind: 'suspend' }], rollback: [{ kind: 'rollback' }],
};
const SEVERITY: Record<PackAction, Severity> = { alert: 'medium', throttle: 'high', rollback: 'high', suspend: 'critical' };
const WINDOW_UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const CADENCE_WINDOW_MS: Record<ReviewCadence, number> = { daily: 86_400_000, weekly: 7 * 86_400_000, monthly: 30 * 86_400_000, per_release: 30 * 86_400_000 };

/** A pack window such as 15m, 1h or 7d in milliseconds. */
export const windowMs = (window: string): number => Number(window.slice(0, -1)) * WINDOW_UNIT_MS[window.slice(-1)];

/** The stricter of two threshold pairs: an owner or a pack may tighten a default, never loosen the other's. */
export function tighter(direction: Direction, a: Thresholds, b: Thresholds): Thresholds {
  const pick = direction === 'decrease' ? Math.min : Math.max;
  return { warning: pick(a.warning, b.warning), critical: pick(a.critical, b.critical) };
}

/** The schema's defaults (anti-flapping windows, recovery margin), parsed once: rules are built for every use case on every read. */
const RULE_DEFAULTS = MonitorRule.parse({ metricKey: 'default', direction: 'decrease', thresholds: { warning: 0, critical: 0 }, windowMs: 1 });

export function monitorRule(metricKey: string, direction: Direction, thresholds: Thresholds, window: number, minSamples: number, action: PackAction = 'alert'): MonitorRule {
  return { ...RULE_DEFAULTS, metricKey, direction, thresholds, windowMs: window, minSamples, onAlert: ACTIONS[action], severity: SEVERITY[action] };
}

/** The catalogue's gateway metrics as registry entries of a tenant (applying to every use case). */
export function builtinMetrics(since: string): MetricView[] {
  return GATEWAY_METRIC_KEYS.map((key) => ({ ...gatewayMetricDefinition(key, []), id: null, origin: 'builtin' as const, createdAt: since, updatedAt: since, version: 0 }));
}

const OUTCOME_UNITS: Record<string, Unit> = {
  '%': 'percent', '% of baseline': 'percent', sec: 's', seconds: 's', mins: 'min', minutes: 'min', hours: 'h', days: 'd', $: 'usd',
};
export const outcomeUnit = (text: string): Unit => {
  const t = text.trim().toLowerCase();
  return OUTCOME_UNITS[t] ?? (t in UNITS ? (t as Unit) : 'count');
};

/** The pack's marks for outcome progress: below `warn` of the planned progress is a warning, below `breach` an alert. */
const DEFAULT_OUTCOME_MARKS = { warn: 0.5, breach: 0.25 };

/**
 * The outcome statement's metric as a business metric, derived from the use case on every read so that it follows
 * edits of the statement. Its thresholds are the points `warn` and `breach` of the way from baseline to target.
 */
export function outcomeMetric(uc: UseCase, marks: { warn: number; breach: number } = DEFAULT_OUTCOME_MARKS): MetricView | null {
  const o = uc.outcome;
  if (!o) return null;
  const span = o.target - o.baseline;
  return {
    key: `outcome.${uc.id}`, name: o.metric, description: `Outcome of "${uc.title}": ${uc.outcomeSentence ?? ''} Monitored as progress against the straight line from baseline to target.`,
    layer: 'business_outcome', adoption: false, unit: outcomeUnit(o.unit), direction: o.direction, baseline: o.baseline, target: o.target,
    thresholds: { warning: o.baseline + marks.warn * span, critical: o.baseline + marks.breach * span }, owner: uc.owner?.id ?? 'business owner',
    reviewCadence: 'monthly', source: 'api', aggregation: 'last', useCaseIds: [uc.id], id: null, origin: 'outcome', createdAt: uc.createdAt, updatedAt: uc.updatedAt, version: uc.version,
  };
}

const storedView = (m: StoredMetric): MetricView => ({ ...m, origin: 'registry' });

/** Every metric the use case tracks, with the monitor rule of those the registry or the pack asks to watch; `builtins` are the tenant's. */
export function trackedMetrics(uc: UseCase, measurement: Measurement | null, stored: readonly StoredMetric[], builtins: readonly MetricView[]): TrackedMetric[] {
  const entries = new Map((measurement?.metrics ?? []).map((m) => [packMetricKey(m.name), m]));
  const applies = (m: StoredMetric) => (m.useCaseIds.length === 0 ? m.source === 'gateway' : m.useCaseIds.includes(uc.id));
  const mine = new Map(stored.filter(applies).map((m) => [m.key, m]));
  const tracked: TrackedMetric[] = [];

  for (const [i, key] of GATEWAY_METRIC_KEYS.entries()) {
    const override = mine.get(`gateway.${key}`);
    const definition = override ? storedView(override) : builtins[i];
    const entry = entries.get(definition.key);
    const thresholds = entry ? tighter(definition.direction, definition.thresholds, { warning: entry.warn, critical: entry.breach }) : definition.thresholds;
    const window = entry ? windowMs(entry.window) : GATEWAY_METRICS[key].windowMs;
    const rule = override || entry ? monitorRule(definition.key, definition.direction, thresholds, window, GATEWAY_METRICS[key].minSamples, entry?.onBreach) : null;
    tracked.push({ definition, reads: { from: 'gateway', key }, rule });
  }

  for (const m of mine.values()) {
    if (m.source === 'gateway') continue;
    const entry = entries.get(m.key);
    const thresholds = entry ? tighter(m.direction, m.thresholds, { warning: entry.warn, critical: entry.breach }) : m.thresholds;
    const rule = monitorRule(m.key, m.direction, thresholds, entry ? windowMs(entry.window) : CADENCE_WINDOW_MS[m.reviewCadence], 1, entry?.onBreach);
    tracked.push({ definition: storedView(m), reads: { from: 'observations' }, rule });
  }

  for (const [key, entry] of entries) {
    if (!key.startsWith('eval.') || mine.has(key)) continue;
    const direction: Direction = entry.better === 'higher' ? 'increase' : 'decrease';
    const thresholds = { warning: entry.warn, critical: entry.breach };
    const definition: MetricView = {
      key, name: entry.name, description: `From the ${uc.riskTier ?? ''} policy pack: derived from evaluation runs of the use case's releases.`, layer: entry.layer,
      adoption: false, unit: entry.unit in UNITS ? (entry.unit as Unit) : 'score', direction, baseline: null, target: null, thresholds, owner: 'ML team',
      reviewCadence: 'per_release', source: 'evaluation', aggregation: 'last', useCaseIds: [uc.id], id: null, origin: 'pack', createdAt: uc.createdAt, updatedAt: uc.createdAt, version: 0,
    };
    tracked.push({ definition, reads: { from: 'observations' }, rule: monitorRule(key, direction, thresholds, windowMs(entry.window), 1, entry.onBreach) });
  }

  const plan = entries.get('outcome');
  const outcome = outcomeMetric(uc, plan ?? DEFAULT_OUTCOME_MARKS);
  if (outcome) {
    const rule = plan ? monitorRule(outcome.key, 'increase', { warning: plan.warn, critical: plan.breach }, windowMs(plan.window), 1, plan.onBreach) : null;
    tracked.push({ definition: outcome, reads: { from: 'outcome_plan' }, rule });
  }
  return tracked;
}
