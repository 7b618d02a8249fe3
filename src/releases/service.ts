import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { permits } from '../kernel/dataclasses.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { UseCase } from '../portfolio/schema.js';
import { toEndpoint } from './catalogue.js';
import type { ReleaseRow, ReleaseSlotRow } from './migrations.js';
import type { PromptService } from './prompts.js';
import type { Environment, Release, ReleaseCreate, Slot } from './schema.js';

/** A check that may refuse to put a release in front of traffic (the release gate plugs in here). */
export type ActivationGuard = (c: { tx: Tx; actor: Actor; useCase: UseCase; release: Release; environment: Environment; how: 'activate' | 'canary' }) => Promise<string[]>;

export function toRelease(row: ReleaseRow): Release {
  return {
    id: row.id, useCaseId: row.use_case_id, name: row.name, endpointId: row.endpoint_id, fallbackEndpointIds: fromJson(row.fallback_endpoint_ids, []),
    promptVersionId: row.prompt_version_id, params: { allowedTools: [], ...fromJson(row.params, { timeoutMs: 60_000, retries: 1 }) }, createdBy: row.created_by, createdAt: row.created_at,
  };
}

const emptySlot = (environment: Environment): Slot => ({ environment, activeReleaseId: null, previousReleaseId: null, canaryReleaseId: null, canaryWeight: 0, updatedAt: null, version: 0 });
const toSlot = (row: ReleaseSlotRow): Slot => ({
  environment: row.environment as Environment, activeReleaseId: row.active_release_id, previousReleaseId: row.previous_release_id,
  canaryReleaseId: row.canary_release_id, canaryWeight: row.canary_weight, updatedAt: row.updated_at, version: row.version,
});

/**
 * Releases bind a use case to a model endpoint, a prompt version and parameters. Each environment has a slot with
 * the active release, the previous one (for one-step rollback) and an optional canary with its traffic share.
 */
export class ReleaseService {
  private readonly guards: ActivationGuard[] = [];

  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly prompts: PromptService) {}

  addActivationGuard(guard: ActivationGuard): void {
    this.guards.push(guard);
  }

  async get(actor: Actor, id: string, conn: Conn = this.k.db): Promise<Release> {
    const row = await conn.selectFrom('releases').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('release', id);
    return toRelease(row);
  }

  async list(actor: Actor, useCaseId: string) {
    await this.portfolio.get(actor, useCaseId);
    const rows = await this.k.db.selectFrom('releases').selectAll().where('tenant_id', '=', actor.tenantId).where('use_case_id', '=', useCaseId).orderBy('created_at', 'desc').execute();
    return { items: rows.map(toRelease), slots: await this.slots(this.k.db, actor.tenantId, useCaseId) };
  }

  async slots(conn: Conn, tenantId: string, useCaseId: string): Promise<Slot[]> {
    const rows = await conn.selectFrom('release_slots').selectAll().where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).execute();
    return (['pilot', 'production'] as const).map((env) => {
      const row = rows.find((r) => r.environment === env);
      return row ? toSlot(row) : emptySlot(env);
    });
  }

  /** A release may only use endpoints the use case's tier and data classes allow. */
  async create(actor: Actor, useCaseId: string, input: ReleaseCreate): Promise<Release> {
    const uc = await this.portfolio.get(actor, useCaseId);
    if (!uc.riskTier) throw new Conflict('screen the use case for risk before creating releases: its tier decides which models it may use');
    if (uc.riskTier === 'prohibited') throw new Conflict('a prohibited use case cannot have releases');
    const problems: { path: string; message: string }[] = [];
    for (const [i, id] of [input.endpointId, ...input.fallbackEndpointIds].entries()) {
      const path = i === 0 ? 'body.endpointId' : `body.fallbackEndpointIds.${i - 1}`;
      const row = await this.k.db.selectFrom('model_endpoints').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
      if (!row) {
        problems.push({ path, message: `no endpoint ${id}` });
        continue;
      }
      const ep = toEndpoint(row);
      if (ep.status !== 'approved') problems.push({ path, message: `${ep.name} is ${ep.status}` });
      if (!ep.approvedTiers.includes(uc.riskTier)) problems.push({ path, message: `${ep.name} is not approved for tier ${uc.riskTier}` });
      if (ep.kind !== 'chat') problems.push({ path, message: `${ep.name} is an ${ep.kind} endpoint; a release needs a chat model` });
      if (!permits({ sensitivity: ep.allowedDataClasses.maxSensitivity, categories: ep.allowedDataClasses.categories }, uc.dataClasses)) {
        problems.push({ path, message: `${ep.name} may not receive ${uc.dataClasses.sensitivity} data with ${uc.dataClasses.categories.join(', ') || 'no'} categories` });
      }
    }
    if (input.promptVersionId) await this.prompts.version(this.k.db, actor.tenantId, input.promptVersionId).catch(() => problems.push({ path: 'body.promptVersionId', message: `no prompt version ${input.promptVersionId}` }));
    if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
    const row: ReleaseRow = {
      id: newId('rel'), tenant_id: actor.tenantId, use_case_id: useCaseId, name: input.name, endpoint_id: input.endpointId,
      fallback_endpoint_ids: toJson(input.fallbackEndpointIds), prompt_version_id: input.promptVersionId, params: toJson(input.params),
      created_by: actor.id, created_at: this.k.clock.now().toISOString(),
    };
    await this.k.db.transaction().execute(async (tx) => {
      await tx.insertInto('releases').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'release.create', subjectType: 'release', subjectId: row.id, after: { ...toRelease(row) } });
      await this.portfolio.touch(tx, actor.tenantId, useCaseId);
    });
    return toRelease(row);
  }

  /** Puts a release in front of an environment's traffic; the one it replaces becomes the rollback target. */
  async activate(actor: Actor, releaseId: string, environment: Environment, reason?: string): Promise<Slot> {
    return this.changeSlot(actor, releaseId, environment, 'release.activate', async (tx, release, uc, slot) => {
      await this.runGuards(tx, actor, uc, release, environment, 'activate');
      if (slot.activeReleaseId === release.id) throw new Conflict(`${release.name} is already active in ${environment}`);
      return {
        active_release_id: release.id,
        previous_release_id: slot.activeReleaseId ?? slot.previousReleaseId,
        canary_release_id: slot.canaryReleaseId === release.id ? null : slot.canaryReleaseId,
        canary_weight: slot.canaryReleaseId === release.id ? 0 : slot.canaryWeight,
        reason: reason ?? null,
      };
    });
  }

  /** Splits traffic: the candidate gets `weight` percent, the active release the rest. */
  async canary(actor: Actor, useCaseId: string, environment: Environment, releaseId: string | null, weight: number): Promise<Slot> {
    if (releaseId === null) {
      return this.changeSlotOf(actor, useCaseId, environment, 'release.canary', async (_tx, slot) => ({ canary_release_id: null, canary_weight: 0, previous: slot.canaryReleaseId }));
    }
    return this.changeSlot(actor, releaseId, environment, 'release.canary', async (tx, release, uc, slot) => {
      if (release.useCaseId !== useCaseId) throw new NotFound('release', releaseId);
      if (!slot.activeReleaseId) throw new Conflict(`activate a release in ${environment} before splitting its traffic`);
      if (slot.activeReleaseId === release.id) throw new Conflict('the canary must differ from the active release');
      await this.runGuards(tx, actor, uc, release, environment, 'canary');
      return { canary_release_id: release.id, canary_weight: weight };
    });
  }

  /** One action: the previous release becomes active again. */
  async rollback(actor: Actor, useCaseId: string, environment: Environment, reason: string): Promise<Slot> {
    return this.changeSlotOf(actor, useCaseId, environment, 'release.rollback', async (_tx, slot) => {
      if (!slot.previousReleaseId) throw new Conflict(`there is no previous release in ${environment} to roll back to`);
      return { active_release_id: slot.previousReleaseId, previous_release_id: null, canary_release_id: null, canary_weight: 0, rolledBack: slot.activeReleaseId, reason };
    });
  }

  private async runGuards(tx: Tx, actor: Actor, useCase: UseCase, release: Release, environment: Environment, how: 'activate' | 'canary') {
    const problems: string[] = [];
    for (const guard of this.guards) problems.push(...(await guard({ tx, actor, useCase, release, environment, how })));
    if (problems.length) throw new Conflict(`${release.name} cannot ${how === 'activate' ? 'be activated' : 'take canary traffic'} in ${environment}: ${problems.join('; ')}`, { problems });
  }

  private async changeSlot(actor: Actor, releaseId: string, env: Environment, action: string, change: (tx: Tx, r: Release, uc: UseCase, slot: Slot) => Promise<Record<string, unknown>>) {
    const release = await this.get(actor, releaseId);
    return this.changeSlotOf(actor, release.useCaseId, env, action, async (tx, slot, uc) => change(tx, release, uc, slot));
  }

  private async changeSlotOf(actor: Actor, useCaseId: string, env: Environment, action: string, change: (tx: Tx, slot: Slot, uc: UseCase) => Promise<Record<string, unknown>>): Promise<Slot> {
    const slot = await this.k.db.transaction().execute(async (tx) => {
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      const before = (await this.slots(tx, actor.tenantId, useCaseId)).find((s) => s.environment === env)!;
      const { reason, rolledBack, previous, ...set } = await change(tx, before, uc);
      const now = this.k.clock.now().toISOString();
      const next: ReleaseSlotRow = {
        tenant_id: actor.tenantId, use_case_id: useCaseId, environment: env,
        active_release_id: before.activeReleaseId, previous_release_id: before.previousReleaseId, canary_release_id: before.canaryReleaseId, canary_weight: before.canaryWeight,
        ...(set as Partial<ReleaseSlotRow>), updated_at: now, version: before.version + 1,
      };
      await tx.insertInto('release_slots').values(next)
        .onConflict((oc) => oc.columns(['tenant_id', 'use_case_id', 'environment']).doUpdateSet({ ...next }))
        .execute();
      await this.k.ledger.append(tx, actor, { action, subjectType: 'use_case', subjectId: useCaseId, before: before, after: { ...toSlot(next), reason: reason ?? null, rolledBack: rolledBack ?? previous ?? null } });
      await this.portfolio.touch(tx, actor.tenantId, useCaseId);
      return toSlot(next);
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'release', id: useCaseId });
    return slot;
  }
}
