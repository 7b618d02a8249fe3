import type { Actor } from '../kernel/actor.js';
import { assertMember } from '../kernel/auth/members.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Audience, ChangeFeedback, ChangePlan, ChangePlanInput } from './change-schema.js';
import type { ChangeFeedbackRow, ChangePlanRow } from './migrations.js';
import * as store from './store.js';

const EVERYONE = 'everyone';

/**
 * Change plans (seed section 6): per use case, what workflow changes, for whom, the support they get, the metrics that
 * define success, how feedback is handled and when each group is told; and the feedback people give on the change.
 */
export class ChangeService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  private async view(conn: Conn, tenantId: string, r: ChangePlanRow): Promise<ChangePlan> {
    const owner = await store.member(conn, tenantId, r.owner_id);
    const communications = fromJson<ChangePlan['communications']>(r.communications, []);
    const today = this.k.clock.now().toISOString().slice(0, 10);
    const next = communications.filter((c) => c.on >= today).sort((a, b) => a.on.localeCompare(b.on))[0];
    return {
      id: r.id, useCaseId: r.use_case_id, owner: { id: r.owner_id, name: owner?.name ?? '' }, workflowChange: r.workflow_change,
      audiences: fromJson<Audience[]>(r.audiences, []), support: fromJson(r.support, []), successMetrics: fromJson(r.success_metrics, []),
      feedbackHandling: r.feedback_handling, communications, nextCommunication: next ? { on: next.on, audience: next.audience, channel: next.channel } : null,
      createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
    };
  }

  private row(conn: Conn, tenantId: string, useCaseId: string) {
    return conn.selectFrom('change_plans').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).executeTakeFirst();
  }

  /** The plan of a use case, or undefined when it has none (the use case itself must exist). */
  async planOf(actor: Actor, useCaseId: string, conn: Conn = this.k.db): Promise<ChangePlan | undefined> {
    await this.portfolio.get(actor, useCaseId, conn);
    const row = await this.row(conn, actor.tenantId, useCaseId);
    return row ? this.view(conn, actor.tenantId, row) : undefined;
  }

  async get(actor: Actor, useCaseId: string): Promise<ChangePlan> {
    const plan = await this.planOf(actor, useCaseId);
    if (!plan) throw new NotFound('change plan of use case', useCaseId);
    return plan;
  }

  /** Every plan of the tenant, for the programme. */
  async all(tenantId: string): Promise<{ useCaseId: string; ownerId: string; audiences: Audience[] }[]> {
    const rows = await this.k.db.selectFrom('change_plans').select(['use_case_id', 'owner_id', 'audiences']).where('tenant_id', '=', tenantId).execute();
    return rows.map((r) => ({ useCaseId: r.use_case_id, ownerId: r.owner_id, audiences: fromJson<Audience[]>(r.audiences, []) }));
  }

  /** Creates the plan or replaces it (send If-Match with the ETag you read to replace). */
  async put(actor: Actor, useCaseId: string, input: ChangePlanInput, ifMatch?: number, createOnly = false): Promise<{ plan: ChangePlan; created: boolean }> {
    checkPlan(input);
    return this.k.db.transaction().execute(async (tx) => {
      await this.portfolio.get(actor, useCaseId, tx);
      const ownerId = input.ownerId ?? actor.id;
      if (input.ownerId) await assertMember(tx, actor.tenantId, input.ownerId, 'body.ownerId');
      const before = await this.row(tx, actor.tenantId, useCaseId);
      const now = this.k.clock.now().toISOString();
      const content = {
        owner_id: ownerId, workflow_change: input.workflowChange, audiences: toJson(input.audiences), support: toJson(input.support),
        success_metrics: toJson(input.successMetrics), feedback_handling: input.feedbackHandling, communications: toJson(input.communications), updated_at: now,
      };
      let row: ChangePlanRow;
      const exists = () => new PreconditionFailed(`use case ${useCaseId} has a change plan already (recorded since you looked); read it and replace it with If-Match`);
      if (before && createOnly) throw exists();
      if (before) {
        checkVersion(ifMatch, before.version, `the change plan of use case ${useCaseId}`);
        const res = await tx.updateTable('change_plans').set({ ...content, version: before.version + 1 }).where('id', '=', before.id).where('version', '=', before.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new PreconditionFailed('the change plan was changed concurrently; reload and retry');
        row = { ...before, ...content, version: before.version + 1 };
      } else {
        row = { id: newId('chp'), tenant_id: actor.tenantId, use_case_id: useCaseId, ...content, created_at: now, version: 1 };
        // Two first plans at once: on PostgreSQL the second insert meets the unique constraint; say so rather than fail.
        await tx.insertInto('change_plans').values(row).execute().catch((err: { code?: string }) => {
          throw err.code === '23505' ? exists() : err;
        });
      }
      await this.k.ledger.append(tx, actor, {
        action: before ? 'change_plan.update' : 'change_plan.create', subjectType: 'use_case', subjectId: useCaseId,
        after: { planId: row.id, ownerId, audiences: input.audiences.map((a) => a.group), communications: input.communications.map((c) => c.on), version: row.version },
      });
      return { plan: await this.view(tx, actor.tenantId, row), created: !before };
    });
  }

  async addFeedback(actor: Actor, useCaseId: string, input: { audience: string; satisfaction: number; comment: string }): Promise<ChangeFeedback> {
    return this.k.db.transaction().execute(async (tx) => {
      const plan = await this.planOf(actor, useCaseId, tx);
      if (!plan) throw new Conflict('record a change plan first: feedback is given by one of its audiences');
      if (!plan.audiences.some((a) => a.group === input.audience)) {
        const groups = plan.audiences.map((a) => a.group).join(', ');
        throw new Invalid(`${input.audience} is not an audience of the change plan (${groups})`, [{ path: 'body.audience', message: `one of ${groups}` }]);
      }
      const row: ChangeFeedbackRow = {
        id: newId('chf'), tenant_id: actor.tenantId, use_case_id: useCaseId, audience: input.audience, satisfaction: input.satisfaction,
        comment: input.comment, given_by: actor.id, given_at: this.k.clock.now().toISOString(),
      };
      await tx.insertInto('change_feedback').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'change_feedback.record', subjectType: 'use_case', subjectId: useCaseId, after: { id: row.id, audience: row.audience, satisfaction: row.satisfaction } });
      return toFeedback(row);
    });
  }

  /** Feedback on a use case's change, newest first, optionally since a time. */
  async feedback(actor: Actor, useCaseId: string, since?: string): Promise<ChangeFeedback[]> {
    await this.portfolio.get(actor, useCaseId);
    let q = this.k.db.selectFrom('change_feedback').selectAll().where('tenant_id', '=', actor.tenantId).where('use_case_id', '=', useCaseId);
    if (since) q = q.where('given_at', '>=', since);
    return (await q.orderBy('given_at', 'desc').orderBy('id').limit(1000).execute()).map(toFeedback);
  }
}

const toFeedback = (r: ChangeFeedbackRow): ChangeFeedback => ({ id: r.id, audience: r.audience, satisfaction: r.satisfaction, comment: r.comment, givenBy: r.given_by, givenAt: r.given_at });

function checkPlan(input: ChangePlanInput): void {
  const groups = input.audiences.map((a) => a.group);
  const problems = [];
  if (new Set(groups).size !== groups.length) problems.push({ path: 'body.audiences', message: 'each audience group appears once' });
  input.communications.forEach((c, i) => {
    if (c.audience !== EVERYONE && !groups.includes(c.audience)) problems.push({ path: `body.communications.${i}.audience`, message: `one of ${[...groups, EVERYONE].join(', ')}` });
  });
  if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
}
