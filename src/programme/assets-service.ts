import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import { assertMember } from '../kernel/auth/members.js';
import { can } from '../kernel/auth/permissions.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { ACTIVE_STAGES } from '../portfolio/stages.js';
import type { PortfolioService } from '../portfolio/service.js';
import { ASSET_KINDS, type Asset, type AssetCreate, type AssetDecision, type AssetReuse, type AssetReuseCreate, type AssetVersionCreate, type ReuseSummary } from './assets-schema.js';
import type { AssetRow } from './migrations.js';
import * as store from './store.js';

const toAsset = (r: store.AssetJoined): Asset => ({
  id: r.id, kind: r.kind as Asset['kind'], name: r.name, description: r.description, owner: { id: r.owner_id, name: r.owner_name ?? '' },
  status: r.status as Asset['status'], latestVersion: r.latest_version, reuseCount: Number(r.reuse_count), acceptedAt: r.accepted_at,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

const toReuse = (r: store.ReuseJoined): AssetReuse => ({
  id: r.id, assetId: r.asset_id, assetName: r.asset_name, kind: r.asset_kind as AssetReuse['kind'], versionNumber: r.version_number,
  useCaseId: r.use_case_id, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
});

/**
 * The reusable-asset library: prompt templates, evaluation datasets, policy packs, integration patterns, training kits
 * and approval workflows, versioned, each with an owner. Using one in a use case records the reuse; reuse is counted
 * per asset and as a portfolio metric (live use cases reusing at least one asset).
 */
export class AssetService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  async get(actor: Actor, id: string, conn: Conn = this.k.db) {
    const row = await store.asset(conn, actor.tenantId, id);
    if (!row) throw new NotFound('asset', id);
    const [versions, reuses] = await Promise.all([store.assetVersions(conn, actor.tenantId, id), store.reuses(conn, actor.tenantId, { assetId: id })]);
    return {
      ...toAsset(row),
      versions: versions.map((v) => ({ number: v.number, location: v.location, changeNote: v.change_note, createdBy: v.created_by, createdAt: v.created_at })),
      reuses: reuses.map(toReuse),
    };
  }

  async list(actor: Actor, filter: store.AssetFilter) {
    const rows = await store.listAssets(this.k.db, actor.tenantId, filter);
    return pageOf(rows, filter.limit, (r) => [r.name, r.id], toAsset);
  }

  async create(actor: Actor, input: z.infer<typeof AssetCreate>) {
    const id = await this.k.db.transaction().execute(async (tx) => {
      const ownerId = input.ownerId ?? actor.id;
      if (input.ownerId) await assertMember(tx, actor.tenantId, input.ownerId, 'body.ownerId');
      if (await store.assetNamed(tx, actor.tenantId, input.kind, input.name)) throw new Conflict(`the library has a ${input.kind.replace('_', ' ')} named ${input.name}`);
      const now = this.k.clock.now().toISOString();
      const row: AssetRow = {
        id: newId('ast'), tenant_id: actor.tenantId, kind: input.kind, name: input.name, description: input.description, owner_id: ownerId,
        status: 'proposed', latest_version: 1, accepted_at: null, created_at: now, updated_at: now, version: 1,
      };
      await tx.insertInto('assets').values(row).execute();
      await tx.insertInto('asset_versions').values({ id: newId('asv'), tenant_id: actor.tenantId, asset_id: row.id, number: 1, location: input.firstVersion.location, change_note: input.firstVersion.changeNote, created_by: actor.id, created_at: now }).execute();
      await this.k.ledger.append(tx, actor, { action: 'asset.create', subjectType: 'asset', subjectId: row.id, after: { kind: row.kind, name: row.name, ownerId, version: 1 } });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** A new version, by the owner or a programme manager. */
  async addVersion(actor: Actor, id: string, input: z.infer<typeof AssetVersionCreate>, ifMatch?: number) {
    await this.k.db.transaction().execute(async (tx) => {
      const row = await store.asset(tx, actor.tenantId, id);
      if (!row) throw new NotFound('asset', id);
      checkVersion(ifMatch, row.version, `asset ${id}`);
      if (row.owner_id !== actor.id && !can(actor.roles, 'programme:manage')) throw new Forbidden('only the owner or a programme manager versions an asset', { permission: 'programme:manage' });
      if (row.status === 'retired') throw new Conflict(`asset ${id} is retired`);
      const now = this.k.clock.now().toISOString();
      const number = row.latest_version + 1;
      if (!(await store.updateAsset(tx, actor.tenantId, id, row.version, { latest_version: number, updated_at: now }))) throw new PreconditionFailed(`asset ${id} was changed concurrently; reload`);
      await tx.insertInto('asset_versions').values({ id: newId('asv'), tenant_id: actor.tenantId, asset_id: id, number, location: input.location, change_note: input.changeNote, created_by: actor.id, created_at: now }).execute();
      await this.k.ledger.append(tx, actor, { action: 'asset.version', subjectType: 'asset', subjectId: id, before: { version: row.latest_version }, after: { version: number } });
    });
    return this.get(actor, id);
  }

  /** Accepts an asset into the library as an approved pattern, or retires it. */
  async decide(actor: Actor, id: string, input: z.infer<typeof AssetDecision>, ifMatch?: number) {
    await this.k.db.transaction().execute(async (tx) => {
      const row = await store.asset(tx, actor.tenantId, id);
      if (!row) throw new NotFound('asset', id);
      checkVersion(ifMatch, row.version, `asset ${id}`);
      const status = input.decision === 'accept' ? 'accepted' : 'retired';
      if (row.status === status) throw new Conflict(`asset ${id} is already ${status}`);
      if (row.status === 'retired') throw new Conflict(`asset ${id} is retired`);
      const now = this.k.clock.now().toISOString();
      const set = { status, updated_at: now, ...(status === 'accepted' ? { accepted_at: now } : {}) };
      if (!(await store.updateAsset(tx, actor.tenantId, id, row.version, set))) throw new PreconditionFailed(`asset ${id} was changed concurrently; reload`);
      await this.k.ledger.append(tx, actor, { action: `asset.${input.decision}`, subjectType: 'asset', subjectId: id, before: { status: row.status }, after: { status, note: input.note } });
    });
    return this.get(actor, id);
  }

  /** Records that a use case reuses an asset (once per asset and use case). */
  async recordReuse(actor: Actor, useCaseId: string, input: z.infer<typeof AssetReuseCreate>): Promise<AssetReuse> {
    const reuseId = await this.k.db.transaction().execute(async (tx) => {
      await this.portfolio.get(actor, useCaseId, tx);
      const row = await store.asset(tx, actor.tenantId, input.assetId);
      if (!row) throw new Invalid(`no asset ${input.assetId} in this tenant`, [{ path: 'body.assetId', message: `no asset ${input.assetId} in this tenant` }]);
      if (row.status === 'retired') throw new Conflict(`${row.name} is retired; reuse an asset of the library`);
      const versionNumber = input.versionNumber ?? row.latest_version;
      if (versionNumber > row.latest_version) throw new Invalid(`${row.name} has no version ${versionNumber}`, [{ path: 'body.versionNumber', message: `at most ${row.latest_version}` }]);
      if ((await store.reuses(tx, actor.tenantId, { assetId: row.id, useCaseId })).length) throw new Conflict(`the reuse of ${row.name} by this use case is already recorded`);
      const id = newId('asr');
      await tx.insertInto('asset_reuses').values({ id, tenant_id: actor.tenantId, asset_id: row.id, version_number: versionNumber, use_case_id: useCaseId, note: input.note, recorded_by: actor.id, recorded_at: this.k.clock.now().toISOString() }).execute();
      await this.k.ledger.append(tx, actor, { action: 'asset.reuse', subjectType: 'use_case', subjectId: useCaseId, after: { assetId: row.id, versionNumber } });
      return id;
    });
    return (await this.reusesOf(actor, useCaseId)).find((r) => r.id === reuseId)!;
  }

  async reusesOf(actor: Actor, useCaseId: string): Promise<AssetReuse[]> {
    await this.portfolio.get(actor, useCaseId);
    return (await store.reuses(this.k.db, actor.tenantId, { useCaseId })).map(toReuse);
  }

  /** Reuse as a portfolio metric. */
  async summary(actor: Actor): Promise<ReuseSummary> {
    const [assets, reuses, useCases] = await Promise.all([store.allAssets(this.k.db, actor.tenantId), store.reuses(this.k.db, actor.tenantId, {}), this.portfolio.all(actor)]);
    const live = useCases.filter((uc) => ACTIVE_STAGES.includes(uc.stage));
    const reusing = live.filter((uc) => reuses.some((r) => r.use_case_id === uc.id)).length;
    return {
      assets: assets.length, accepted: assets.filter((a) => a.status === 'accepted').length, reuses: reuses.length,
      liveUseCases: live.length, liveUseCasesReusing: reusing, reuseRate: live.length ? reusing / live.length : null,
      byKind: ASSET_KINDS.map((kind) => ({ kind, assets: assets.filter((a) => a.kind === kind).length, reuses: reuses.filter((r) => r.asset_kind === kind).length })),
      mostReused: assets.filter((a) => Number(a.reuse_count) > 0).sort((a, b) => Number(b.reuse_count) - Number(a.reuse_count) || a.name.localeCompare(b.name)).slice(0, 5)
        .map((a) => ({ id: a.id, name: a.name, kind: a.kind as Asset['kind'], reuseCount: Number(a.reuse_count) })),
    };
  }
}
