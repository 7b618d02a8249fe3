import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { UseCase } from '../portfolio/schema.js';
import { diagnoseAdoptionByRole } from './adoption.js';
import { adoptionByRole, gatewayMetricReadings } from './gateway-metrics.js';
import type { MonitorState } from './monitor.js';
import { headcount, type MonitorService } from './monitor-service.js';
import type { MetricQuery, Scope } from './query-service.js';
import type { MetricRegistry } from './registry-service.js';
import type { RollupCounters } from './rollup.js';
import { type MetricStatus, type OutcomeInput, portfolioRollup, rollupByValueStream, type UseCaseScorecard, useCaseScorecard } from './scorecard.js';
import * as store from './store.js';

export interface ScorecardFigures {
  requests: number;
  tokens: number;
  costUsd: number;
  costPerRequest: number | null;
  errorRate: number | null;
  availability: number | null;
  escalationRate: number | null;
  overrideRate: number | null;
  blockRate: number | null;
  satisfaction: number | null;
}

export interface UseCaseCard extends UseCaseScorecard {
  title: string;
  figures: ScorecardFigures;
  metrics: (MetricStatus & { value: number | null })[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const iso = (ms: number) => new Date(ms).toISOString();

function figuresOf(c: RollupCounters): ScorecardFigures {
  return {
    requests: c.requests, tokens: c.tokensIn + c.tokensOut, costUsd: c.costUsd, costPerRequest: ratio(c.costUsd, c.requests),
    errorRate: ratio(c.errors, c.requests), availability: ratio(c.requests - c.serverErrors, c.requests), escalationRate: ratio(c.reviewed, c.requests),
    overrideRate: ratio(c.overridden, c.reviewed), blockRate: ratio(c.blocked, c.requests), satisfaction: ratio(c.feedbackScoreSum, c.feedbackCount),
  };
}

/**
 * Scorecards read the registry, the monitors' states and the rollups' counters (summed by the database, so a
 * 90-day card over the portfolio decodes no sketch): per use case outcome progress, model quality, operational
 * health and adoption with their status; the same rolled up per value stream and for the portfolio.
 */
export class ScorecardService {
  constructor(
    private readonly k: Kernel,
    private readonly registry: MetricRegistry,
    private readonly query: MetricQuery,
    private readonly monitors: MonitorService,
  ) {}

  async cards(actor: Actor, useCases: UseCase[], from: number, to: number): Promise<UseCaseCard[]> {
    const ids = useCases.map((uc) => uc.id);
    const [tracked, states, counters, outcomes] = await Promise.all([
      this.registry.tracked(actor, useCases),
      this.monitors.states(actor.tenantId, ids),
      this.query.counters(actor.tenantId, ids, from, to),
      store.latestObservations(this.k.db, actor.tenantId, useCases.filter((uc) => uc.outcome).map((uc) => `outcome.${uc.id}`), iso(to)),
    ]);
    const current = new Map(outcomes.map((o) => [o.use_case_id, o]));
    const at = new Date(Math.min(to, this.k.clock.now().getTime()));
    return useCases.map((uc) => {
      const mine = states.get(uc.id);
      const metrics = tracked.get(uc.id)!.filter((m) => m.rule).map(({ definition: d }) => {
        const row = mine?.get(d.key);
        return { key: d.key, layer: d.layer, adoption: d.adoption, state: (row?.state ?? 'NO_DATA') as MonitorState, value: row?.value ?? null };
      });
      for (const [key, row] of mine ?? []) {
        if (key.startsWith('drift.')) metrics.push({ key, layer: 'model_quality', adoption: false, state: row.state as MonitorState, value: row.value });
      }
      const targetDate = uc.outcome?.targetDate ?? uc.targetDate;
      const outcome: OutcomeInput | null = uc.outcome && targetDate
        ? { baseline: uc.outcome.baseline, target: uc.outcome.target, direction: uc.outcome.direction, current: current.get(uc.id)?.value ?? null, startAt: uc.createdAt, targetDate }
        : null;
      const card = useCaseScorecard({ useCaseId: uc.id, valueStreamId: uc.valueStream?.id ?? null, outcome, metrics }, at);
      return { ...card, title: uc.title, figures: figuresOf(counters.get(uc.id)!), metrics };
    });
  }

  /**
   * Adoption by role over a window: verified end users of each role against the affected group of the same name
   * (unverified users counted apart, never assigned a role), and the likely cause where adoption is low. Training
   * coverage is not known here and satisfies no rule.
   */
  async adoption(actor: Actor, useCaseId: string, windowMs: number) {
    const [uc] = await this.query.useCasesIn(actor, { useCaseId });
    const to = this.k.clock.now().getTime() + 1;
    const totals = (await this.query.totals(actor.tenantId, [uc.id], to - windowMs, to)).get(uc.id)!;
    const { roles, unverifiedUsers } = adoptionByRole(totals, Object.fromEntries(uc.affectedUsers.map((g) => [g.group, g.headcount])));
    const readings = gatewayMetricReadings(totals, windowMs, headcount(uc) || null);
    const [card] = await this.cards(actor, [uc], to - windowMs, to);
    const diagnoses = diagnoseAdoptionByRole(roles.map((r) => ({
      role: r.role, activeUsers: r.activeUsers, affectedUsers: r.affectedUsers, trainingCoverage: null, overrideRate: readings.override_rate.value,
      modelQuality: card.status.modelQuality, latencyP95Ms: readings.latency_p95.value, errorRate: readings.error_rate.value,
    })));
    return { useCaseId: uc.id, windowMs, activeEndUsers: readings.active_end_users.value, unverifiedUsers, roles, diagnoses };
  }

  /** The cards of the use cases in scope with their roll-up per value stream and overall. */
  async overview(actor: Actor, scope: Scope, from: number, to: number) {
    const cards = await this.cards(actor, await this.query.useCasesIn(actor, scope), from, to);
    return { from: iso(from), to: iso(to), overall: portfolioRollup(cards), valueStreams: rollupByValueStream(cards), useCases: cards };
  }
}
