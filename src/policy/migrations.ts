import type { Kysely } from 'kysely';
import type { MigrationSet } from '../kernel/db/migrations.js';

/**
 * A tenant's policy pack versions. A draft has no number; publishing gives it the next number of its tier, after
 * which the row never changes. `based_on` is the version it was forked from, `supersedes` the tier's current version
 * when it was started (publishing is refused once another version has been published since). `version` is the row's revision (its ETag), `pack_version` the published number.
 */
export const policyMigrations: MigrationSet = {
  '210_policy_packs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('policy_packs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('pack_version', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('pack', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('based_on', 'text', (c) => c.notNull())
        .addColumn('supersedes', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('policy_packs_tenant_tier_version', ['tenant_id', 'tier', 'pack_version'])
        .execute();
      await db.schema.createIndex('policy_packs_tenant_tier').on('policy_packs').columns(['tenant_id', 'tier', 'status']).execute();
    },
  },
};

export interface PolicyPackRow {
  id: string; tenant_id: string; tier: string; pack_version: number | null; status: string; pack: string; content_hash: string;
  based_on: string; supersedes: string; author_id: string; author_name: string; created_at: string; updated_at: string; published_at: string | null;
  published_by: string | null; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    policy_packs: PolicyPackRow;
  }
}
