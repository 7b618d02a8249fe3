import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { checkVersion } from '../kernel/http/etag.js';
import { newId } from '../kernel/ids.js';
import { canonicalJson, sha256Hex } from '../kernel/ledger/canonical.js';
import { TIERS, type Tier, type UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { PolicyPackRow } from './migrations.js';
import { diffPacks, validatePack } from './model.js';
import { defaultPacks, readPackFile, writePackFile } from './packs.js';
import type { PolicyPack } from './schema.js';
import * as store from './store.js';

/** A pack version's name: `high@3` for a tenant's third published high pack, `high@default` for the shipped one. */
export const packRef = (tier: Tier, packVersion: number | null): string => `${tier}@${packVersion ?? 'default'}`;

export function parseRef(ref: string): { tier: Tier; packVersion: number | null } | undefined {
  const m = /^([a-z]+)@(default|[1-9]\d{0,6})$/.exec(ref);
  if (!m || !(TIERS as readonly string[]).includes(m[1])) return undefined;
  return { tier: m[1] as Tier, packVersion: m[2] === 'default' ? null : Number(m[2]) };
}

export interface PackVersion {
  id: string; tier: Tier; packVersion: number | null; ref: string | null; status: store.PackStatus; contentHash: string;
  basedOn: string; supersedes: string; author: { id: string; name: string }; createdAt: string; updatedAt: string;
  publishedAt: string | null; publishedBy: string | null; version: number; pack: PolicyPack;
}

/** What governs a use case: its tier and the pack version it is bound to. */
export interface Binding {
  tier: Tier | null;
  policyPackVersion: string | null;
}
export type BindingHook = (c: { tx: Tx; actor: Actor; useCase: UseCase; before: Binding; after: Binding }) => Promise<void>;

const hashOf = (pack: PolicyPack) => sha256Hex(canonicalJson(pack));

function view(row: PolicyPackRow): PackVersion {
  return {
    id: row.id, tier: row.tier as Tier, packVersion: row.pack_version, ref: row.pack_version === null ? null : packRef(row.tier as Tier, row.pack_version),
    status: row.status as store.PackStatus, contentHash: row.content_hash, basedOn: row.based_on, supersedes: row.supersedes, author: { id: row.author_id, name: row.author_name },
    createdAt: row.created_at, updatedAt: row.updated_at, publishedAt: row.published_at, publishedBy: row.published_by, version: row.version, pack: fromJson<PolicyPack>(row.pack, {} as PolicyPack),
  };
}

/** Problems of a pack sent as a request body, with paths into the body. */
function validateBody(raw: unknown, read: (raw: unknown) => PolicyPack = validatePack): PolicyPack {
  try {
    return read(raw);
  } catch (err) {
    if (err instanceof Invalid) throw new Invalid(err.message, err.errors.map((e) => ({ ...e, path: e.path ? `body.${e.path}` : 'body' })));
    throw err;
  }
}

/**
 * Policy packs per tenant: forks of the shipped defaults or of published versions, edited as drafts, published as
 * numbered, immutable versions. Each use case is bound to the version that governs it; see docs/governance.md.
 */
export class PolicyService {
  /** Published versions never change, so each is read and validated once per process. */
  private readonly published = new Map<string, PolicyPack>();
  private readonly bindingHooks: BindingHook[] = [];

  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  /** Runs, in the binding's transaction, whenever a use case's tier or pack version changes (approvals are voided there). */
  onBinding(hook: BindingHook): void {
    this.bindingHooks.push(hook);
  }

  async list(actor: Actor, filter: { tier?: Tier; status?: store.PackStatus }): Promise<PackVersion[]> {
    return (await store.listPacks(this.k.db, actor.tenantId, filter)).map(view);
  }

  async get(actor: Actor, id: string, conn: Conn = this.k.db): Promise<PackVersion> {
    const row = await store.getPack(conn, actor.tenantId, id);
    if (!row) throw new NotFound('policy pack', id);
    return view(row);
  }

  /** For each tier, the version new screenings bind to: the highest published one, else the shipped default. */
  async current(actor: Actor): Promise<{ tier: Tier; ref: string }[]> {
    const latest = await store.currentNumbers(this.k.db, actor.tenantId);
    return TIERS.map((tier) => ({ tier, ref: packRef(tier, latest.get(tier) ?? null) }));
  }

  async currentRef(conn: Conn, tenantId: string, tier: Tier): Promise<string> {
    return packRef(tier, (await store.currentVersion(conn, tenantId, tier))?.pack_version ?? null);
  }

  /** The pack that governs: the recorded version, else the tier's current published version, else the shipped default. */
  async governing(conn: Conn, tenantId: string, tier: Tier, recorded: string | null): Promise<{ ref: string; pack: PolicyPack }> {
    const wanted = recorded ? parseRef(recorded) : undefined;
    if (wanted && wanted.tier === tier) {
      if (wanted.packVersion === null) return { ref: recorded!, pack: defaultPacks()[tier] };
      const known = this.published.get(`${tenantId}/${recorded}`);
      if (known) return { ref: recorded!, pack: known };
      const row = await store.publishedVersion(conn, tenantId, tier, wanted.packVersion);
      if (row) return { ref: recorded!, pack: this.remember(row) };
    }
    const row = await store.currentVersion(conn, tenantId, tier);
    return row ? { ref: packRef(tier, row.pack_version), pack: this.remember(row) } : { ref: packRef(tier, null), pack: defaultPacks()[tier] };
  }

  /** For the gateway, measurement and evaluations: the pack a use case of this tier and recorded version runs under. */
  readonly policySource = async (tenantId: string, tier: Tier, packVersion: string | null): Promise<PolicyPack> =>
    (await this.governing(this.k.db, tenantId, tier, packVersion)).pack;

  private remember(row: PolicyPackRow): PolicyPack {
    const key = `${row.tenant_id}/${packRef(row.tier as Tier, row.pack_version)}`;
    let pack = this.published.get(key);
    if (!pack) this.published.set(key, (pack = validatePack(view(row).pack, { readinessFloor: false })));
    return pack;
  }

  /** Sets a use case's tier and binds it to the tier's current pack version, in the caller's transaction. */
  async bind(tx: Tx, actor: Actor, useCaseId: string, tier: Tier): Promise<{ useCase: UseCase; before: Binding; after: Binding }> {
    const uc = await this.portfolio.get(actor, useCaseId, tx);
    const before = { tier: uc.riskTier, policyPackVersion: uc.policyPackVersion };
    const after = { tier, policyPackVersion: await this.currentRef(tx, actor.tenantId, tier) };
    if (before.tier === after.tier && before.policyPackVersion === after.policyPackVersion) return { useCase: uc, before, after };
    const useCase = await this.portfolio.setGovernance(tx, actor, useCaseId, tier, after.policyPackVersion);
    for (const hook of this.bindingHooks) await hook({ tx, actor, useCase, before, after });
    return { useCase, before, after };
  }

  /** Moves a use case to its tier's current pack version (use cases keep their version until re-screened or re-bound). */
  async rebind(actor: Actor, useCaseId: string): Promise<UseCase> {
    const useCase = await this.k.db.transaction().execute(async (tx) => {
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      if (!uc.riskTier) throw new Conflict('screen the use case for risk first: its tier decides which pack governs it');
      const bound = await this.bind(tx, actor, useCaseId, uc.riskTier);
      if (bound.before.policyPackVersion === bound.after.policyPackVersion) return bound.useCase;
      await this.k.ledger.append(tx, actor, { action: 'policy.bind', subjectType: 'use_case', subjectId: useCaseId, before: bound.before, after: bound.after });
      return bound.useCase;
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: useCaseId });
    return useCase;
  }

  /** Starts a draft from a published version (`sourceId`) or from the shipped default of `tier`. */
  async fork(actor: Actor, input: { tier?: Tier; sourceId?: string }): Promise<PackVersion> {
    return this.k.db.transaction().execute(async (tx) => {
      let source: { ref: string; pack: PolicyPack };
      if (input.sourceId) {
        const row = await store.getPack(tx, actor.tenantId, input.sourceId);
        if (!row || row.status !== 'published') throw new Invalid(`no published policy pack ${input.sourceId} to fork`, [{ path: 'body.sourceId', message: `no published policy pack ${input.sourceId} in this tenant` }]);
        source = { ref: packRef(row.tier as Tier, row.pack_version), pack: view(row).pack };
      } else if (input.tier) source = { ref: packRef(input.tier, null), pack: defaultPacks()[input.tier] };
      else throw new Invalid('name the tier whose default to fork, or the published version to fork', [{ path: 'body.tier', message: 'give tier or sourceId' }]);
      const pack = validateBody({ ...source.pack, tier: input.tier ?? source.pack.tier });
      return this.insertDraft(tx, actor, pack, 'policy.fork', source.ref);
    });
  }

  /** A pack file (YAML or JSON, or the pack as a JSON body) becomes a new draft of the tier it declares. */
  async importFile(actor: Actor, file: string | object): Promise<PackVersion> {
    const pack = typeof file === 'string' ? validateBody(file, (text) => readPackFile(text as string)) : validateBody(file);
    return this.k.db.transaction().execute(async (tx) => this.insertDraft(tx, actor, pack, 'policy.import'));
  }

  /** A new draft; without `basedOn` (an imported file) it counts as based on the tier's current version. */
  private async insertDraft(tx: Tx, actor: Actor, pack: PolicyPack, action: string, basedOn?: string): Promise<PackVersion> {
    const now = this.k.clock.now().toISOString();
    const supersedes = await this.currentRef(tx, actor.tenantId, pack.tier);
    const row: PolicyPackRow = {
      id: newId('pp'), tenant_id: actor.tenantId, tier: pack.tier, pack_version: null, status: 'draft', pack: toJson(pack),
      content_hash: hashOf(pack), based_on: basedOn ?? supersedes, supersedes, author_id: actor.id, author_name: actor.name,
      created_at: now, updated_at: now, published_at: null, published_by: null, version: 1,
    };
    await store.insertPack(tx, row);
    await this.k.ledger.append(tx, actor, { action, subjectType: 'policy_pack', subjectId: row.id, after: { tier: row.tier, basedOn: row.based_on, contentHash: row.content_hash } });
    return view(row);
  }

  /** Replaces a draft's pack; the whole pack is validated (schema, consistency, control ids, CEL types with positions). */
  async edit(actor: Actor, id: string, raw: unknown, ifMatch?: number): Promise<PackVersion> {
    return this.changeDraft(actor, id, ifMatch, 'policy.edit', (draft) => {
      const pack = validateBody(raw);
      if (pack.tier !== draft.tier) throw new Invalid(`this draft is for tier ${draft.tier}`, [{ path: 'body.tier', message: `a draft keeps its tier (${draft.tier}); fork into another tier instead` }]);
      return { pack: toJson(pack), content_hash: hashOf(pack) };
    });
  }

  async discard(actor: Actor, id: string, ifMatch?: number): Promise<PackVersion> {
    return this.changeDraft(actor, id, ifMatch, 'policy.discard', () => ({ status: 'discarded' }));
  }

  /** Gives the draft the next version number of its tier; from then on it never changes. */
  async publish(actor: Actor, id: string, ifMatch?: number): Promise<PackVersion> {
    const published = await this.changeDraft(actor, id, ifMatch, 'policy.publish', async (draft, tx) => {
      const current = await this.currentRef(tx, actor.tenantId, draft.tier);
      if (draft.supersedes !== current) throw new Conflict(`${current} was published after this draft was started from ${draft.supersedes}; fork ${current} and apply the changes again`, { current });
      validatePack(draft.pack);
      const packVersion = (parseRef(current)?.packVersion ?? 0) + 1;
      return { status: 'published', pack_version: packVersion, published_at: this.k.clock.now().toISOString(), published_by: actor.id };
    }).catch((err: { code?: string }) => {
      // Two drafts of a tier published at the same moment on PostgreSQL: the version number is unique, the second loses.
      throw err.code === '23505' ? new Conflict('another version of this tier was published at the same moment; reload and retry') : err;
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'policy', id: published.ref! });
    return published;
  }

  private async changeDraft(actor: Actor, id: string, ifMatch: number | undefined, action: string, change: (draft: PackVersion, tx: Tx) => Partial<PolicyPackRow> | Promise<Partial<PolicyPackRow>>): Promise<PackVersion> {
    return this.k.db.transaction().execute(async (tx) => {
      const draft = await this.get(actor, id, tx);
      if (draft.status !== 'draft') throw new Conflict(`policy pack ${draft.ref ?? id} is ${draft.status}; a published version never changes: fork it to make a new draft`);
      checkVersion(ifMatch, draft.version, `policy pack ${id}`);
      const set = { ...(await change(draft, tx)), updated_at: this.k.clock.now().toISOString() };
      if (!(await store.updateDraft(tx, actor.tenantId, id, draft.version, set))) throw new PreconditionFailed(`policy pack ${id} was changed concurrently; reload and retry`);
      const after = await this.get(actor, id, tx);
      await this.k.ledger.append(tx, actor, {
        action, subjectType: 'policy_pack', subjectId: id,
        before: { status: draft.status, contentHash: draft.contentHash }, after: { status: after.status, ref: after.ref, tier: after.tier, contentHash: after.contentHash },
      });
      return after;
    });
  }

  /** The differences from `against` (a pack id or a ref such as high@default) to this version; by default from what it was forked from. */
  async diff(actor: Actor, id: string, against?: string) {
    const version = await this.get(actor, id);
    const before = await this.resolve(actor, against ?? version.basedOn);
    return { from: before.label, to: version.ref ?? `draft ${version.id}`, changes: diffPacks(before.pack, version.pack) };
  }

  /** A version named by id or by ref. */
  private async resolve(actor: Actor, name: string): Promise<{ label: string; pack: PolicyPack }> {
    const ref = parseRef(name);
    if (!ref) return this.get(actor, name).then((v) => ({ label: v.ref ?? `draft ${v.id}`, pack: v.pack }));
    const found = await this.governing(this.k.db, actor.tenantId, ref.tier, name);
    if (found.ref !== name) throw new NotFound('policy pack version', name);
    return { label: name, pack: found.pack };
  }

  async exportFile(actor: Actor, id: string, format: 'yaml' | 'json'): Promise<{ filename: string; content: string }> {
    const v = await this.get(actor, id);
    return { filename: `${v.tier}@${v.packVersion ?? `draft-${v.id}`}.${format === 'json' ? 'json' : 'yaml'}`, content: writePackFile(v.pack, format) };
  }

  defaults(): { tier: Tier; ref: string; contentHash: string; pack: PolicyPack }[] {
    return TIERS.map((tier) => ({ tier, ref: packRef(tier, null), contentHash: hashOf(defaultPacks()[tier]), pack: defaultPacks()[tier] }));
  }
}
