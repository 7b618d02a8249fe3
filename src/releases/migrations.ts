import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

/** The model catalogue, prompt templates, releases and their activation slots. */
export const releaseMigrations: MigrationSet = {
  '300_catalogue_and_releases': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('model_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('base_url', 'text')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('approved_tiers', 'text', (c) => c.notNull())
        .addColumn('max_sensitivity', 'text', (c) => c.notNull())
        .addColumn('allowed_categories', 'text', (c) => c.notNull())
        .addColumn('price_in_per_1k', t.real, (c) => c.notNull())
        .addColumn('price_out_per_1k', t.real, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('credential', 'text')
        .addColumn('credential_key_id', 'text')
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('model_endpoints_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('prompt_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('use_case_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('prompt_templates_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('prompt_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text', (c) => c.notNull().references('prompt_templates.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('variables', 'text', (c) => c.notNull())
        .addColumn('change_note', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('prompt_versions_template_version', ['template_id', 'version'])
        .execute();
      await db.schema
        .createTable('releases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('endpoint_id', 'text', (c) => c.notNull().references('model_endpoints.id'))
        .addColumn('fallback_endpoint_ids', 'text', (c) => c.notNull())
        .addColumn('prompt_version_id', 'text')
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('releases_use_case').on('releases').columns(['tenant_id', 'use_case_id', 'created_at']).execute();
      await db.schema
        .createTable('release_slots')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('active_release_id', 'text')
        .addColumn('previous_release_id', 'text')
        .addColumn('canary_release_id', 'text')
        .addColumn('canary_weight', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('release_slots_pk', ['tenant_id', 'use_case_id', 'environment'])
        .execute();
    },
  },
};

export interface ModelEndpointRow {
  id: string; tenant_id: string; name: string; provider: string; kind: string; base_url: string | null; model: string; model_version: string;
  region: string; approved_tiers: string; max_sensitivity: string; allowed_categories: string; price_in_per_1k: number; price_out_per_1k: number;
  status: string; credential: string | null; credential_key_id: string | null; options: string; created_at: string; updated_at: string; version: number;
}
export interface PromptTemplateRow { id: string; tenant_id: string; name: string; owner_id: string | null; use_case_id: string | null; created_at: string }
export interface PromptVersionRow {
  id: string; tenant_id: string; template_id: string; version: number; system: string; variables: string; change_note: string;
  content_hash: string; created_by: string; created_at: string;
}
export interface ReleaseRow {
  id: string; tenant_id: string; use_case_id: string; name: string; endpoint_id: string; fallback_endpoint_ids: string;
  prompt_version_id: string | null; params: string; created_by: string; created_at: string;
}
export interface ReleaseSlotRow {
  tenant_id: string; use_case_id: string; environment: string; active_release_id: string | null; previous_release_id: string | null;
  canary_release_id: string | null; canary_weight: number; updated_at: string; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    model_endpoints: ModelEndpointRow;
    prompt_templates: PromptTemplateRow;
    prompt_versions: PromptVersionRow;
    releases: ReleaseRow;
    release_slots: ReleaseSlotRow;
  }
}
