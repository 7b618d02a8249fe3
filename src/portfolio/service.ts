import type { Actor } from '../kernel/actor.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { Conflict, type FieldProblem, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type GuardProblem, outcomeGuard, type StageGuard, type TransitionHook } from './guards.js';
import type { UseCaseRow } from './migrations.js';
import { DEFAULT_ORPHAN_DAYS } from './orphans.js';
import { outcomeProblems, parseOutcomeSentence } from './outcome.js';
import { priorityScore } from './priority.js';
import type { OutcomeStatement, Stage, Tier, UseCase, UseCaseCreate, UseCaseUpdate } from './schema.js';
import { transitionProblem } from './stages.js';
import * as store from './store.js';
import { toUseCase, toUseCaseListItem } from './view.js';

/** The use-case registry: everything else in Charter hangs off it. */
export class PortfolioService {
  private readonly guards: StageGuard[] = [outcomeGuard];
  private readonly hooks: TransitionHook[] = [];

  constructor(private readonly k: Kernel) {}

  /** Lets a capability veto (or hold) stage transitions; see guards.ts. */
  addGuard(guard: StageGuard): void {
    this.guards.push(guard);
  }

  onTransition(hook: TransitionHook): void {
    this.hooks.push(hook);
  }

  private view(row: store.UseCaseJoined, orphanDays?: number): UseCase {
    return toUseCase(row, this.k.clock.now(), orphanDays);
  }

  async get(actor: Actor, id: string, conn: Conn = this.k.db): Promise<UseCase> {
    const row = await store.getUseCase(conn, actor.tenantId, id);
    if (!row) throw new NotFound('use case', id);
    return this.view(row);
  }

  /** A page of the portfolio; `orphanDays` is how long without activity makes an experiment orphaned (default 30). */
  async list(actor: Actor, filter: Omit<store.UseCaseFilter, 'idleSince'> & { orphanDays?: number }) {
    const { orphanDays = DEFAULT_ORPHAN_DAYS, ...rest } = filter;
    const idleSince = new Date(this.k.clock.now().getTime() - orphanDays * DAY_MS).toISOString();
    const rows = await store.listUseCases(this.k.db, actor.tenantId, { ...rest, idleSince });
    const now = this.k.clock.now();
    return pageOf(rows, filter.limit, store.sortKey(filter.sort), (r) => toUseCaseListItem(r, now, orphanDays));
  }

  async all(actor: Actor): Promise<UseCase[]> {
    return (await store.allUseCases(this.k.db, actor.tenantId)).map((r) => this.view(r));
  }

  async create(actor: Actor, input: UseCaseCreate, source: UseCase['source'] = 'api', conn?: Tx): Promise<UseCase> {
    const run = async (tx: Tx) => {
      const outcome = resolveOutcome(input.outcome, input.targetDate);
      await this.checkRefs(tx, actor.tenantId, { valueStreamId: input.valueStreamId, ownerId: input.ownerId ?? actor.id, teamId: input.teamId });
      const now = this.k.clock.now().toISOString();
      const row: UseCaseRow = {
        id: newId('uc'),
        tenant_id: actor.tenantId,
        title: input.title,
        description: input.description,
        outcome: toJson(outcome),
        value_stream_id: input.valueStreamId,
        owner_id: input.ownerId ?? (actor.kind === 'system' ? null : actor.id),
        sponsor: null,
        team_id: input.teamId ?? null,
        affected_users: toJson(input.affectedUsers),
        data_sensitivity: input.dataClasses.sensitivity,
        data_categories: toJson(input.dataClasses.categories),
        risk_tier: null,
        policy_pack_version: null,
        stage: 'intake',
        suspended_from: null,
        priority: input.priority ? toJson(input.priority) : null,
        priority_score: input.priority ? priorityScore(input.priority).score : 0,
        readiness: toJson(input.readiness ?? { dataSources: [], humanOversight: [], rollbackPlan: '' }),
        target_date: input.targetDate ?? outcome.targetDate ?? null,
        tags: toJson(input.tags),
        source,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await store.insertUseCase(tx, row);
      const created = await this.get(actor, row.id, tx);
      await this.k.ledger.append(tx, actor, { action: 'usecase.create', subjectType: 'use_case', subjectId: row.id, after: ledgerView(created) });
      return created;
    };
    const created = conn ? await run(conn) : await this.k.db.transaction().execute(run);
    if (!conn) await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: created.id });
    return created;
  }

  async update(actor: Actor, id: string, patch: UseCaseUpdate, ifMatch?: number): Promise<UseCase> {
    const updated = await this.k.db.transaction().execute(async (tx) => {
      const before = await this.get(actor, id, tx);
      checkVersion(ifMatch, before.version, `use case ${id}`);
      await this.checkRefs(tx, actor.tenantId, { valueStreamId: patch.valueStreamId, ownerId: patch.ownerId, teamId: patch.teamId });
      const set: Partial<UseCaseRow> = { updated_at: this.k.clock.now().toISOString(), last_activity_at: this.k.clock.now().toISOString() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.outcome !== undefined) set.outcome = toJson(resolveOutcome(patch.outcome, patch.targetDate ?? before.targetDate ?? undefined));
      if (patch.valueStreamId !== undefined) set.value_stream_id = patch.valueStreamId;
      if (patch.ownerId !== undefined) set.owner_id = patch.ownerId;
      if (patch.teamId !== undefined) set.team_id = patch.teamId;
      if (patch.affectedUsers !== undefined) set.affected_users = toJson(patch.affectedUsers);
      if (patch.dataClasses !== undefined) {
        set.data_sensitivity = patch.dataClasses.sensitivity;
        set.data_categories = toJson(patch.dataClasses.categories);
      }
      if (patch.priority !== undefined) {
        set.priority = toJson(patch.priority);
        set.priority_score = priorityScore(patch.priority).score;
      }
      if (patch.readiness !== undefined) set.readiness = toJson(patch.readiness);
      if (patch.targetDate !== undefined) set.target_date = patch.targetDate;
      if (patch.tags !== undefined) set.tags = toJson(patch.tags);
      if (!(await store.updateUseCase(tx, actor.tenantId, id, before.version, set))) throw new PreconditionFailed(`use case ${id} was changed concurrently; reload and retry`);
      const after = await this.get(actor, id, tx);
      await this.k.ledger.append(tx, actor, { action: 'usecase.update', subjectType: 'use_case', subjectId: id, before: ledgerView(before), after: ledgerView(after) });
      return after;
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id });
    return updated;
  }

  /** Moves a use case through its lifecycle; every guard must agree, and the move is ledgered. */
  async transition(actor: Actor, id: string, to: Stage, opts: { reason?: string; ifMatch?: number } = {}): Promise<UseCase> {
    const result = await this.k.db.transaction().execute(async (tx) => {
      const uc = await this.get(actor, id, tx);
      checkVersion(opts.ifMatch, uc.version, `use case ${id}`);
      const invalid = transitionProblem(uc.stage, to, uc.suspendedFrom);
      if (invalid) throw new Conflict(invalid, { from: uc.stage, to, problems: [{ guard: 'lifecycle', code: 'invalid-transition', message: invalid }] });
      const target = to;
      const problems: GuardProblem[] = [];
      for (const guard of this.guards) problems.push(...(await guard({ tx, actor, useCase: uc, from: uc.stage, to: target, reason: opts.reason })));
      if (problems.length) return { blocked: problems, uc };
      const now = this.k.clock.now().toISOString();
      const set: Partial<UseCaseRow> = {
        stage: target,
        suspended_from: target === 'suspended' ? uc.stage : null,
        updated_at: now,
        last_activity_at: now,
      };
      if (!(await store.updateUseCase(tx, actor.tenantId, id, uc.version, set))) throw new PreconditionFailed(`use case ${id} was changed concurrently; reload and retry`);
      const after = await this.get(actor, id, tx);
      await this.k.ledger.append(tx, actor, { action: 'usecase.transition', subjectType: 'use_case', subjectId: id, before: { stage: uc.stage }, after: { stage: target, reason: opts.reason ?? null } });
      for (const hook of this.hooks) await hook({ tx, actor, useCase: after, from: uc.stage, to: target });
      return { blocked: undefined, uc: after };
    });
    // Guards may have written (e.g. opened approval requests) — that work commits; the move itself does not happen.
    if (result.blocked) throw new Conflict(`${result.uc.stage} → ${to} is blocked: ${result.blocked.map((p) => p.message).join('; ')}`, { from: result.uc.stage, to, problems: result.blocked });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id });
    return result.uc;
  }

  /** For the risk capability: records the screened tier and the policy pack version that now governs the use case. */
  async setGovernance(tx: Tx, actor: Actor, id: string, tier: Tier, policyPackVersion: string | null): Promise<UseCase> {
    const uc = await this.get(actor, id, tx);
    const now = this.k.clock.now().toISOString();
    await store.updateUseCase(tx, actor.tenantId, id, uc.version, { risk_tier: tier, policy_pack_version: policyPackVersion, updated_at: now, last_activity_at: now });
    return this.get(actor, id, tx);
  }

  /** Marks activity (a call, an evaluation, a review) so the use case is not flagged as orphaned. */
  async touch(conn: Conn, tenantId: string, id: string): Promise<void> {
    await conn.updateTable('use_cases').set({ last_activity_at: this.k.clock.now().toISOString() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }

  async listValueStreams(actor: Actor) {
    const rows = await store.listValueStreams(this.k.db, actor.tenantId);
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, ownerId: r.owner_id, useCases: Number(r.use_cases) }));
  }

  async createValueStream(actor: Actor, input: { name: string; description: string; ownerId?: string | null }) {
    return this.k.db.transaction().execute(async (tx) => {
      if (await store.findValueStreamByName(tx, actor.tenantId, input.name)) throw new Conflict(`a value stream named ${input.name} exists`);
      if (input.ownerId) await this.checkRefs(tx, actor.tenantId, { ownerId: input.ownerId });
      const row = { id: newId('vs'), tenant_id: actor.tenantId, name: input.name, description: input.description, owner_id: input.ownerId ?? null, created_at: this.k.clock.now().toISOString() };
      await store.insertValueStream(tx, row);
      await this.k.ledger.append(tx, actor, { action: 'valuestream.create', subjectType: 'value_stream', subjectId: row.id, after: { name: row.name } });
      return { id: row.id, name: row.name, description: row.description, ownerId: row.owner_id, useCases: 0 };
    });
  }

  private async checkRefs(conn: Conn, tenantId: string, refs: { valueStreamId?: string; ownerId?: string | null; teamId?: string | null }) {
    const problems: FieldProblem[] = [];
    if (refs.valueStreamId && !(await store.getValueStream(conn, tenantId, refs.valueStreamId))) problems.push({ path: 'body.valueStreamId', message: `no value stream ${refs.valueStreamId} in this tenant` });
    if (refs.ownerId && !(await store.isMember(conn, tenantId, refs.ownerId))) problems.push({ path: 'body.ownerId', message: `no member ${refs.ownerId} in this tenant` });
    if (refs.teamId && !(await store.isTeam(conn, tenantId, refs.teamId))) problems.push({ path: 'body.teamId', message: `no team ${refs.teamId} in this tenant` });
    if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
  }
}

/** Accepts the structured statement or one sentence, and rejects either when it lacks a metric, target or control. */
export function resolveOutcome(input: OutcomeStatement | string, targetDate?: string): OutcomeStatement {
  if (typeof input === 'string') {
    const { outcome, problems } = parseOutcomeSentence(input);
    if (!outcome) throw new Invalid(`"${input}" is not an outcome statement: ${problems.map((p) => p.message).join('; ')}`, problems.map((p) => ({ ...p, path: `body.${p.path}` })));
    return { ...outcome, ...(targetDate ? { targetDate } : {}) };
  }
  const problems = outcomeProblems(input);
  if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems.map((p) => ({ ...p, path: `body.${p.path}` })));
  return input;
}

/** What the ledger keeps of a use case: the governed fields, not free text. */
function ledgerView(uc: UseCase) {
  return {
    title: uc.title, outcome: uc.outcome, valueStreamId: uc.valueStream?.id ?? null, ownerId: uc.owner?.id ?? null,
    dataClasses: uc.dataClasses, stage: uc.stage, riskTier: uc.riskTier, priority: uc.priority, readiness: uc.readiness, version: uc.version,
  };
}
