import { z } from 'zod';
import type { Actor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import { fromJson, toJson } from '../../kernel/db/json.js';
import { Conflict, NotFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { decodeCursor, pageOf } from '../../kernel/http/pagination.js';
import { digest } from '../../kernel/ledger/canonical.js';
import type { ReviewItemRow } from '../migrations.js';
import { deliverWebhook, webhookSecret } from './webhooks.js';

export const ReviewDecision = z.strictObject({
  action: z.enum(['approve', 'edit', 'reject']),
  answer: z.string().min(1).max(200_000).optional().describe('the corrected answer, required with edit'),
  note: z.string().max(2000).optional(),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const ReviewView = z.object({
  id: z.string(), useCaseId: z.string(), eventId: z.string(), mode: z.enum(['hold', 'sample']), status: z.enum(['pending', 'approved', 'edited', 'rejected']),
  reasons: z.array(z.string()), dataClasses: z.array(z.string()), createdAt: z.string(), decidedAt: z.string().nullable(), decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  request: z.unknown().nullable().describe('the messages as the model saw them (after redaction); null once purged'),
  answer: z.string().nullable(), finalAnswer: z.string().nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export interface HeldCall {
  tenantId: string;
  useCaseId: string;
  eventId: string;
  keyId: string;
  mode: 'hold' | 'sample';
  reasons: string[];
  dataClasses: string[];
  request: unknown;
  answer: string;
  webhookUrl?: string;
  /** Whether the logging policy keeps payloads (then for `retentionDays`); otherwise they go at the decision. */
  keepPayloads: boolean;
  retentionDays: number;
}

/** How long a released answer waits, sealed, for the application to fetch it when the logging policy keeps nothing. */
const FETCH_WINDOW_MS = 86_400_000;

/** The human review queue: held answers wait here sealed; reviewers approve, edit or reject; every decision is ledgered. */
/** Told of every decision after it is committed: overrides (edit, reject) feed measurement's override rate. */
export type DecisionListener = (tenantId: string, eventId: string, overridden: boolean) => Promise<void>;

export class ReviewService {
  private readonly listeners: DecisionListener[] = [];

  constructor(private readonly k: Kernel) {}

  onDecided(listener: DecisionListener): void {
    this.listeners.push(listener);
  }

  async hold(call: HeldCall): Promise<string> {
    const id = newId('rv');
    await this.k.db.insertInto('review_items').values({
      id, tenant_id: call.tenantId, use_case_id: call.useCaseId, event_id: call.eventId, mode: call.mode, status: 'pending',
      reasons: toJson(call.reasons), data_classes: toJson(call.dataClasses),
      request_sealed: toJson(this.k.keyring.seal(JSON.stringify(call.request))), answer_sealed: toJson(this.k.keyring.seal(call.answer)), final_sealed: null,
      key_id: call.keyId, webhook_url: call.webhookUrl ?? null, created_at: this.k.clock.now().toISOString(),
      decided_at: null, decided_by: null, decision_note: null,
      purge_after: call.keepPayloads ? new Date(this.k.clock.now().getTime() + call.retentionDays * 86_400_000).toISOString() : null,
    }).execute();
    return id;
  }

  private open(sealed: string | null): string | null {
    return sealed ? this.k.keyring.open(fromJson(sealed, { keyId: '', data: '' })) : null;
  }

  view(row: ReviewItemRow): ReviewView {
    const request = this.open(row.request_sealed);
    return {
      id: row.id, useCaseId: row.use_case_id, eventId: row.event_id, mode: row.mode as ReviewView['mode'], status: row.status as ReviewView['status'],
      reasons: fromJson(row.reasons, []), dataClasses: fromJson(row.data_classes, []), createdAt: row.created_at, decidedAt: row.decided_at,
      decidedBy: row.decided_by, decisionNote: row.decision_note, request: request ? JSON.parse(request) : null,
      answer: this.open(row.answer_sealed), finalAnswer: this.open(row.final_sealed),
    };
  }

  async row(tenantId: string, id: string): Promise<ReviewItemRow> {
    const row = await this.k.db.selectFrom('review_items').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('review', id);
    return row;
  }

  async list(actor: Actor, q: { status?: string; useCaseId?: string; limit: number; cursor?: string }) {
    let query = this.k.db.selectFrom('review_items').selectAll().where('tenant_id', '=', actor.tenantId);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.useCaseId) query = query.where('use_case_id', '=', q.useCaseId);
    const after = decodeCursor(q.cursor, 1, ['string']);
    if (after) query = query.where('id', '>', after[0] as string);
    const rows = await query.orderBy('id').limit(q.limit + 1).execute();
    return pageOf(rows, q.limit, (r) => [r.id], (r) => this.view(r));
  }

  async decide(actor: Actor, id: string, d: ReviewDecision): Promise<ReviewView> {
    if (d.action === 'edit' && !d.answer) throw new Conflict('an edit needs the corrected answer');
    const updated = await this.k.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('review_items').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFound('review', id);
      if (row.status !== 'pending') throw new Conflict(`review ${id} was already ${row.status}`);
      const original = this.open(row.answer_sealed) ?? '';
      const final = d.action === 'edit' ? d.answer! : d.action === 'approve' ? original : null;
      const status = d.action === 'approve' ? 'approved' : d.action === 'edit' ? 'edited' : 'rejected';
      const now = this.k.clock.now();
      const set: Partial<ReviewItemRow> = {
        status, decided_at: now.toISOString(), decided_by: actor.id, decision_note: d.note ?? null,
        final_sealed: final !== null && row.mode === 'hold' ? toJson(this.k.keyring.seal(final)) : null,
      };
      // Metadata-only logging: the payloads go now; a held answer stays sealed only until the application fetches it.
      if (row.purge_after === null) Object.assign(set, { request_sealed: null, answer_sealed: null, purge_after: new Date(now.getTime() + FETCH_WINDOW_MS).toISOString() });
      await tx.updateTable('review_items').set(set).where('id', '=', id).execute();
      await this.k.ledger.append(tx, actor, {
        action: `review.${d.action}`, subjectType: 'review', subjectId: id,
        before: { status: 'pending', answer: digest(original) },
        after: { status, useCaseId: row.use_case_id, eventId: row.event_id, overridden: d.action !== 'approve', answer: final !== null ? digest(final) : null, note: d.note ?? null },
      });
      return { ...row, ...set } as ReviewItemRow;
    });
    for (const listener of this.listeners) {
      // The decision stands even if a listener fails; the miss is logged, not hidden.
      await listener(actor.tenantId, updated.event_id, d.action !== 'approve').catch((err: Error) => this.k.log.warn({ reviewId: id, err: err.message }, 'review decision listener failed'));
    }
    if (updated.webhook_url) {
      const result = await deliverWebhook(updated.webhook_url, webhookSecret(this.k.keyring, actor.tenantId), { type: `review.${updated.status}`, reviewId: id, eventId: updated.event_id, status: updated.status }, this.k.clock.now());
      if (!result.ok) this.k.log.warn({ reviewId: id, status: result.status, error: result.error }, 'review webhook delivery failed');
    }
    return this.view(updated);
  }

  /** A held answer becomes releasable once approved or edited. */
  async releaseForApplication(tenantId: string, id: string, keyUseCaseId: string): Promise<{ status: string; answer: string | null; eventId: string }> {
    const row = await this.row(tenantId, id);
    if (row.use_case_id !== keyUseCaseId) throw new NotFound('review', id);
    const answer = row.status === 'approved' || row.status === 'edited' ? this.open(row.final_sealed) : null;
    return { status: row.status, answer, eventId: row.event_id };
  }
}
