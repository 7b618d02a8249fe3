import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { namedUseCase } from '../people/refs.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Decision, DecisionCreate, FundingAsk, FundingAskCreate, Lesson, LessonCreate } from './forum-schema.js';
import type { ForumDecisionRow, FundingAskRow, LessonRow } from './migrations.js';
import * as store from './store.js';

export const toDecision = (r: ForumDecisionRow): Decision => ({
  id: r.id, reviewId: r.review_id, useCaseId: r.use_case_id, kind: r.kind as Decision['kind'], summary: r.summary, fundingAskId: r.funding_ask_id,
  recordedBy: { id: r.recorded_by, name: r.recorded_by_name }, decidedAt: r.decided_at,
});
export const toFundingAsk = (r: FundingAskRow): FundingAsk => ({
  id: r.id, useCaseId: r.use_case_id, amount: r.amount, currency: r.currency, purpose: r.purpose, status: r.status as FundingAsk['status'],
  requestedBy: r.requested_by, requestedAt: r.requested_at, decidedAt: r.decided_at, decisionId: r.decision_id,
});
export const toLesson = (r: LessonRow): Lesson => ({ id: r.id, useCaseId: r.use_case_id, kind: r.kind as Lesson['kind'], lesson: r.lesson, recordedBy: r.recorded_by, recordedAt: r.recorded_at });

const SETTLES_FUNDING = ['fund', 'decline_funding'];

/** The portfolio forum's record: decisions against use cases (ledgered), the funding asks they settle, lessons learned. */
export class ForumService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  async recordDecision(actor: Actor, reviewId: string, input: z.infer<typeof DecisionCreate>): Promise<Decision> {
    return this.k.db.transaction().execute(async (tx) => {
      if (!(await store.review(tx, actor.tenantId, reviewId))) throw new NotFound('portfolio review', reviewId);
      const useCase = await namedUseCase(this.portfolio, actor, input.useCaseId, 'body.useCaseId', tx);
      const settles = SETTLES_FUNDING.includes(input.kind);
      if (settles && !input.fundingAskId) throw new Invalid(`a ${input.kind} decision names the funding ask it settles`, [{ path: 'body.fundingAskId', message: 'required' }]);
      if (!settles && input.fundingAskId) throw new Invalid('only fund and decline_funding decisions settle a funding ask', [{ path: 'body.fundingAskId', message: `not for a ${input.kind} decision` }]);
      const now = this.k.clock.now().toISOString();
      const row: ForumDecisionRow = {
        id: newId('fdc'), tenant_id: actor.tenantId, review_id: reviewId, use_case_id: useCase.id, kind: input.kind, summary: input.summary,
        funding_ask_id: input.fundingAskId ?? null, recorded_by: actor.id, recorded_by_name: actor.name, decided_at: now,
      };
      if (input.fundingAskId) {
        const ask = await store.fundingAsk(tx, actor.tenantId, input.fundingAskId);
        if (!ask || ask.use_case_id !== useCase.id) throw new Invalid(`no funding ask ${input.fundingAskId} for this use case`, [{ path: 'body.fundingAskId', message: `no funding ask ${input.fundingAskId} for use case ${useCase.id}` }]);
        if (ask.status !== 'open') throw new Conflict(`funding ask ${ask.id} was already ${ask.status}`);
        const status = input.kind === 'fund' ? 'funded' : 'declined';
        await tx.updateTable('funding_asks').set({ status, decided_at: now, decision_id: row.id }).where('id', '=', ask.id).where('status', '=', 'open').execute();
      }
      await tx.insertInto('forum_decisions').values(row).execute();
      await this.k.ledger.append(tx, actor, {
        action: 'forum.decision', subjectType: 'use_case', subjectId: useCase.id,
        after: { decisionId: row.id, reviewId, kind: row.kind, summary: row.summary, fundingAskId: row.funding_ask_id },
      });
      return toDecision(row);
    });
  }

  async decisionsOfReview(actor: Actor, reviewId: string): Promise<Decision[]> {
    if (!(await store.review(this.k.db, actor.tenantId, reviewId))) throw new NotFound('portfolio review', reviewId);
    return (await store.decisions(this.k.db, actor.tenantId, { reviewId })).map(toDecision);
  }

  async decisionsOf(actor: Actor, useCaseId: string): Promise<Decision[]> {
    await this.portfolio.get(actor, useCaseId);
    return (await store.decisions(this.k.db, actor.tenantId, { useCaseId })).map(toDecision);
  }

  async requestFunding(actor: Actor, useCaseId: string, input: z.infer<typeof FundingAskCreate>): Promise<FundingAsk> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.portfolio.get(actor, useCaseId, tx);
      const row: FundingAskRow = {
        id: newId('fnd'), tenant_id: actor.tenantId, use_case_id: useCaseId, amount: input.amount, currency: input.currency, purpose: input.purpose,
        status: 'open', requested_by: actor.id, requested_at: this.k.clock.now().toISOString(), decided_at: null, decision_id: null,
      };
      await tx.insertInto('funding_asks').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'funding.request', subjectType: 'use_case', subjectId: useCaseId, after: { fundingAskId: row.id, amount: row.amount, currency: row.currency } });
      return toFundingAsk(row);
    });
  }

  async fundingAsks(actor: Actor, f: { status?: string; useCaseId?: string }): Promise<FundingAsk[]> {
    return (await store.fundingAsks(this.k.db, actor.tenantId, f)).map(toFundingAsk);
  }

  async recordLesson(actor: Actor, useCaseId: string, input: z.infer<typeof LessonCreate>): Promise<Lesson> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.portfolio.get(actor, useCaseId, tx);
      const row: LessonRow = { id: newId('lsn'), tenant_id: actor.tenantId, use_case_id: useCaseId, kind: input.kind, lesson: input.lesson, recorded_by: actor.id, recorded_at: this.k.clock.now().toISOString() };
      await tx.insertInto('lessons_learned').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'lesson.record', subjectType: 'use_case', subjectId: useCaseId, after: { lessonId: row.id, kind: row.kind } });
      return toLesson(row);
    });
  }

  async lessons(actor: Actor, f: { useCaseId?: string; since?: string }): Promise<Lesson[]> {
    return (await store.lessons(this.k.db, actor.tenantId, f)).map(toLesson);
  }
}
