import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

export const portfolioMigrations: MigrationSet = {
  '100_portfolio': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('value_streams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('value_streams_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('use_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('value_stream_id', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('sponsor', 'text')
        .addColumn('team_id', 'text')
        .addColumn('affected_users', 'text', (c) => c.notNull())
        .addColumn('data_sensitivity', 'text', (c) => c.notNull())
        .addColumn('data_categories', 'text', (c) => c.notNull())
        .addColumn('risk_tier', 'text')
        .addColumn('policy_pack_version', 'text')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('suspended_from', 'text')
        .addColumn('priority', 'text')
        .addColumn('priority_score', t.real, (c) => c.notNull().defaultTo(0))
        .addColumn('readiness', 'text', (c) => c.notNull())
        .addColumn('target_date', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('last_activity_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('use_cases_priority').on('use_cases').columns(['tenant_id', 'priority_score', 'id']).execute();
      await db.schema.createIndex('use_cases_stage').on('use_cases').columns(['tenant_id', 'stage']).execute();
      await db.schema.createIndex('use_cases_stream').on('use_cases').columns(['tenant_id', 'value_stream_id']).execute();
    },
  },
  // The listing's order is priority descending, then id ascending. An ascending (tenant_id, priority_score, id) index
  // can only be read backwards, which gives id descending too: SQLite then sorted the last term in a temporary B-tree
  // and PostgreSQL ran an incremental sort. An index in the listing's own order is read front to back and stops at the limit.
  '101_portfolio_priority_order': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('use_cases_priority_order').on('use_cases').columns(['tenant_id', 'priority_score desc', 'id']).execute();
      await db.schema.dropIndex('use_cases_priority').execute();
    },
  },
};

export interface ValueStreamRow { id: string; tenant_id: string; name: string; description: string; owner_id: string | null; created_at: string }
export interface UseCaseRow {
  id: string; tenant_id: string; title: string; description: string; outcome: string | null; value_stream_id: string | null;
  owner_id: string | null; sponsor: string | null; team_id: string | null; affected_users: string; data_sensitivity: string;
  data_categories: string; risk_tier: string | null; policy_pack_version: string | null; stage: string; suspended_from: string | null;
  priority: string | null; priority_score: number; readiness: string; target_date: string | null; tags: string; source: string;
  last_activity_at: string; created_at: string; updated_at: string; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    value_streams: ValueStreamRow;
    use_cases: UseCaseRow;
  }
}
