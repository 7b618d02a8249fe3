import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import { assertMember } from '../kernel/auth/members.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import { checkVersion } from '../kernel/http/etag.js';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { ProgrammeFacts } from './facts.js';
import type { FactsService } from './facts-service.js';
import { assessMaturity, type MaturityAssessment } from './maturity.js';
import type { MilestoneRow } from './migrations.js';
import { MILESTONES, PHASES, RULES, type RuleKey } from './milestones.js';
import type { Milestone, MilestoneUpdate, Plan, PlanCreate } from './plan-schema.js';
import * as store from './store.js';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const ruleOf = (key: string): RuleKey | null => MILESTONES.find((m) => m.key === key)?.rule ?? null;

/** The 90-day programme (seed section 9): three phases of milestones with owners, progress from data where data decides. */
export class PlanService {
  constructor(private readonly k: Kernel, private readonly facts: FactsService) {}

  async create(actor: Actor, input: z.infer<typeof PlanCreate>): Promise<Plan> {
    await this.k.db.transaction().execute(async (tx) => {
      const ownerId = input.ownerId ?? actor.id;
      if (input.ownerId) await assertMember(tx, actor.tenantId, input.ownerId, 'body.ownerId');
      if (await store.plan(tx, actor.tenantId)) throw new Conflict('the tenant already has a 90-day plan');
      const now = this.k.clock.now().toISOString();
      const plan = { id: newId('pln'), tenant_id: actor.tenantId, title: input.title, starts_on: input.startsOn, created_by: actor.id, created_at: now };
      await tx.insertInto('programme_plans').values(plan).execute();
      const rows: MilestoneRow[] = MILESTONES.map((m) => ({
        id: newId('mst'), tenant_id: actor.tenantId, plan_id: plan.id, phase: m.phase, key: m.key, title: m.title, owner_id: ownerId,
        due_on: addDays(input.startsOn, PHASES[m.phase - 1].toDay - 1), manual_status: 'not_started', note: '', updated_at: now, version: 1,
      }));
      await tx.insertInto('programme_milestones').values(rows).execute();
      await this.k.ledger.append(tx, actor, { action: 'programme_plan.create', subjectType: 'programme_plan', subjectId: plan.id, after: { startsOn: plan.starts_on, ownerId, milestones: rows.length } });
    });
    return this.get(actor);
  }

  async get(actor: Actor): Promise<Plan> {
    const plan = await store.plan(this.k.db, actor.tenantId);
    if (!plan) throw new NotFound('90-day plan');
    const [rows, facts] = await Promise.all([store.milestones(this.k.db, actor.tenantId, plan.id), this.facts.gather(actor)]);
    const order = (key: string) => MILESTONES.findIndex((m) => m.key === key);
    const milestones = await Promise.all(rows.sort((a, b) => order(a.key) - order(b.key)).map((r) => this.view(actor, r, facts)));
    const today = facts.at.slice(0, 10);
    const count = (ms: Milestone[]) => ({ met: ms.filter((m) => m.status === 'met').length, total: ms.length });
    return {
      id: plan.id, title: plan.title, startsOn: plan.starts_on, endsOn: addDays(plan.starts_on, 89),
      day: Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${plan.starts_on}T00:00:00Z`)) / DAY_MS) + 1,
      phases: PHASES.map((p) => {
        const mine = milestones.filter((m) => m.phase === p.phase);
        return { phase: p.phase, title: p.title, from: addDays(plan.starts_on, p.fromDay - 1), to: addDays(plan.starts_on, p.toDay - 1), ...count(mine), milestones: mine };
      }),
      ...count(milestones),
    };
  }

  private async view(actor: Actor, r: MilestoneRow, facts: ProgrammeFacts): Promise<Milestone> {
    const rule = ruleOf(r.key);
    const outcome = rule ? RULES[rule](facts) : undefined;
    const decided = outcome?.decided ? outcome : undefined;
    const status = decided ? decided.status : (r.manual_status as Milestone['status']);
    const evidence = decided ? decided.evidence : outcome && !outcome.decided ? `reported by the owner: ${outcome.why}, so no rule can decide it yet` : 'reported by the owner';
    return {
      id: r.id, phase: r.phase, key: r.key, title: r.title, owner: { id: r.owner_id, name: (await store.memberName(this.k.db, actor.tenantId, r.owner_id)) ?? '' },
      dueOn: r.due_on, decidedBy: decided ? 'data' : 'owner', rule: decided ? rule : null, status, progress: decided ? decided.progress : null, evidence,
      overdue: status !== 'met' && r.due_on < facts.at.slice(0, 10), note: r.note, version: r.version,
    };
  }

  async updateMilestone(actor: Actor, id: string, patch: z.infer<typeof MilestoneUpdate>, ifMatch?: number): Promise<Milestone> {
    const facts = patch.status ? await this.facts.gather(actor) : undefined;
    await this.k.db.transaction().execute(async (tx) => {
      const before = await store.milestone(tx, actor.tenantId, id);
      if (!before) throw new NotFound('milestone', id);
      checkVersion(ifMatch, before.version, `milestone ${id}`);
      if (patch.ownerId) await assertMember(tx, actor.tenantId, patch.ownerId, 'body.ownerId');
      const rule = ruleOf(before.key);
      if (facts && rule && RULES[rule](facts).decided) {
        throw new Invalid(`${before.key} is decided by Charter's data (rule ${rule} in docs/programme.md), not by hand`, [{ path: 'body.status', message: 'decided by data' }]);
      }
      const set: Partial<MilestoneRow> = { updated_at: this.k.clock.now().toISOString() };
      if (patch.ownerId) set.owner_id = patch.ownerId;
      if (patch.dueOn) set.due_on = patch.dueOn;
      if (patch.status) set.manual_status = patch.status;
      if (patch.note !== undefined) set.note = patch.note;
      if (!(await store.updateMilestone(tx, actor.tenantId, id, before.version, set))) throw new PreconditionFailed(`milestone ${id} was changed concurrently; reload`);
      await this.k.ledger.append(tx, actor, {
        action: 'programme_milestone.update', subjectType: 'programme_milestone', subjectId: id,
        before: { ownerId: before.owner_id, dueOn: before.due_on, status: before.manual_status }, after: { ownerId: set.owner_id ?? before.owner_id, dueOn: set.due_on ?? before.due_on, status: set.manual_status ?? before.manual_status },
      });
    });
    const plan = await this.get(actor);
    return plan.phases.flatMap((p) => p.milestones).find((m) => m.id === id)!;
  }

  async maturity(actor: Actor): Promise<MaturityAssessment> {
    return assessMaturity(await this.facts.gather(actor));
  }
}
