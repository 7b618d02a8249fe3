import { type Actor, systemActor } from '../../kernel/actor.js';
import { addMs, DAY_MS } from '../../kernel/clock.js';
import type { Kernel } from '../../kernel/context.js';
import type { Tx } from '../../kernel/db/connect.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import type { GuardProblem } from '../../portfolio/guards.js';
import type { Stage, Tier, UseCase } from '../../portfolio/schema.js';
import type { PortfolioService } from '../../portfolio/service.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { PolicyService } from '../../policy/service.js';
import type { ApprovalRequestRow, ApprovalRow } from '../migrations.js';
import { approvalsOwed, type OwedApproval, separationProblem } from './model.js';
import * as store from './store.js';

/** A further check on who may approve (the people capability requires completed skill paths here). */
export type ApproverGuard = (c: { tx: Tx; actor: Actor; useCase: UseCase; pack: PolicyPack; role: string }) => Promise<string[]>;

export interface ApprovalRequestView {
  id: string; approvalId: string; useCaseId: string; from: Stage; to: Stage; kind: OwedApproval['kind']; role: string;
  status: store.RequestStatus; approvalStatus: store.ApprovalStatus; dueAt: string; overdue: boolean;
  requestedBy: { id: string; name: string }; requestedAt: string; decidedBy: { id: string; name: string } | null; decidedAt: string | null; reason: string | null;
}

const key = (from: string, to: string) => `${from}>${to}`;

/**
 * Approvals: a transition the governing pack lists opens one request per required role and is blocked until every
 * role has granted; the transition is then retried and goes through (see docs/governance.md).
 */
export class ApprovalService {
  private readonly approverGuards: ApproverGuard[] = [];

  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly policy: PolicyService) {}

  addApproverGuard(guard: ApproverGuard): void {
    this.approverGuards.push(guard);
  }

  private requestView(r: ApprovalRequestRow, a: Pick<ApprovalRow, 'from_stage' | 'to_stage' | 'kind' | 'requested_by' | 'requested_by_name' | 'requested_at' | 'status'>): ApprovalRequestView {
    return {
      id: r.id, approvalId: r.approval_id, useCaseId: r.use_case_id, from: a.from_stage as Stage, to: a.to_stage as Stage, kind: a.kind as OwedApproval['kind'],
      role: r.role, status: r.status as store.RequestStatus, approvalStatus: a.status as store.ApprovalStatus, dueAt: r.due_at,
      overdue: r.status === 'pending' && r.due_at < this.k.clock.now().toISOString(), requestedBy: { id: a.requested_by, name: a.requested_by_name },
      requestedAt: a.requested_at, decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null, decidedAt: r.decided_at, reason: r.reason,
    };
  }

  /**
   * The approvals guard, inside the transition's transaction: opens what the move owes (with `catchUp`, also the
   * approvals owed for stages already passed) and reports what is still pending. Its writes commit even when the
   * move is refused, so the approvers see their requests.
   */
  async check(tx: Tx, actor: Actor, useCase: UseCase, governing: { ref: string; pack: PolicyPack }, from: Stage, to: Stage, catchUp: boolean): Promise<GuardProblem[]> {
    const granted = new Map<string, Set<string>>();
    for (const g of await store.grantedRoles(tx, actor.tenantId, useCase.id)) {
      const k = key(g.from_stage, g.to_stage);
      granted.set(k, (granted.get(k) ?? new Set()).add(g.role));
    }
    const owed = approvalsOwed(governing.pack, from, to, catchUp ? (f, t) => granted.get(key(f, t)) ?? new Set() : undefined);
    const open = await store.approvalsOf(tx, actor.tenantId, useCase.id, ['open', 'granted']);
    const problems: GuardProblem[] = [];
    for (const o of owed) {
      const existing = open.find((a) => a.from_stage === o.from && a.to_stage === o.to && a.kind === o.kind);
      if (existing?.status === 'granted') continue;
      const approval = existing ?? (await this.open(tx, actor, useCase, governing.ref, o));
      const pending = (await store.requestsOf(tx, actor.tenantId, [approval.id])).filter((r) => r.status === 'pending');
      const owedFor = o.kind === 'catch_up' ? ` (owed under the ${useCase.riskTier} pack for a stage already passed)` : '';
      problems.push({
        guard: 'approvals', code: existing ? 'approval-pending' : 'approval-requested', approvalId: approval.id,
        message: `${o.from} → ${o.to} needs the approval of ${pending.map((r) => r.role).join(', ')}${owedFor}, due ${approval.due_at.slice(0, 10)}`,
        pending: pending.map((r) => ({ requestId: r.id, role: r.role, dueAt: r.due_at })),
      });
    }
    return problems;
  }

  private async open(tx: Tx, actor: Actor, useCase: UseCase, ref: string, owed: OwedApproval): Promise<ApprovalRow> {
    const now = this.k.clock.now();
    const dueAt = addMs(now, owed.dueDays * DAY_MS).toISOString();
    const approval: ApprovalRow = {
      id: newId('apv'), tenant_id: actor.tenantId, use_case_id: useCase.id, from_stage: owed.from, to_stage: owed.to, kind: owed.kind, tier: useCase.riskTier!,
      policy_pack_version: ref, requested_by: actor.id, requested_by_name: actor.name, requested_at: now.toISOString(), due_at: dueAt, status: 'open', closed_at: null, close_reason: null,
    };
    const requests = owed.roles.map((role): ApprovalRequestRow => ({
      id: newId('apr'), tenant_id: actor.tenantId, approval_id: approval.id, use_case_id: useCase.id, role, status: 'pending', due_at: dueAt,
      overdue_at: null, decided_by: null, decided_by_name: null, decided_at: null, reason: null, version: 1,
    }));
    await store.insertApproval(tx, approval, requests);
    await this.k.ledger.append(tx, actor, {
      action: 'approval.request', subjectType: 'approval', subjectId: approval.id,
      after: { useCaseId: useCase.id, from: owed.from, to: owed.to, kind: owed.kind, roles: owed.roles, dueAt, policyPackVersion: ref, requests: requests.map((r) => r.id) },
    });
    return approval;
  }

  /** After a move: the approvals it used are completed; every other open one no longer applies. */
  async completeMove(tx: Tx, actor: Actor, useCaseId: string, from: Stage, to: Stage): Promise<void> {
    const open = await store.approvalsOf(tx, actor.tenantId, useCaseId, ['open', 'granted']);
    const used = open.filter((a) => a.status === 'granted' && (a.kind === 'catch_up' || (a.from_stage === from && a.to_stage === to)));
    const now = this.k.clock.now().toISOString();
    await store.closeApprovals(tx, actor.tenantId, used.map((a) => a.id), 'completed', now, `used by the move ${from} → ${to}`);
    await this.invalidate(tx, actor, open.filter((a) => !used.includes(a)), `the use case moved ${from} → ${to}`);
  }

  /** When a use case's tier or pack version changes, approvals not yet used are void: the new pack decides what is owed. */
  async invalidateOpen(tx: Tx, actor: Actor, useCaseId: string, reason: string): Promise<void> {
    await this.invalidate(tx, actor, await store.approvalsOf(tx, actor.tenantId, useCaseId, ['open', 'granted']), reason);
  }

  private async invalidate(tx: Tx, actor: Actor, approvals: ApprovalRow[], reason: string): Promise<void> {
    if (!approvals.length) return;
    const now = this.k.clock.now().toISOString();
    const ids = approvals.map((a) => a.id);
    await store.closeApprovals(tx, actor.tenantId, ids, 'invalidated', now, reason);
    await store.withdrawPending(tx, actor.tenantId, ids, now, reason);
    for (const a of approvals) {
      await this.k.ledger.append(tx, actor, { action: 'approval.invalidate', subjectType: 'approval', subjectId: a.id, before: { status: a.status }, after: { useCaseId: a.use_case_id, status: 'invalidated', reason } });
    }
  }

  /** Grants or rejects one role's request, under separation of duties; a rejection needs a reason and closes the approval. */
  async decide(actor: Actor, requestId: string, input: { decision: 'grant' | 'reject'; reason?: string }): Promise<ApprovalRequestView> {
    return this.k.db.transaction().execute(async (tx) => {
      const request = await store.getRequest(tx, actor.tenantId, requestId);
      if (!request) throw new NotFound('approval request', requestId);
      const approval = (await store.getApproval(tx, actor.tenantId, request.approval_id))!;
      if (request.status !== 'pending') throw new Conflict(`this request was already ${request.status}`);
      if (approval.status !== 'open') throw new Conflict(`this approval is ${approval.status}${approval.close_reason ? `: ${approval.close_reason}` : ''}`);
      const siblings = await store.requestsOf(tx, actor.tenantId, [approval.id]);
      const refusal = separationProblem(actor, request, { requestedBy: approval.requested_by }, siblings.map((s) => ({ id: s.id, role: s.role, status: s.status, decidedBy: s.decided_by })));
      if (refusal) throw new Forbidden(refusal);
      const useCase = await this.portfolio.get(actor, approval.use_case_id, tx);
      const { pack } = await this.policy.governing(tx, actor.tenantId, approval.tier as Tier, approval.policy_pack_version);
      const problems: string[] = [];
      for (const guard of this.approverGuards) problems.push(...(await guard({ tx, actor, useCase, pack, role: request.role })));
      if (problems.length) throw new Forbidden(`you may not approve this: ${problems.join('; ')}`, { problems });
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject' && !reason) throw new Invalid('a rejection needs a reason', [{ path: 'body.reason', message: 'say why the move is rejected' }]);
      const now = this.k.clock.now().toISOString();
      const status = input.decision === 'grant' ? 'granted' : 'rejected';
      const set = { status, decided_by: actor.id, decided_by_name: actor.name, decided_at: now, reason };
      if (!(await store.updateRequest(tx, actor.tenantId, requestId, request.version, set))) throw new PreconditionFailed(`approval request ${requestId} was decided concurrently; reload`);
      let approvalStatus: store.ApprovalStatus = 'open';
      if (status === 'rejected') {
        approvalStatus = 'rejected';
        await store.closeApprovals(tx, actor.tenantId, [approval.id], 'rejected', now, reason);
        await store.withdrawPending(tx, actor.tenantId, [approval.id], now, `the ${request.role} rejected the move`);
      } else if (siblings.every((s) => s.id === requestId || s.status === 'granted')) {
        approvalStatus = 'granted';
        await store.setApprovalStatus(tx, actor.tenantId, approval.id, 'granted');
      }
      await this.k.ledger.append(tx, actor, {
        action: `approval.${input.decision}`, subjectType: 'approval_request', subjectId: requestId, before: { status: 'pending' },
        after: { useCaseId: approval.use_case_id, approvalId: approval.id, from: approval.from_stage, to: approval.to_stage, role: request.role, status, reason, approvalStatus },
      });
      return this.requestView({ ...request, ...set }, { ...approval, status: approvalStatus });
    });
  }

  async listRequests(actor: Actor, f: { status?: store.RequestStatus; role?: string; useCaseId?: string; overdue?: boolean; cursor?: string; limit: number }) {
    const after = decodeCursor(f.cursor, 2, ['string', 'string']) as [string, string] | undefined;
    const overdueAt = f.overdue ? this.k.clock.now().toISOString() : undefined;
    const rows = await store.listRequests(this.k.db, actor.tenantId, { status: f.status, role: f.role, useCaseId: f.useCaseId, overdueAt, after, limit: f.limit });
    const slice = rows.slice(0, f.limit);
    const items = slice.map((r) => this.requestView(r, { ...r, status: r.approval_status }));
    return { items, nextCursor: rows.length > f.limit ? encodeCursor([slice[slice.length - 1].due_at, slice[slice.length - 1].id]) : null };
  }

  /** A use case's approvals, newest first, each with its requests. */
  async forUseCase(actor: Actor, useCaseId: string) {
    await this.portfolio.get(actor, useCaseId);
    const approvals = await store.approvalsOf(this.k.db, actor.tenantId, useCaseId);
    const requests = await store.requestsOf(this.k.db, actor.tenantId, approvals.map((a) => a.id));
    return approvals.map((a) => ({
      id: a.id, from: a.from_stage as Stage, to: a.to_stage as Stage, kind: a.kind as OwedApproval['kind'], tier: a.tier as Tier, policyPackVersion: a.policy_pack_version,
      status: a.status as store.ApprovalStatus, requestedBy: { id: a.requested_by, name: a.requested_by_name }, requestedAt: a.requested_at, dueAt: a.due_at,
      closedAt: a.closed_at, closeReason: a.close_reason, requests: requests.filter((r) => r.approval_id === a.id).map((r) => this.requestView(r, a)),
    }));
  }

  /** The scheduled job: pending requests past due are marked overdue once, and ledgered. */
  async markOverdue(now: Date): Promise<number> {
    const at = now.toISOString();
    const due = await store.newlyOverdue(this.k.db, at);
    const byTenant = new Map<string, ApprovalRequestRow[]>();
    for (const r of due) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
    for (const [tenantId, rows] of byTenant) {
      await this.k.db.transaction().execute(async (tx) => {
        await store.markOverdue(tx, tenantId, rows.map((r) => r.id), at);
        const actor = systemActor(tenantId, 'scheduler');
        for (const r of rows) await this.k.ledger.append(tx, actor, { action: 'approval.overdue', subjectType: 'approval_request', subjectId: r.id, after: { useCaseId: r.use_case_id, approvalId: r.approval_id, role: r.role, dueAt: r.due_at } });
      });
    }
    return due.length;
  }
}
