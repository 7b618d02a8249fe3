import type { Kysely } from 'kysely';
import type { MigrationSet } from '../kernel/db/migrations.js';

/** Incidents with their timeline, links, containment and post-incident review. */
export const incidentMigrations: MigrationSet = {
  '550_incidents': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('triaged_at', 'text')
        .addColumn('mitigated_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('release_ids', 'text', (c) => c.notNull())
        .addColumn('metric_keys', 'text', (c) => c.notNull())
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('control_state', 'text', (c) => c.notNull())
        .addColumn('timeline', 'text', (c) => c.notNull())
        .addColumn('review', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_use_case').on('incidents').columns(['tenant_id', 'use_case_id', 'status']).execute();
      await db.schema.createIndex('incidents_opened').on('incidents').columns(['tenant_id', 'opened_at']).execute();
      await db.schema.createIndex('incidents_contained').on('incidents').columns(['control_state', 'status']).execute();
    },
  },
};

export interface IncidentRow {
  id: string; tenant_id: string; use_case_id: string; title: string; severity: string; status: string; owner_id: string | null;
  opened_at: string; triaged_at: string | null; mitigated_at: string | null; resolved_at: string | null; reviewed_at: string | null;
  release_ids: string; metric_keys: string; control: string; control_state: string; timeline: string; review: string | null; updated_at: string; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    incidents: IncidentRow;
  }
}
