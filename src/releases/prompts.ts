import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { assertMember } from '../kernel/auth/members.js';
import type { PortfolioService } from '../portfolio/service.js';
import { canonicalJson, sha256Hex } from '../kernel/ledger/canonical.js';
import type { PromptVersionRow } from './migrations.js';
import type { PromptTemplateCreate, PromptVersion, PromptVersionCreate } from './schema.js';

export function toPromptVersion(row: PromptVersionRow): PromptVersion {
  return {
    id: row.id, templateId: row.template_id, version: row.version, system: row.system, variables: fromJson(row.variables, []),
    changeNote: row.change_note, contentHash: row.content_hash, createdBy: row.created_by, createdAt: row.created_at,
  };
}

/** Every {{name}} in the text must be declared, and every declared variable used, so a template cannot silently drift. */
export function templateProblems(system: string, variables: string[]): string[] {
  const used = new Set([...system.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]));
  const problems: string[] = [];
  for (const v of used) if (!variables.includes(v)) problems.push(`{{${v}}} is used but not declared`);
  for (const v of variables) if (!used.has(v)) problems.push(`${v} is declared but never used`);
  return problems;
}

/** Fills a template's variables; a missing value is an error the caller reports. */
export function renderTemplate(system: string, values: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = system.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    if (values[name] === undefined) {
      missing.push(name);
      return '';
    }
    return values[name];
  });
  return { text, missing };
}

/** Versioned prompt templates: a new text is a new version, never an edit. */
export class PromptService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  async list(actor: Actor, useCaseId?: string) {
    let q = this.k.db.selectFrom('prompt_templates').selectAll().where('tenant_id', '=', actor.tenantId);
    if (useCaseId) q = q.where('use_case_id', '=', useCaseId);
    const templates = await q.orderBy('name').execute();
    const versions = templates.length
      ? await this.k.db.selectFrom('prompt_versions').selectAll().where('tenant_id', '=', actor.tenantId).where('template_id', 'in', templates.map((t) => t.id)).orderBy('version', 'desc').execute()
      : [];
    return templates.map((t) => ({
      id: t.id, name: t.name, ownerId: t.owner_id, useCaseId: t.use_case_id, createdAt: t.created_at,
      versions: versions.filter((v) => v.template_id === t.id).map(toPromptVersion),
    }));
  }

  async version(conn: Conn, tenantId: string, id: string): Promise<PromptVersion> {
    const row = await conn.selectFrom('prompt_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('prompt version', id);
    return toPromptVersion(row);
  }

  async create(actor: Actor, input: z.infer<typeof PromptTemplateCreate>) {
    const id = newId('pt');
    if (input.useCaseId) await this.portfolio.get(actor, input.useCaseId);
    if (input.ownerId) await assertMember(this.k.db, actor.tenantId, input.ownerId, 'body.ownerId');
    await this.k.db.transaction().execute(async (tx) => {
      const clash = await tx.selectFrom('prompt_templates').select('id').where('tenant_id', '=', actor.tenantId).where('name', '=', input.name).executeTakeFirst();
      if (clash) throw new Conflict(`a prompt template named ${input.name} exists`);
      await tx.insertInto('prompt_templates').values({ id, tenant_id: actor.tenantId, name: input.name, owner_id: input.ownerId ?? actor.id, use_case_id: input.useCaseId ?? null, created_at: this.k.clock.now().toISOString() }).execute();
      await this.addVersionIn(tx, actor, id, 1, input.firstVersion);
    });
    return (await this.list(actor)).find((t) => t.id === id)!;
  }

  async addVersion(actor: Actor, templateId: string, input: z.infer<typeof PromptVersionCreate>): Promise<PromptVersion> {
    return this.k.db.transaction().execute(async (tx) => {
      const t = await tx.selectFrom('prompt_templates').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', templateId).executeTakeFirst();
      if (!t) throw new NotFound('prompt template', templateId);
      const last = await tx.selectFrom('prompt_versions').select('version').where('template_id', '=', templateId).orderBy('version', 'desc').executeTakeFirst();
      return this.addVersionIn(tx, actor, templateId, (last?.version ?? 0) + 1, input);
    });
  }

  private async addVersionIn(tx: Tx, actor: Actor, templateId: string, version: number, input: z.infer<typeof PromptVersionCreate>): Promise<PromptVersion> {
    const problems = templateProblems(input.system, input.variables);
    if (problems.length) throw new Invalid(problems.join('; '), problems.map((message) => ({ path: 'body.system', message })));
    const row: PromptVersionRow = {
      id: newId('pv'), tenant_id: actor.tenantId, template_id: templateId, version, system: input.system, variables: toJson(input.variables),
      change_note: input.changeNote, content_hash: sha256Hex(canonicalJson({ system: input.system, variables: input.variables })),
      created_by: actor.id, created_at: this.k.clock.now().toISOString(),
    };
    await tx.insertInto('prompt_versions').values(row).execute();
    // The ledger keeps the prompt's hash, not its text.
    await this.k.ledger.append(tx, actor, { action: 'prompt.version', subjectType: 'prompt_template', subjectId: templateId, after: { versionId: row.id, version, contentHash: row.content_hash, changeNote: row.change_note } });
    return toPromptVersion(row);
  }
}
