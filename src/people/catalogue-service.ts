import type { z } from 'zod';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { DEFAULT_ITEMS, DEFAULT_PATHS } from './catalogue.js';
import type { SkillItemRow, SkillPathRow } from './migrations.js';
import type { LabTask, SkillItem, SkillItemCreate, SkillItemUpdate, SkillPath, SkillPathCreate, SkillPathUpdate, SkillRole } from './schema.js';
import type { PathDefinition } from './skills.js';
import * as store from './store.js';

export const toItem = (r: SkillItemRow): SkillItem => ({
  id: r.id, slug: r.slug, kind: r.kind as SkillItem['kind'], title: r.title, summary: r.summary, task: r.task as LabTask | null,
  minutes: r.minutes, validityDays: r.validity_days, version: r.version,
});

function toPath(r: SkillPathRow, items: readonly SkillItemRow[]): SkillPath {
  const slugs = fromJson<string[]>(r.items, []);
  const minutes = slugs.reduce((sum, s) => sum + (items.find((i) => i.slug === s)?.minutes ?? 0), 0);
  return { id: r.id, slug: r.slug, title: r.title, description: r.description, requiredFor: fromJson<SkillRole[]>(r.required_for, []), items: slugs, minutes, version: r.version };
}

export interface Catalogue {
  items: SkillItemRow[];
  paths: SkillPathRow[];
  definitions: PathDefinition[];
}

/**
 * A tenant's skilling catalogue: modules, applied labs and the role-based paths made of them. Charter's default
 * catalogue (catalogue.ts) is installed for a tenant on first use; from then on the tenant edits its own copy.
 */
export class SkillCatalogue {
  constructor(private readonly k: Kernel) {}

  /** Installs the default catalogue in the caller's transaction when the tenant has none yet. */
  async ensure(tx: Tx, tenantId: string): Promise<void> {
    if (await store.hasCatalogue(tx, tenantId)) return;
    const now = this.k.clock.now().toISOString();
    const items: SkillItemRow[] = DEFAULT_ITEMS.map((i) => ({
      id: newId('ski'), tenant_id: tenantId, slug: i.slug, kind: i.kind, title: i.title, summary: i.summary, task: i.task ?? null,
      minutes: i.minutes, validity_days: i.validityDays, created_at: now, updated_at: now, version: 1,
    }));
    const paths: SkillPathRow[] = DEFAULT_PATHS.map((p) => ({
      id: newId('skp'), tenant_id: tenantId, slug: p.slug, title: p.title, description: p.description, required_for: toJson(p.requiredFor),
      items: toJson(p.items), created_at: now, updated_at: now, version: 1,
    }));
    await store.installCatalogue(tx, items, paths);
    await this.k.ledger.append(tx, systemActor(tenantId), { action: 'skill_catalogue.install', subjectType: 'skill_catalogue', subjectId: tenantId, after: { items: items.length, paths: paths.length } });
  }

  /** The catalogue as stored (call `ensure` first in a transaction that may install it). */
  async read(conn: Conn, tenantId: string): Promise<Catalogue> {
    const [items, paths] = await Promise.all([store.items(conn, tenantId), store.paths(conn, tenantId)]);
    const definitions = paths.map((p) => ({ id: p.id, slug: p.slug, title: p.title, requiredFor: fromJson<SkillRole[]>(p.required_for, []), items: fromJson<string[]>(p.items, []) }));
    return { items, paths, definitions };
  }

  /** Ensures, then reads, in one transaction. */
  async current(actor: Actor): Promise<Catalogue> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.ensure(tx, actor.tenantId);
      return this.read(tx, actor.tenantId);
    });
  }

  async listItems(actor: Actor): Promise<SkillItem[]> {
    return (await this.current(actor)).items.map(toItem);
  }

  async listPaths(actor: Actor): Promise<SkillPath[]> {
    const c = await this.current(actor);
    return c.paths.map((p) => toPath(p, c.items));
  }

  async getItem(actor: Actor, id: string, conn: Conn = this.k.db): Promise<SkillItemRow> {
    const row = await store.item(conn, actor.tenantId, id);
    if (!row) throw new NotFound('skill item', id);
    return row;
  }

  async getPath(actor: Actor, id: string, conn: Conn = this.k.db): Promise<SkillPath> {
    const row = await store.path(conn, actor.tenantId, id);
    if (!row) throw new NotFound('skill path', id);
    return toPath(row, await store.items(conn, actor.tenantId));
  }

  async createItem(actor: Actor, input: z.infer<typeof SkillItemCreate>): Promise<SkillItem> {
    checkLabTask(input.kind, input.task);
    return this.k.db.transaction().execute(async (tx) => {
      await this.ensure(tx, actor.tenantId);
      if ((await store.items(tx, actor.tenantId)).some((i) => i.slug === input.slug)) throw new Conflict(`the catalogue has an item ${input.slug}`);
      const now = this.k.clock.now().toISOString();
      const row: SkillItemRow = {
        id: newId('ski'), tenant_id: actor.tenantId, slug: input.slug, kind: input.kind, title: input.title, summary: input.summary, task: input.task ?? null,
        minutes: input.minutes, validity_days: input.validityDays, created_at: now, updated_at: now, version: 1,
      };
      await tx.insertInto('skill_items').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'skill_item.create', subjectType: 'skill_item', subjectId: row.id, after: toItem(row) });
      return toItem(row);
    });
  }

  async updateItem(actor: Actor, id: string, patch: z.infer<typeof SkillItemUpdate>, ifMatch?: number): Promise<SkillItem> {
    return this.k.db.transaction().execute(async (tx) => {
      const before = await this.getItem(actor, id, tx);
      checkVersion(ifMatch, before.version, `skill item ${id}`);
      if (patch.task !== undefined) checkLabTask(before.kind as SkillItem['kind'], patch.task);
      const set: Partial<SkillItemRow> = { updated_at: this.k.clock.now().toISOString() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.summary !== undefined) set.summary = patch.summary;
      if (patch.task !== undefined) set.task = patch.task;
      if (patch.minutes !== undefined) set.minutes = patch.minutes;
      if (patch.validityDays !== undefined) set.validity_days = patch.validityDays;
      if (!(await store.updateItem(tx, actor.tenantId, id, before.version, set))) throw new PreconditionFailed(`skill item ${id} was changed concurrently; reload and retry`);
      const after = toItem(await this.getItem(actor, id, tx));
      await this.k.ledger.append(tx, actor, { action: 'skill_item.update', subjectType: 'skill_item', subjectId: id, before: toItem(before), after });
      return after;
    });
  }

  async createPath(actor: Actor, input: z.infer<typeof SkillPathCreate>): Promise<SkillPath> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.ensure(tx, actor.tenantId);
      const items = await store.items(tx, actor.tenantId);
      if ((await store.paths(tx, actor.tenantId)).some((p) => p.slug === input.slug)) throw new Conflict(`the catalogue has a path ${input.slug}`);
      checkItems(input.items, items);
      const now = this.k.clock.now().toISOString();
      const row: SkillPathRow = {
        id: newId('skp'), tenant_id: actor.tenantId, slug: input.slug, title: input.title, description: input.description,
        required_for: toJson([...new Set(input.requiredFor)]), items: toJson(input.items), created_at: now, updated_at: now, version: 1,
      };
      await tx.insertInto('skill_paths').values(row).execute();
      const view = toPath(row, items);
      await this.k.ledger.append(tx, actor, { action: 'skill_path.create', subjectType: 'skill_path', subjectId: row.id, after: view });
      return view;
    });
  }

  async updatePath(actor: Actor, id: string, patch: z.infer<typeof SkillPathUpdate>, ifMatch?: number): Promise<SkillPath> {
    return this.k.db.transaction().execute(async (tx) => {
      const before = await this.getPath(actor, id, tx);
      checkVersion(ifMatch, before.version, `skill path ${id}`);
      const items = await store.items(tx, actor.tenantId);
      if (patch.items) checkItems(patch.items, items);
      const set: Partial<SkillPathRow> = { updated_at: this.k.clock.now().toISOString() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.requiredFor !== undefined) set.required_for = toJson([...new Set(patch.requiredFor)]);
      if (patch.items !== undefined) set.items = toJson(patch.items);
      if (!(await store.updatePath(tx, actor.tenantId, id, before.version, set))) throw new PreconditionFailed(`skill path ${id} was changed concurrently; reload and retry`);
      const after = await this.getPath(actor, id, tx);
      await this.k.ledger.append(tx, actor, { action: 'skill_path.update', subjectType: 'skill_path', subjectId: id, before, after });
      return after;
    });
  }
}

function checkLabTask(kind: SkillItem['kind'], task: LabTask | null | undefined): void {
  if (kind === 'lab' && !task) throw new Invalid('a lab names the task it practises', [{ path: 'body.task', message: 'required for a lab' }]);
  if (kind === 'module' && task) throw new Invalid('a module has no lab task', [{ path: 'body.task', message: 'only labs have a task' }]);
}

function checkItems(slugs: readonly string[], items: readonly SkillItemRow[]): void {
  const problems = slugs.flatMap((s, i) => (items.some((it) => it.slug === s) ? [] : [{ path: `body.items.${i}`, message: `no module or lab ${s} in the catalogue` }]));
  if (new Set(slugs).size !== slugs.length) problems.push({ path: 'body.items', message: 'an item appears twice' });
  if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
}
