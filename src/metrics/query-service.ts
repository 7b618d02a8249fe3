import { sql } from 'kysely';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import type { IncidentService } from '../incidents/service.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import { GATEWAY_METRIC_KEYS, type GatewayMetricKey } from './catalogue.js';
import { gatewayMetricReadings, type MetricReading } from './gateway-metrics.js';
import { COUNTER_COLUMNS } from './migrations.js';
import { summariseWindow } from './monitor.js';
import { coveringSegments, seriesSteps } from './ranges.js';
import type { MetricDefinition } from './schema.js';
import type { MetricRegistry } from './registry-service.js';
import { countersOf, fromRollupRow, monthStart } from './rollup-service.js';
import { addTotals, emptyTotals, RESOLUTIONS, type Resolution, type RollupCounters, type RollupTotals } from './rollup.js';
import * as store from './store.js';

/** Which use cases a query covers: one, a value stream's, a team's, or the whole portfolio. */
export type Scope = { useCaseId: string } | { valueStreamId: string } | { teamId: string } | { portfolio: true };
export type CostGrouping = 'useCase' | 'team' | 'valueStream';

export const MAX_SERIES_POINTS = 1_500;
export const INCIDENT_METRICS = ['incident.time_to_mitigate', 'incident.time_to_resolve'] as const;
const CHUNK = 400;
const MINUTE = 60_000;
const monthAfter = (ms: number): number => {
  const d = new Date(monthStart(ms));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
const iso = (ms: number) => new Date(ms).toISOString();
const headcount = (ucs: readonly UseCase[]) => ucs.reduce((n, uc) => n + uc.affectedUsers.reduce((m, g) => m + g.headcount, 0), 0);

/** Reads rollups (never raw events) for windows, series and cost; the totals of a range come from the fewest rows. */
export class MetricQuery {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly registry: MetricRegistry, private readonly incidents: IncidentService) {}

  /** Sketches and counters per use case over [from, to). */
  async totals(tenantId: string, useCaseIds: readonly string[], from: number, to: number): Promise<Map<string, RollupTotals>> {
    const totals = new Map<string, RollupTotals>(useCaseIds.map((id) => [id, emptyTotals()]));
    for (const q of this.segmentQueries(tenantId, useCaseIds, from, to)) {
      for (const row of await q.selectAll().execute()) addTotals(totals.get(row.use_case_id)!, fromRollupRow(row));
    }
    return totals;
  }

  /**
   * Counters per use case over [from, to), summed by the database without decoding a sketch: whole UTC months from
   * the month counters, the stretches before and after them from the fewest rollup rows.
   */
  async counters(tenantId: string, useCaseIds: readonly string[], from: number, to: number): Promise<Map<string, RollupCounters>> {
    const sums = new Map<string, RollupCounters>(useCaseIds.map((id) => [id, emptyTotals().counters]));
    const add = (rows: ({ use_case_id: string } & Record<(typeof COUNTER_COLUMNS)[number], number>)[]) => {
      for (const row of rows) {
        const mine = sums.get(row.use_case_id)!;
        const part = countersOf(row);
        for (const name of Object.keys(mine) as (keyof RollupCounters)[]) mine[name] += part[name];
      }
    };
    const start = Math.floor(from / MINUTE) * MINUTE;
    const end = Math.ceil(to / MINUTE) * MINUTE;
    const firstMonth = monthStart(start) === start ? start : monthAfter(start);
    const lastMonth = monthStart(end);
    const pieces = firstMonth < lastMonth ? [[start, firstMonth], [lastMonth, end]] : [[start, end]];
    const sumsOf = COUNTER_COLUMNS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));
    for (const [a, b] of pieces) {
      for (const q of this.segmentQueries(tenantId, useCaseIds, a, b)) add(await q.select('use_case_id').select(sumsOf).groupBy('use_case_id').execute());
    }
    if (firstMonth >= lastMonth) return sums;
    for (let i = 0; i < useCaseIds.length; i += CHUNK) {
      add(await this.k.db.selectFrom('metric_rollup_months').select('use_case_id').select(sumsOf).where('tenant_id', '=', tenantId)
        .where('month', '>=', iso(firstMonth)).where('month', '<', iso(lastMonth)).where('use_case_id', 'in', useCaseIds.slice(i, i + CHUNK)).groupBy('use_case_id').execute());
    }
    return sums;
  }

  /** One query per covering segment and chunk of use cases. */
  private segmentQueries(tenantId: string, useCaseIds: readonly string[], from: number, to: number) {
    return coveringSegments(from, to).flatMap((segment) =>
      Array.from({ length: Math.ceil(useCaseIds.length / CHUNK) }, (_, i) =>
        this.k.db.selectFrom('metric_rollups').where('tenant_id', '=', tenantId).where('resolution', '=', segment.resolution)
          .where('start', '>=', iso(segment.from)).where('start', '<', iso(segment.to)).where('use_case_id', 'in', useCaseIds.slice(i * CHUNK, (i + 1) * CHUNK))));
  }

  /** The use cases a scope covers; a use case, value stream or team of another tenant is a 404. */
  async useCasesIn(actor: Actor, scope: Scope): Promise<UseCase[]> {
    if ('useCaseId' in scope) return [await this.portfolio.get(actor, scope.useCaseId)];
    const all = await this.portfolio.all(actor);
    if ('portfolio' in scope) return all;
    const chosen = 'valueStreamId' in scope ? all.filter((uc) => uc.valueStream?.id === scope.valueStreamId) : all.filter((uc) => uc.teamId === scope.teamId);
    if (chosen.length === 0 && 'valueStreamId' in scope && !(await this.portfolio.listValueStreams(actor)).some((v) => v.id === scope.valueStreamId)) throw new NotFound('value stream', scope.valueStreamId);
    return chosen;
  }

  /** A metric over consecutive steps of `resolution`: gateway metrics from rollups, others from observations or incidents. */
  async series(actor: Actor, key: string, scope: Scope, from: number, to: number, resolution: Resolution) {
    const steps = seriesSteps(from, to, resolution);
    if (steps.length > MAX_SERIES_POINTS) throw new Invalid(`${steps.length} points is too many; use a coarser resolution`, [{ path: 'querystring.resolution', message: `at most ${MAX_SERIES_POINTS} points` }]);
    const useCases = await this.useCasesIn(actor, scope);
    const ids = useCases.map((uc) => uc.id);
    const points = await this.readings(actor, key, useCases, steps, resolution);
    const metric = (INCIDENT_METRICS as readonly string[]).includes(key) ? { key, unit: 'ms' } : await this.definition(actor, key, useCases);
    return { metric: key, unit: metric.unit, resolution, useCaseIds: ids, points: steps.map((s, i) => ({ start: iso(s.from), ...points[i] })) };
  }

  private async readings(actor: Actor, key: string, useCases: UseCase[], steps: { from: number; to: number }[], resolution: Resolution): Promise<MetricReading[]> {
    const ids = useCases.map((uc) => uc.id);
    if (key.startsWith('gateway.')) {
      const gatewayKey = key.slice('gateway.'.length) as GatewayMetricKey;
      if (!GATEWAY_METRIC_KEYS.includes(gatewayKey)) throw new NotFound('metric', key);
      const byStart = await this.stepTotals(actor.tenantId, ids, steps, resolution);
      return steps.map((s) => gatewayMetricReadings(byStart.get(s.from) ?? emptyTotals(), RESOLUTIONS[resolution], headcount(useCases) || null)[gatewayKey]);
    }
    if ((INCIDENT_METRICS as readonly string[]).includes(key)) {
      return Promise.all(steps.map(async (s) => {
        const t = await this.incidents.timings(actor, { from: iso(s.from), to: iso(s.to), ...(ids.length === 1 ? { useCaseId: ids[0] } : {}) });
        const d = key === 'incident.time_to_mitigate' ? t.timeToMitigate : t.timeToResolve;
        return { value: d.meanMs, samples: d.count };
      }));
    }
    const metric = await this.definition(actor, key, useCases);
    const rows = await store.observations(this.k.db, actor.tenantId, [key], ids, iso(steps[0].from), iso(steps[steps.length - 1].to));
    return steps.map((s) => summariseWindow(rows.filter((r) => r.at >= iso(s.from) && r.at < iso(s.to)), metric.aggregation));
  }

  /** A metric of the registry, or one the use cases' packs define (evaluation metrics). */
  private async definition(actor: Actor, key: string, useCases: UseCase[]): Promise<MetricDefinition> {
    const registered = (await this.registry.views(actor, useCases)).find((m) => m.key === key);
    if (registered) return registered;
    for (const tracked of (await this.registry.tracked(actor, useCases)).values()) {
      const found = tracked.find((t) => t.definition.key === key);
      if (found) return found.definition;
    }
    throw new NotFound('metric', key);
  }

  /** Totals per step start for step-aligned buckets of the series' resolution, merged across the use cases. */
  private async stepTotals(tenantId: string, ids: readonly string[], steps: { from: number; to: number }[], resolution: Resolution): Promise<Map<number, RollupTotals>> {
    const byStart = new Map<number, RollupTotals>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.k.db.selectFrom('metric_rollups').selectAll().where('tenant_id', '=', tenantId).where('resolution', '=', resolution)
        .where('start', '>=', iso(steps[0].from)).where('start', '<', iso(steps[steps.length - 1].to)).where('use_case_id', 'in', ids.slice(i, i + CHUNK)).execute();
      for (const row of rows) {
        const start = Date.parse(row.start);
        let total = byStart.get(start);
        if (!total) byStart.set(start, (total = emptyTotals()));
        addTotals(total, fromRollupRow(row));
      }
    }
    return byStart;
  }

  /** Calls, tokens and model cost over a range, per use case, team or value stream. */
  async costs(actor: Actor, groupBy: CostGrouping, from: number, to: number) {
    const useCases = await this.portfolio.all(actor);
    const counters = await this.counters(actor.tenantId, useCases.map((uc) => uc.id), from, to);
    const groups = new Map<string | null, { name: string | null; useCases: number; requests: number; tokens: number; costUsd: number }>();
    for (const uc of useCases) {
      const [id, name] = groupBy === 'useCase' ? [uc.id, uc.title] : groupBy === 'team' ? [uc.teamId, uc.teamId] : [uc.valueStream?.id ?? null, uc.valueStream?.name ?? null];
      const c = counters.get(uc.id)!;
      const group = groups.get(id) ?? { name, useCases: 0, requests: 0, tokens: 0, costUsd: 0 };
      groups.set(id, { name, useCases: group.useCases + 1, requests: group.requests + c.requests, tokens: group.tokens + c.tokensIn + c.tokensOut, costUsd: group.costUsd + c.costUsd });
    }
    const items = [...groups].map(([groupId, g]) => ({ groupId, ...g, costPerRequest: g.requests ? g.costUsd / g.requests : null })).sort((a, b) => b.costUsd - a.costUsd);
    return { groupBy, from: iso(from), to: iso(to), totalCostUsd: items.reduce((n, i) => n + i.costUsd, 0), items };
  }
}
