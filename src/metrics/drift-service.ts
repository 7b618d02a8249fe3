import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import { categoricalDrift, DEFAULT_DRIFT_THRESHOLDS, type DriftReport, type DriftThresholds, numericDrift } from './drift.js';
import { MONITORED_STAGES, type MonitorService } from './monitor-service.js';
import type { MetricRegistry } from './registry-service.js';
import { type Measurement, monitorRule, windowMs } from './tracked.js';

export const DRIFT_SIGNALS = ['latency', 'input_tokens', 'data_class', 'outcome'] as const;
export type DriftSignal = (typeof DRIFT_SIGNALS)[number];
export const DRIFT_JOB_MS = 3_600_000;
/** Calls in the current window below which drift is not judged (NO_DATA). */
export const MIN_DRIFT_SAMPLES = 50;
const DEFAULT_WINDOW = '7d';

const iso = (ms: number) => new Date(ms).toISOString();
const countBy = (values: string[]) => values.reduce<Record<string, number>>((counts, v) => ((counts[v] = (counts[v] ?? 0) + 1), counts), {});

export interface UseCaseDrift {
  useCaseId: string;
  windowMs: number;
  reference: { from: string; to: string };
  current: { from: string; to: string };
  thresholds: DriftThresholds;
  signals: { signal: DriftSignal; report: DriftReport | null }[];
}

/**
 * Drift between the pack's window before last and its last window, over the calls sampled from gateway records:
 * latency and input length (numeric) and the data classes found and the call outcomes, refusals included
 * (categorical). The PSI thresholds are the pack's; Jensen–Shannon and KS keep the defaults. An hourly job feeds
 * each signal's PSI to a monitor (`drift.<signal>`), which acts as the pack's drift section says.
 */
export class DriftService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly registry: MetricRegistry, private readonly monitors: MonitorService) {}

  register(): void {
    this.k.scheduler.every('metrics.drift', DRIFT_JOB_MS, (now) => this.tick(now));
  }

  async report(actor: Actor, useCaseId: string): Promise<UseCaseDrift> {
    const uc = await this.portfolio.get(actor, useCaseId);
    return this.measure(actor.tenantId, uc, await this.registry.measurement(uc, actor.tenantId), this.k.clock.now());
  }

  async tick(now: Date): Promise<void> {
    for (const { id: tenantId } of await this.k.db.selectFrom('tenants').select('id').execute()) {
      const useCases = (await this.portfolio.all(systemActor(tenantId, 'monitor'))).filter((uc) => MONITORED_STAGES.includes(uc.stage));
      for (const uc of useCases) {
        const measurement = await this.registry.measurement(uc, tenantId);
        if (!measurement) continue;
        const drift = await this.measure(tenantId, uc, measurement, now);
        const { warn, breach, onBreach } = measurement.drift;
        for (const { signal, report } of drift.signals) {
          const rule = monitorRule(`drift.${signal}`, 'decrease', { warning: warn, critical: breach }, drift.windowMs, MIN_DRIFT_SAMPLES, onBreach);
          await this.monitors.apply(tenantId, uc, rule, { value: report?.psi ?? null, samples: report?.currentSize ?? 0 }, now, report);
        }
        await this.k.db.deleteFrom('drift_samples').where('tenant_id', '=', tenantId).where('use_case_id', '=', uc.id).where('at', '<', drift.reference.from).execute();
      }
    }
  }

  private async measure(tenantId: string, uc: UseCase, measurement: Measurement | null, now: Date): Promise<UseCaseDrift> {
    const w = windowMs(measurement?.drift.window ?? DEFAULT_WINDOW);
    const t = now.getTime();
    const thresholds: DriftThresholds = measurement ? { ...DEFAULT_DRIFT_THRESHOLDS, psi: { warning: measurement.drift.warn, critical: measurement.drift.breach } } : DEFAULT_DRIFT_THRESHOLDS;
    const samples = await this.k.db.selectFrom('drift_samples').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', uc.id)
      .where('at', '>=', iso(t - 2 * w)).where('at', '<', iso(t)).execute();
    const split = iso(t - w);
    const reference = samples.filter((s) => s.at < split);
    const current = samples.filter((s) => s.at >= split);
    const signals: UseCaseDrift['signals'] = [
      { signal: 'latency', report: numericDrift(reference.map((s) => s.latency_ms), current.map((s) => s.latency_ms), thresholds) },
      { signal: 'input_tokens', report: numericDrift(reference.map((s) => s.tokens_in), current.map((s) => s.tokens_in), thresholds) },
      { signal: 'data_class', report: categoricalDrift(countBy(reference.map((s) => s.data_class)), countBy(current.map((s) => s.data_class)), thresholds) },
      { signal: 'outcome', report: categoricalDrift(countBy(reference.map((s) => s.outcome)), countBy(current.map((s) => s.outcome)), thresholds) },
    ];
    return { useCaseId: uc.id, windowMs: w, reference: { from: iso(t - 2 * w), to: split }, current: { from: split, to: iso(t) }, thresholds, signals };
  }
}
