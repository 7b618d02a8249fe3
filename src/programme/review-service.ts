import { z } from 'zod';
import { type Actor, systemActor } from '../kernel/actor.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { digest } from '../kernel/ledger/canonical.js';
import type { PeopleServices } from '../people/index.js';
import type { PortfolioService } from '../portfolio/service.js';
import { ACTIVE_STAGES } from '../portfolio/stages.js';
import type { AssetService } from './assets-service.js';
import { Cadence, DEFAULT_CADENCE, latestDue, stepDue } from './cadence.js';
import { type ForumService, toDecision, toFundingAsk } from './forum-service.js';
import type { PdfPrinter } from './pdf.js';
import { renderHtml, renderMarkdown } from './render.js';
import { buildReviewPack, inPeriod, ReviewPack, type ReviewInputs } from './review-pack.js';
import type { ProgrammeSources } from './sources.js';
import * as store from './store.js';

export const ReviewSummary = z.object({
  id: z.string(), periodFrom: z.string(), periodTo: z.string(), trigger: z.enum(['cadence', 'manual']), generatedBy: z.string(), generatedAt: z.string(),
});
export const Review = ReviewSummary.extend({ pack: ReviewPack });
export const CadenceView = Cadence.extend({ nextReviewAt: z.string(), version: z.number() });

export type ReviewFormat = 'markdown' | 'html' | 'pdf';
const CONTENT_TYPES: Record<ReviewFormat, string> = { markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', pdf: 'application/pdf' };

export interface ReviewDeps {
  portfolio: PortfolioService;
  people: Pick<PeopleServices, 'people' | 'coverage' | 'adoption' | 'change' | 'learning'>;
  assets: AssetService;
  forum: ForumService;
  sources: ProgrammeSources;
  printer: PdfPrinter;
}

/**
 * The portfolio governance cadence (seed section 8): a review pack generated for the forum on the tenant's cadence
 * (monthly by default) or on request, stored as the record of what the forum saw, and rendered as HTML, Markdown or PDF.
 */
export class ReviewService {
  constructor(private readonly k: Kernel, private readonly d: ReviewDeps) {}

  private async inputs(actor: Actor, from: Date, to: Date): Promise<ReviewInputs> {
    const [f, t] = [from.toISOString(), to.toISOString()];
    const within = inPeriod(f, t);
    const useCases = await this.d.portfolio.all(actor);
    const live = useCases.filter((uc) => ACTIVE_STAGES.includes(uc.stage));
    const transitions = (await this.k.ledger.list(this.k.db, actor.tenantId, { action: 'usecase.transition', from: f, to: new Date(to.getTime() + 1).toISOString() }, 10_000)).filter((e) => within(e.at));
    const everyone = await this.d.people.people.everyone(actor);
    const plans = new Set((await this.d.people.change.all(actor.tenantId)).map((p) => p.useCaseId));
    const adopting = live.filter((uc) => uc.stage === 'pilot' || uc.stage === 'production' || plans.has(uc.id));
    const s = this.d.sources;
    const [scorecards, incidents, gateDecisions, exceptionsExpiring] = await Promise.all([
      s.scorecards ? s.scorecards(actor, live, from, to) : null,
      s.incidents ? s.incidents(actor, from, to) : null,
      s.gateDecisions ? s.gateDecisions(actor, from, to) : null,
      s.exceptionsExpiring ? s.exceptionsExpiring(actor, new Date(to.getTime() + (to.getTime() - from.getTime()))) : null,
    ]);
    const [open, decided] = await Promise.all([store.fundingAsks(this.k.db, actor.tenantId, { status: 'open' }), store.fundingAsks(this.k.db, actor.tenantId, { decidedSince: f })]);
    return {
      tenant: await store.tenantName(this.k.db, actor.tenantId), from: f, to: t, generatedAt: this.k.clock.now().toISOString(), useCases,
      approvedInPeriod: transitions.filter((e) => (e.after as { stage?: string } | null)?.stage === 'approved').map((e) => ({ useCaseId: e.subject.id, at: e.at })).reverse(),
      scorecards, incidents, gateDecisions, exceptionsExpiring,
      adoption: await Promise.all(adopting.map((uc) => this.d.people.adoption.byAudience(actor, uc.id, 30, everyone))),
      coverage: await this.d.people.coverage.coverage(actor),
      labsSignedOff: (await this.d.people.learning.signedOffSince(actor, f)).filter((l) => within(l.reviewedAt)).length,
      reuse: await this.d.assets.summary(actor),
      reusesInPeriod: (await store.reuses(this.k.db, actor.tenantId, { since: f })).filter((r) => within(r.recorded_at)).length,
      fundingAsks: [...open, ...decided.filter((a) => within(a.decided_at))].map(toFundingAsk),
      lessons: (await this.d.forum.lessons(actor, { since: f })).filter((l) => within(l.recordedAt)),
      decisions: (await store.decisions(this.k.db, actor.tenantId, { since: f })).filter((x) => within(x.decided_at)).map(toDecision),
    };
  }

  /** Generates, stores and ledgers the pack for a period. */
  async generate(actor: Actor, from: Date, to: Date, trigger: 'cadence' | 'manual'): Promise<z.infer<typeof Review>> {
    if (from >= to) throw new Invalid('the period ends before it starts', [{ path: 'body.from', message: 'must be before to' }]);
    const pack = buildReviewPack(await this.inputs(actor, from, to));
    const row = {
      id: newId('prv'), tenant_id: actor.tenantId, period_from: pack.periodFrom, period_to: pack.periodTo, trigger, pack: toJson(pack),
      markdown: renderMarkdown(pack), html: renderHtml(pack), generated_by: actor.name, generated_at: pack.generatedAt,
    };
    await this.k.db.transaction().execute(async (tx) => {
      await tx.insertInto('portfolio_reviews').values(row).execute();
      await this.k.ledger.append(tx, actor, {
        action: 'portfolio_review.generate', subjectType: 'portfolio_review', subjectId: row.id,
        after: { periodFrom: row.period_from, periodTo: row.period_to, trigger, markdown: digest(row.markdown), sections: pack.sections.map((s) => ({ key: s.key, wired: s.wired })) },
      });
    });
    return { ...summaryOf(row), pack };
  }

  /** A pack on request: by default for the 30 days up to now. */
  async generateOnRequest(actor: Actor, period: { from?: string; to?: string }) {
    const to = period.to ? new Date(period.to) : this.k.clock.now();
    const from = period.from ? new Date(period.from) : new Date(to.getTime() - 30 * DAY_MS);
    return this.generate(actor, from, to, 'manual');
  }

  async get(actor: Actor, id: string): Promise<z.infer<typeof Review>> {
    const row = await store.review(this.k.db, actor.tenantId, id);
    if (!row) throw new NotFound('portfolio review', id);
    return { ...summaryOf(row), pack: fromJson<ReviewPack>(row.pack, null as never) };
  }

  async list(actor: Actor, q: { cursor?: string; limit: number }) {
    const rows = await store.listReviews(this.k.db, actor.tenantId, q);
    return pageOf(rows, q.limit, (r) => [r.generated_at, r.id], summaryOf);
  }

  /** The stored pack in a format for the forum; PDF is printed from the stored HTML. */
  async document(actor: Actor, id: string, format: ReviewFormat): Promise<{ contentType: string; body: string | Buffer; filename: string }> {
    const row = await store.review(this.k.db, actor.tenantId, id);
    if (!row) throw new NotFound('portfolio review', id);
    const body = format === 'markdown' ? row.markdown : format === 'html' ? row.html : await this.d.printer(row.html);
    const filename = `portfolio-review-${row.period_to.slice(0, 10)}.${format === 'markdown' ? 'md' : format}`;
    return { contentType: CONTENT_TYPES[format], body, filename };
  }

  async cadence(actor: Actor): Promise<z.infer<typeof CadenceView>> {
    const row = await store.cadence(this.k.db, actor.tenantId);
    const c: Cadence = row ? { everyMonths: row.every_months as Cadence['everyMonths'], dayOfMonth: row.day_of_month } : DEFAULT_CADENCE;
    return { ...c, nextReviewAt: stepDue(c, latestDue(c, this.k.clock.now()), 1).toISOString(), version: row?.version ?? 0 };
  }

  async setCadence(actor: Actor, input: Cadence, ifMatch?: number): Promise<z.infer<typeof CadenceView>> {
    await this.k.db.transaction().execute(async (tx) => {
      const before = await store.cadence(tx, actor.tenantId);
      checkVersion(ifMatch, before?.version ?? 0, 'the review cadence');
      const row = { tenant_id: actor.tenantId, every_months: input.everyMonths, day_of_month: input.dayOfMonth, updated_at: this.k.clock.now().toISOString(), version: (before?.version ?? 0) + 1 };
      if (before) await tx.updateTable('review_cadences').set(row).where('tenant_id', '=', actor.tenantId).execute();
      else await tx.insertInto('review_cadences').values(row).execute();
      const was = before ? { everyMonths: before.every_months, dayOfMonth: before.day_of_month } : DEFAULT_CADENCE;
      await this.k.ledger.append(tx, actor, { action: 'review_cadence.set', subjectType: 'review_cadence', subjectId: actor.tenantId, before: was, after: input });
    });
    return this.cadence(actor);
  }

  /**
   * The scheduler's job: every tenant whose latest review date has passed without a pack gets one for the period
   * before it. A tenant whose pack fails does not hold up the others; the failures are reported together.
   */
  async runCadence(now: Date): Promise<number> {
    let generated = 0;
    const failures: string[] = [];
    for (const tenantId of await store.tenantIds(this.k.db)) {
      const actor = systemActor(tenantId, 'portfolio review cadence');
      try {
        const c = await this.cadence(actor);
        const due = latestDue(c, now);
        if (await store.reviewFor(this.k.db, tenantId, due.toISOString(), 'cadence')) continue;
        await this.generate(actor, stepDue(c, due, -1), due, 'cadence');
        generated++;
      } catch (err) {
        failures.push(`${tenantId}: ${(err as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`review packs failed for ${failures.length} tenant(s): ${failures.join('; ')}`);
    return generated;
  }
}

const summaryOf = (r: { id: string; period_from: string; period_to: string; trigger: string; generated_by: string; generated_at: string }) => ({
  id: r.id, periodFrom: r.period_from, periodTo: r.period_to, trigger: r.trigger as 'cadence' | 'manual', generatedBy: r.generated_by, generatedAt: r.generated_at,
});
