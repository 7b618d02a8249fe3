import type { Kernel } from '../kernel/context.js';
import { Conflict, NotFound } from '../kernel/errors.js';
import type { RollupWriter } from './rollup-service.js';

export interface FeedbackView {
  eventId: string;
  useCaseId: string;
  score: number;
  comment: string | null;
  at: string;
}

/**
 * Satisfaction and reviewer overrides arrive after the call they concern, named by the gateway's response id (the
 * event id). The call's use case and release are read from its gateway record — one lookup by primary key — and
 * the score or override is counted in the rollups of the minute it arrives.
 */
export class FeedbackService {
  constructor(private readonly k: Kernel, private readonly rollups: RollupWriter) {}

  private async call(tenantId: string, eventId: string) {
    const event = await this.k.db.selectFrom('gateway_events').select(['use_case_id', 'release_id']).where('tenant_id', '=', tenantId).where('id', '=', eventId).executeTakeFirst();
    if (!event?.use_case_id) throw new NotFound('response', eventId);
    return { useCaseId: event.use_case_id, releaseId: event.release_id };
  }

  /**
   * One score (1–5) and an optional comment per response. The gateway's /v1 feedback route passes the use case of
   * the key it authenticated, so an application can only rate its own responses.
   */
  async recordFeedback(tenantId: string, eventId: string, score: number, comment: string | null, keyUseCaseId?: string): Promise<FeedbackView> {
    const call = await this.call(tenantId, eventId);
    if (keyUseCaseId !== undefined && call.useCaseId !== keyUseCaseId) throw new NotFound('response', eventId);
    const at = this.k.clock.now();
    const row = { tenant_id: tenantId, event_id: eventId, use_case_id: call.useCaseId, release_id: call.releaseId, score, comment, at: at.toISOString() };
    const inserted = await this.k.db.insertInto('response_feedback').values(row).onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Conflict(`response ${eventId} already has feedback`);
    this.rollups.addFeedback(tenantId, { at: at.getTime(), useCaseId: call.useCaseId, releaseId: call.releaseId, score });
    return { eventId, useCaseId: call.useCaseId, score, comment, at: row.at };
  }

  /** A reviewer's decision on an escalated call, for the override rate; the review queue calls this once per decision. */
  async recordReviewDecision(tenantId: string, eventId: string, overridden: boolean): Promise<void> {
    const call = await this.call(tenantId, eventId);
    this.rollups.addReviewDecision(tenantId, { at: this.k.clock.now().getTime(), useCaseId: call.useCaseId, releaseId: call.releaseId, overridden });
  }
}
