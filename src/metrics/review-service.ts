import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { digest } from '../kernel/ledger/canonical.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { ReleaseService } from '../releases/service.js';
import type { MetricRegistry } from './registry-service.js';
import { type MetricReviewState, type ReviewDue, reviewsDue } from './reviews.js';
import * as store from './store.js';

/** Reviews on cadence: which metrics are due for their owner's review, and the acknowledgements that close them. */
export class MetricReviews {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly releases: ReleaseService, private readonly registry: MetricRegistry) {}

  async due(actor: Actor, owner?: string): Promise<ReviewDue[]> {
    const useCases = await this.portfolio.all(actor);
    const metrics = (await this.registry.views(actor, useCases)).filter((m) => !owner || m.owner === owner);
    const acknowledged = await store.lastAcknowledgements(this.k.db, actor.tenantId);
    const wentLive = new Map<string, string>();
    for (const m of metrics.filter((x) => x.reviewCadence === 'per_release')) {
      for (const id of m.useCaseIds) {
        if (wentLive.has(id)) continue;
        const times = (await this.releases.slots(this.k.db, actor.tenantId, id)).filter((s) => s.activeReleaseId && s.updatedAt).map((s) => s.updatedAt!);
        if (times.length) wentLive.set(id, times.sort().at(-1)!);
      }
    }
    const states: MetricReviewState[] = metrics.map((m) => ({
      metricKey: m.key, owner: m.owner, reviewCadence: m.reviewCadence, createdAt: m.createdAt, lastAcknowledgedAt: acknowledged.get(m.key) ?? null,
      lastReleaseAt: m.useCaseIds.map((id) => wentLive.get(id)).filter((t): t is string => !!t).sort().at(-1) ?? null,
    }));
    return reviewsDue(states, this.k.clock.now());
  }

  /** The owner (or whoever reviews for them) acknowledges the metric with a comment; ledgered with the comment's digest. */
  async acknowledge(actor: Actor, metricKey: string, comment: string) {
    await this.registry.get(actor, metricKey);
    const row = { id: newId('ack'), tenant_id: actor.tenantId, metric_key: metricKey, actor_id: actor.id, comment, at: this.k.clock.now().toISOString() };
    await this.k.db.transaction().execute(async (tx) => {
      await tx.insertInto('metric_acknowledgements').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'metric.review', subjectType: 'metric', subjectId: metricKey, after: { acknowledgement: row.id, comment: digest(comment) } });
    });
    return { id: row.id, metricKey, actorId: actor.id, comment, at: row.at };
  }
}
