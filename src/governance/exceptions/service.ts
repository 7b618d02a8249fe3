import { type Actor, systemActor } from '../../kernel/actor.js';
import { addMs, DAY_MS } from '../../kernel/clock.js';
import type { Kernel } from '../../kernel/context.js';
import type { Conn } from '../../kernel/db/connect.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import type { PortfolioService } from '../../portfolio/service.js';
import type { ControlService } from '../controls/service.js';
import type { ControlExceptionRow } from '../migrations.js';
import * as store from './store.js';

/** Approved exceptions expiring within this many days are listed as expiring. */
export const EXPIRING_WITHIN_DAYS = 14;

export interface ExceptionView {
  id: string; useCaseId: string; control: string; rationale: string; days: number; status: store.ExceptionStatus; inForce: boolean;
  requestedBy: { id: string; name: string }; requestedAt: string; decidedBy: { id: string; name: string } | null; decidedAt: string | null;
  decisionReason: string | null; expiresAt: string;
}

/** Exceptions waive a required control for a while: requested with a rationale, approved by someone else, and they expire. */
export class ExceptionService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly controls: ControlService) {}

  private view(r: ControlExceptionRow): ExceptionView {
    const now = this.k.clock.now().toISOString();
    const lapsed = r.status === 'approved' && r.expires_at <= now;
    return {
      id: r.id, useCaseId: r.use_case_id, control: r.control, rationale: r.rationale, days: r.days, status: lapsed ? 'expired' : (r.status as store.ExceptionStatus),
      inForce: r.status === 'approved' && !lapsed, requestedBy: { id: r.requested_by, name: r.requested_by_name }, requestedAt: r.requested_at,
      decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null, decidedAt: r.decided_at, decisionReason: r.decision_reason, expiresAt: r.expires_at,
    };
  }

  /** The governing pack decides how long a waiver may run (`exceptions.maxDays`; 0 allows none) and who approves it. */
  private async packOf(tx: Conn, actor: Actor, useCaseId: string) {
    const uc = await this.portfolio.get(actor, useCaseId, tx);
    const governed = await this.controls.governed(tx, actor.tenantId, uc);
    if (!governed) throw new Conflict('screen the use case for risk first: its tier decides which controls it must meet');
    return governed;
  }

  async request(actor: Actor, useCaseId: string, input: { control: string; rationale: string; days: number }): Promise<ExceptionView> {
    return this.k.db.transaction().execute(async (tx) => {
      const governed = await this.packOf(tx, actor, useCaseId);
      const { maxDays } = governed.pack.exceptions;
      if (!governed.controls.some((c) => c.control === input.control)) throw new Invalid(`${input.control} is not required of this use case`, [{ path: 'body.control', message: `not a control the ${governed.ref} pack or the screening requires` }]);
      if (maxDays === 0) throw new Conflict(`the ${governed.ref} pack allows no exceptions`);
      if (input.days > maxDays) throw new Invalid(`the ${governed.ref} pack allows exceptions of at most ${maxDays} days`, [{ path: 'body.days', message: `at most ${maxDays}` }]);
      const now = this.k.clock.now();
      if (await store.openFor(tx, actor.tenantId, useCaseId, input.control, now.toISOString())) throw new Conflict(`an exception for ${input.control} is already requested or in force`);
      const row: ControlExceptionRow = {
        id: newId('exc'), tenant_id: actor.tenantId, use_case_id: useCaseId, control: input.control, rationale: input.rationale, days: input.days, status: 'requested',
        requested_by: actor.id, requested_by_name: actor.name, requested_at: now.toISOString(), decided_by: null, decided_by_name: null, decided_at: null,
        decision_reason: null, expires_at: addMs(now, input.days * DAY_MS).toISOString(), version: 1,
      };
      await store.insertException(tx, row);
      await this.k.ledger.append(tx, actor, { action: 'exception.request', subjectType: 'control_exception', subjectId: row.id, after: { useCaseId, control: row.control, days: row.days, rationale: row.rationale } });
      return this.view(row);
    });
  }

  /** Approval runs from the decision: the waiver lasts `days` from then. The requester never approves their own. */
  async decide(actor: Actor, id: string, input: { decision: 'approve' | 'reject'; reason?: string }): Promise<ExceptionView> {
    return this.k.db.transaction().execute(async (tx) => {
      const row = await store.getException(tx, actor.tenantId, id);
      if (!row) throw new NotFound('exception', id);
      if (row.status !== 'requested') throw new Conflict(`this exception was already ${row.status}`);
      if (row.requested_by === actor.id) throw new Forbidden('separation of duties: you requested this exception, so someone else must decide it');
      const governed = await this.packOf(tx, actor, row.use_case_id);
      const { approverRoles, maxDays } = governed.pack.exceptions;
      if (!actor.roles.some((r) => approverRoles.includes(r))) throw new Forbidden(`the ${governed.ref} pack has exceptions approved by ${approverRoles.join(', ') || 'nobody'}`);
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject' && !reason) throw new Invalid('a rejection needs a reason', [{ path: 'body.reason', message: 'say why the exception is refused' }]);
      if (input.decision === 'approve' && row.days > maxDays) throw new Conflict(`the ${governed.ref} pack now allows exceptions of at most ${maxDays} days; request a shorter one`);
      const now = this.k.clock.now();
      const set: Partial<ControlExceptionRow> = {
        status: input.decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.id, decided_by_name: actor.name, decided_at: now.toISOString(), decision_reason: reason,
        ...(input.decision === 'approve' ? { expires_at: addMs(now, row.days * DAY_MS).toISOString() } : {}),
      };
      if (!(await store.updateException(tx, actor.tenantId, id, row.version, set))) throw new PreconditionFailed(`exception ${id} was decided concurrently; reload`);
      const after = { ...row, ...set };
      await this.k.ledger.append(tx, actor, {
        action: `exception.${input.decision}`, subjectType: 'control_exception', subjectId: id, before: { status: 'requested' },
        after: { useCaseId: row.use_case_id, control: row.control, status: after.status, expiresAt: input.decision === 'approve' ? after.expires_at : null, reason },
      });
      return this.view(after);
    });
  }

  /** Exceptions by state: requested, active, expiring (within 14 days), expired, rejected; ordered by expiry. */
  async list(actor: Actor, f: { state?: store.ExceptionState; useCaseId?: string; cursor?: string; limit: number }) {
    const now = this.k.clock.now();
    const after = decodeCursor(f.cursor, 2, ['string', 'string']) as [string, string] | undefined;
    const rows = await store.listExceptions(this.k.db, actor.tenantId, {
      state: f.state, useCaseId: f.useCaseId, now: now.toISOString(), soon: addMs(now, EXPIRING_WITHIN_DAYS * DAY_MS).toISOString(), after, limit: f.limit,
    });
    const slice = rows.slice(0, f.limit);
    const last = slice[slice.length - 1];
    return { items: slice.map((r) => this.view(r)), nextCursor: rows.length > f.limit ? encodeCursor([last.expires_at, last.id]) : null };
  }

  /** Exceptions in force now that lapse before `until`, the soonest first (for the portfolio forum's pack). */
  async expiringBefore(actor: Actor, until: Date): Promise<ExceptionView[]> {
    const rows = await store.activeWaivers(this.k.db, actor.tenantId, this.k.clock.now().toISOString());
    return rows.filter((r) => r.expires_at < until.toISOString()).sort((a, b) => a.expires_at.localeCompare(b.expires_at)).map((r) => this.view(r));
  }

  /** The scheduled job: approved exceptions past their expiry become expired, and the lapse is ledgered. */
  async markExpired(now: Date): Promise<number> {
    const lapsed = await store.newlyExpired(this.k.db, now.toISOString());
    for (const row of lapsed) {
      await this.k.db.transaction().execute(async (tx) => {
        if (!(await store.updateException(tx, row.tenant_id, row.id, row.version, { status: 'expired' }))) return;
        await this.k.ledger.append(tx, systemActor(row.tenant_id, 'scheduler'), {
          action: 'exception.expire', subjectType: 'control_exception', subjectId: row.id, after: { useCaseId: row.use_case_id, control: row.control, expiredAt: row.expires_at },
        });
      });
    }
    return lapsed.length;
  }
}
