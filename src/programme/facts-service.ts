import type { GatewayKeyService } from '../gateway/keys/service.js';
import type { Actor } from '../kernel/actor.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import type { PeopleServices } from '../people/index.js';
import type { PortfolioService } from '../portfolio/service.js';
import { ACTIVE_STAGES } from '../portfolio/stages.js';
import type { CatalogueService } from '../releases/catalogue.js';
import type { ProgrammeFacts, UseCaseFact } from './facts.js';
import type { ReviewService } from './review-service.js';
import type { ProgrammeSources } from './sources.js';
import * as store from './store.js';

export interface FactsDeps {
  portfolio: PortfolioService;
  keys: GatewayKeyService;
  endpoints: CatalogueService;
  people: Pick<PeopleServices, 'coverage' | 'change' | 'learning'>;
  reviews: ReviewService;
  sources: ProgrammeSources;
}

const since = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Gathers, at one moment, what the 90-day plan's rules and the maturity assessment read (facts.ts). */
export class FactsService {
  constructor(private readonly k: Kernel, private readonly d: FactsDeps) {}

  async gather(actor: Actor): Promise<ProgrammeFacts> {
    const now = this.k.clock.now();
    const useCases = await this.d.portfolio.all(actor);
    const live = useCases.filter((uc) => ACTIVE_STAGES.includes(uc.stage));
    const { scorecards, gateDecisions } = this.d.sources;
    const [endpoints, coverage, plans, labs, reuses, lessons, decisions, reviews, cadence, cards, gates] = await Promise.all([
      this.d.endpoints.list(actor),
      this.d.people.coverage.coverage(actor),
      this.d.people.change.all(actor.tenantId),
      this.d.people.learning.signedOffSince(actor),
      store.reuses(this.k.db, actor.tenantId, {}),
      store.lessons(this.k.db, actor.tenantId, { since: since(now, 90) }),
      store.decisions(this.k.db, actor.tenantId, { since: since(now, 90) }),
      this.d.reviews.list(actor, { limit: 1 }),
      this.d.reviews.cadence(actor),
      scorecards ? scorecards(actor, live, new Date(since(now, 30)), now) : null,
      gateDecisions ? gateDecisions(actor, new Date(since(now, 365)), now) : null,
    ]);
    const facts: UseCaseFact[] = [];
    for (const uc of useCases) {
      const plan = plans.find((p) => p.useCaseId === uc.id);
      const card = cards?.find((c) => c.useCaseId === uc.id);
      facts.push({
        id: uc.id, title: uc.title, stage: uc.stage,
        measurable: !!uc.outcome && !!(uc.outcome.targetDate ?? uc.targetDate),
        visible: (uc.priority?.impact ?? 0) >= 4,
        hasOwner: !!uc.owner, orphaned: uc.orphanReasons.length > 0, dataSourcesStated: uc.readiness.dataSources.length > 0, screened: !!uc.riskTier,
        changePlan: !!plan, adoptionMeasurable: !!plan?.audiences.some((a) => a.gatewayRole),
        feedbackLast30d: plan ? (await this.d.people.change.feedback(actor, uc.id, since(now, 30))).length : 0,
        gatewayKeys: ACTIVE_STAGES.includes(uc.stage) ? (await this.d.keys.list(actor, uc.id)).filter((key) => !key.revokedAt).length : 0,
        signedOffLabs: labs.filter((l) => l.useCaseId === uc.id).length,
        reusesAsset: reuses.some((r) => r.use_case_id === uc.id),
        scorecardHasData: cards ? !!card && [card.outcome, card.modelQuality, card.operationalHealth, card.adoption].some((s) => s !== 'no_data') : null,
        gateDecided: gates ? gates.some((g) => g.useCaseId === uc.id) : null,
      });
    }
    return {
      at: now.toISOString(), useCases: facts,
      modelEndpoints: endpoints.filter((e) => e.status === 'approved').length,
      coverage: { overall: coverage.overall.coverage, byRole: coverage.byRole.map((r) => ({ role: r.key ?? r.name, people: r.people, coverage: r.coverage })) },
      lessonsLast90d: { wins: lessons.filter((l) => l.kind === 'win').length, failures: lessons.filter((l) => l.kind === 'failure').length },
      decisionsLast90d: decisions.length,
      latestReviewAt: reviews.items[0]?.generatedAt ?? null,
      cadenceMonths: cadence.everyMonths,
      wired: { scorecards: !!scorecards, gateDecisions: !!gateDecisions },
    };
  }
}
