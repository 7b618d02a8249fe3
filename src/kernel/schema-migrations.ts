import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from './db/migrations.js';

/** The kernel's tables: tenants and identity, the ledger, the job scheduler, idempotency keys. */
export const kernelMigrations: MigrationSet = {
  '000_kernel_identity': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('teams_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['tenant_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_tenant').on('api_tokens').columns(['tenant_id', 'created_at']).execute();
    },
  },
  '001_kernel_ledger': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('ledger_heads')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_entries')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_entries_pk', ['tenant_id', 'seq'])
        .execute();
      await db.schema.createIndex('ledger_subject').on('ledger_entries').columns(['tenant_id', 'subject_type', 'subject_id']).execute();
      await db.schema.createIndex('ledger_action').on('ledger_entries').columns(['tenant_id', 'action']).execute();
    },
  },
  '002_kernel_jobs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('jobs')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('interval_ms', 'integer', (c) => c.notNull())
        .addColumn('next_run_at', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_run_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['tenant_id', 'scope', 'key'])
        .execute();
    },
  },
};

export interface TenantRow { id: string; slug: string; name: string; created_at: string }
export interface UserRow { id: string; email: string; name: string; password_hash: string | null; created_at: string }
export interface TeamRow { id: string; tenant_id: string; name: string; created_at: string }
export interface MembershipRow { tenant_id: string; user_id: string; roles: string; team_id: string | null; created_at: string }
export interface SessionRow { id_hash: string; user_id: string; tenant_id: string; created_at: string; expires_at: string }
export interface ApiTokenRow {
  id: string; tenant_id: string; user_id: string; name: string; prefix: string; secret_hash: string; roles: string;
  created_at: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null;
}
export interface LedgerHeadRow { tenant_id: string; seq: number; hash: string }
export interface LedgerEntryRow {
  tenant_id: string; seq: number; at: string; actor_kind: string; actor_id: string; actor_name: string; action: string;
  subject_type: string; subject_id: string; before: string | null; after: string | null; prev_hash: string; hash: string;
}
export interface JobRow {
  name: string; interval_ms: number; next_run_at: string; lease_owner: string | null; lease_until: string | null;
  last_run_at: string | null; last_error: string | null; runs: number;
}
export interface IdempotencyRow { tenant_id: string; key: string; scope: string; response: string; created_at: string }

declare module './db/tables.js' {
  interface Tables {
    tenants: TenantRow;
    users: UserRow;
    teams: TeamRow;
    memberships: MembershipRow;
    sessions: SessionRow;
    api_tokens: ApiTokenRow;
    ledger_heads: LedgerHeadRow;
    ledger_entries: LedgerEntryRow;
    jobs: JobRow;
    idempotency_keys: IdempotencyRow;
  }
}
