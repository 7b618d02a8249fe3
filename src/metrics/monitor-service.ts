import type { IncidentService } from '../incidents/service.js';
import type { StoredIncident } from '../incidents/store.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import type { Stage, UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { ReleaseService } from '../releases/service.js';
import type { AlertService } from './alert-service.js';
import type { ContainmentService } from './containment-service.js';
import { gatewayMetricReadings, type MetricReading } from './gateway-metrics.js';
import type { MonitorStateRow } from './migrations.js';
import { evaluateMonitor, FRESH_MONITOR, type MonitorEvaluation, type MonitorMemory, type MonitorRule, type MonitorState, summariseWindow } from './monitor.js';
import type { MetricQuery } from './query-service.js';
import type { MetricRegistry } from './registry-service.js';
import type { RollupTotals } from './rollup.js';
import { METRIC_LAYERS } from './schema.js';
import { outcomeProgress } from './scorecard.js';
import * as store from './store.js';
import type { TrackedMetric } from './tracked.js';

/** Stages whose use cases are watched; a suspended one too, so its breach is not mistaken for recovery. */
export const MONITORED_STAGES: readonly Stage[] = ['approved', 'build', 'pilot', 'production', 'suspended'];
export const MONITOR_JOB_MS = 60_000;
/** Progress is judged against the plan only once a twentieth of the time to the target date has passed. */
const MIN_EXPECTED = 0.05;

/** A monitor looks at its window about fifteen times per window length: at most every minute, at least every hour. */
export const evaluationEveryMs = (windowMs: number): number => Math.min(3_600_000, Math.max(60_000, Math.floor(windowMs / 15)));

export type MonitorStateView = Omit<MonitorStateRow, 'tenant_id' | 'pending' | 'detail'>;

export const headcount = (uc: UseCase): number => uc.affectedUsers.reduce((n, g) => n + g.headcount, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The monitor job: every minute, for each watched use case, the monitors that are due read their window (gateway
 * rollups, observations or outcome progress), and `evaluateMonitor` decides. An ALERT opens or adds to an incident,
 * applies the pack's containment and is sent to the tenant's webhooks; every transition is ledgered.
 */
export class MonitorService {
  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly releases: ReleaseService,
    private readonly registry: MetricRegistry,
    private readonly query: MetricQuery,
    private readonly incidents: IncidentService,
    private readonly containment: ContainmentService,
    private readonly alerts: AlertService,
  ) {}

  register(): void {
    this.k.scheduler.every('metrics.monitors', MONITOR_JOB_MS, (now) => this.tick(now));
  }

  async tick(now: Date): Promise<void> {
    for (const { id } of await this.k.db.selectFrom('tenants').select('id').execute()) {
      await this.evaluateTenant(id, now).catch((err: Error) => this.k.log.error({ err, tenantId: id }, 'monitors of a tenant failed'));
    }
  }

  async evaluateTenant(tenantId: string, now: Date): Promise<void> {
    const actor = systemActor(tenantId, 'monitor');
    const useCases = (await this.portfolio.all(actor)).filter((uc) => MONITORED_STAGES.includes(uc.stage));
    const tracked = await this.registry.tracked(actor, useCases);
    const states = await this.states(tenantId, useCases.map((uc) => uc.id));
    for (const uc of useCases) {
      const due = tracked.get(uc.id)!.filter((m) => {
        const row = states.get(uc.id)?.get(m.definition.key);
        return m.rule && (!row || now.getTime() - Date.parse(row.evaluated_at) >= evaluationEveryMs(m.rule.windowMs));
      });
      try {
        const readings = await this.readings(tenantId, uc, due, now);
        for (const m of due) await this.apply(tenantId, uc, m.rule!, readings.get(m.definition.key)!, now);
      } catch (err) {
        this.k.log.error({ err, tenantId, useCaseId: uc.id }, 'monitors of a use case failed');
      }
    }
  }

  /** The persisted monitor states of use cases (without their anti-flapping memory), by use case and metric key. */
  async states(tenantId: string, useCaseIds: readonly string[]): Promise<Map<string, Map<string, MonitorStateView>>> {
    const result = new Map<string, Map<string, MonitorStateView>>();
    for (let i = 0; i < useCaseIds.length; i += 400) {
      const rows = await this.k.db.selectFrom('monitor_states').select(['use_case_id', 'metric_key', 'state', 'since', 'value', 'samples', 'reason', 'evaluated_at'])
        .where('tenant_id', '=', tenantId).where('use_case_id', 'in', useCaseIds.slice(i, i + 400)).execute();
      for (const row of rows) {
        if (!result.has(row.use_case_id)) result.set(row.use_case_id, new Map());
        result.get(row.use_case_id)!.set(row.metric_key, row);
      }
    }
    return result;
  }

  /** Evaluates one window of one monitor and carries out what it decides. */
  async apply(tenantId: string, uc: UseCase, rule: MonitorRule, reading: MetricReading, now: Date, detail: unknown = null): Promise<MonitorEvaluation> {
    const system = systemActor(tenantId, 'monitor');
    const row = await this.k.db.selectFrom('monitor_states').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', uc.id).where('metric_key', '=', rule.metricKey).executeTakeFirst();
    const memory: MonitorMemory = row ? { state: row.state as MonitorState, since: row.since, pending: fromJson(row.pending, null) } : FRESH_MONITOR;
    const open = await this.incidents.active(this.k.db, tenantId, uc.id);
    const ev = evaluateMonitor(rule, memory, reading, { at: now, openIncidentId: open?.id ?? null });
    let incident: StoredIncident | undefined;
    await this.k.db.transaction().execute(async (tx) => {
      const next: MonitorStateRow = {
        tenant_id: tenantId, use_case_id: uc.id, metric_key: rule.metricKey, state: ev.memory.state, since: ev.memory.since, pending: ev.memory.pending ? toJson(ev.memory.pending) : null,
        value: reading.value, samples: reading.samples, reason: ev.transition?.reason ?? row?.reason ?? '', detail: detail === null ? null : toJson(detail), evaluated_at: now.toISOString(),
      };
      await tx.insertInto('monitor_states').values(next).onConflict((oc) => oc.columns(['tenant_id', 'use_case_id', 'metric_key']).doUpdateSet(next)).execute();
      if (ev.transition) {
        const { from, to, value, samples, reason } = ev.transition;
        await this.k.ledger.append(tx, system, { action: 'monitor.transition', subjectType: 'use_case', subjectId: uc.id, before: { metricKey: rule.metricKey, state: from }, after: { metricKey: rule.metricKey, state: to, value, samples, reason } });
      }
      if (ev.incident) {
        const releaseId = ev.incident.kind === 'open' ? await this.activeRelease(tx, tenantId, uc) : null;
        incident = await this.incidents.raise(tx, tenantId, { useCaseId: uc.id, metricKey: rule.metricKey, decision: ev.incident, releaseId });
      }
    });
    for (const action of ev.actions) if (incident) incident = await this.containment.contain(tenantId, incident.id, action);
    if (incident && (ev.transition?.to === 'ALERT' || ev.incident?.kind === 'open')) {
      await this.alerts.notify(tenantId, {
        type: 'monitor.alert', useCaseId: uc.id, metricKey: rule.metricKey, state: ev.memory.state, value: reading.value, samples: reading.samples,
        reason: ev.transition?.reason ?? (ev.incident?.kind === 'open' ? ev.incident.title : ''), incidentId: incident.id, actions: ev.actions.map((a) => a.kind), at: now.toISOString(),
      });
    }
    return ev;
  }

  /** Restarts every monitor of the use case from FRESH_MONITOR (on resumption). */
  async reset(tx: Tx, tenantId: string, useCaseId: string): Promise<void> {
    await tx.deleteFrom('monitor_states').where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).execute();
  }

  /**
   * Whether the use case's monitoring thresholds are defined, as a release gate asks: every one of the three layers
   * (business outcome, model quality, operational health) has at least one metric watched by a monitor with its
   * warning and critical thresholds, from the pack's defaults or the owners' own definitions.
   */
  async hasThresholds(tenantId: string, useCaseId: string): Promise<boolean> {
    const actor = systemActor(tenantId, 'release gate');
    const uc = await this.portfolio.get(actor, useCaseId);
    const tracked = (await this.registry.tracked(actor, [uc])).get(uc.id) ?? [];
    const watched = new Set(tracked.filter((t) => t.rule).map((t) => t.definition.layer));
    return METRIC_LAYERS.every((layer) => watched.has(layer));
  }

  /** The tracked metrics of a use case with their monitor's rule and state. */
  async view(actor: Actor, useCaseId: string) {
    const uc = await this.portfolio.get(actor, useCaseId);
    const tracked = (await this.registry.tracked(actor, [uc])).get(uc.id)!;
    const states = (await this.states(actor.tenantId, [uc.id])).get(uc.id);
    return tracked.map(({ definition, rule }) => {
      const row = states?.get(definition.key);
      const monitor = rule && {
        thresholds: rule.thresholds, windowMs: rule.windowMs, minSamples: rule.minSamples, onAlert: rule.onAlert.map((a) => a.kind),
        state: (row?.state ?? 'NO_DATA') as MonitorState, since: row?.since ?? null, value: row?.value ?? null, samples: row?.samples ?? 0, reason: row?.reason ?? '', evaluatedAt: row?.evaluated_at ?? null,
      };
      return { ...definition, monitor };
    });
  }

  private async readings(tenantId: string, uc: UseCase, due: TrackedMetric[], now: Date): Promise<Map<string, MetricReading>> {
    const result = new Map<string, MetricReading>();
    const byWindow = new Map<number, RollupTotals>();
    const t = now.getTime();
    for (const { definition, reads, rule } of due) {
      const w = rule!.windowMs;
      if (reads.from === 'gateway') {
        if (!byWindow.has(w)) byWindow.set(w, (await this.query.totals(tenantId, [uc.id], t - w, t)).get(uc.id)!);
        result.set(definition.key, gatewayMetricReadings(byWindow.get(w)!, w, headcount(uc) || null)[reads.key]);
        continue;
      }
      const rows = await store.observations(this.k.db, tenantId, [definition.key], [uc.id], iso(t - w), iso(t + 1));
      result.set(definition.key, reads.from === 'observations' ? summariseWindow(rows, definition.aggregation) : this.progressAgainstPlan(uc, rows, now));
    }
    return result;
  }

  /** The outcome's progress ÷ the progress due by now on the straight line to the target date (1 = on plan). */
  private progressAgainstPlan(uc: UseCase, rows: { value: number }[], now: Date): MetricReading {
    const targetDate = uc.outcome?.targetDate ?? uc.targetDate;
    if (!uc.outcome || !targetDate || rows.length === 0) return { value: null, samples: rows.length };
    const { baseline, target, direction } = uc.outcome;
    const p = outcomeProgress({ baseline, target, direction, current: rows[rows.length - 1].value, startAt: uc.createdAt, targetDate }, now);
    return { value: p.progress !== null && p.expected >= MIN_EXPECTED ? p.progress / p.expected : null, samples: rows.length };
  }

  /** The release answering the use case's traffic: the active one of its stage's environment. */
  private async activeRelease(tx: Tx, tenantId: string, uc: UseCase): Promise<string | null> {
    const slots = await this.releases.slots(tx, tenantId, uc.id);
    const env = uc.stage === 'production' || uc.suspendedFrom === 'production' ? 'production' : 'pilot';
    return slots.find((s) => s.environment === env)?.activeReleaseId ?? slots.find((s) => s.activeReleaseId)?.activeReleaseId ?? null;
  }
}
