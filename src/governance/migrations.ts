import type { Kysely } from 'kysely';
import type { MigrationSet } from '../kernel/db/migrations.js';

/**
 * Approvals (one per attempted transition, with one request per role), control statuses and their evidence, and
 * exceptions that waive a control until they expire.
 */
export const governanceTables: MigrationSet = {
  '220_governance': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('from_stage', 'text', (c) => c.notNull())
        .addColumn('to_stage', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('policy_pack_version', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('close_reason', 'text')
        .execute();
      await db.schema.createIndex('approvals_use_case').on('approvals').columns(['tenant_id', 'use_case_id', 'status']).execute();
      await db.schema
        .createTable('approval_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('overdue_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('approval_requests_queue').on('approval_requests').columns(['tenant_id', 'status', 'due_at']).execute();
      await db.schema.createIndex('approval_requests_approval').on('approval_requests').columns(['approval_id']).execute();
      await db.schema
        .createTable('control_statuses')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('justification', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('control_statuses_pk', ['use_case_id', 'control'])
        .execute();
      await db.schema.createIndex('control_statuses_tenant').on('control_statuses').columns(['tenant_id', 'use_case_id']).execute();
      await db.schema
        .createTable('control_evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('file_name', 'text')
        .addColumn('file_sha256', 'text')
        .addColumn('file_bytes', 'integer')
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_by_name', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('control_evidence_use_case').on('control_evidence').columns(['tenant_id', 'use_case_id', 'control']).execute();
      await db.schema
        .createTable('control_exceptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('control_exceptions_use_case').on('control_exceptions').columns(['tenant_id', 'use_case_id', 'status']).execute();
      await db.schema.createIndex('control_exceptions_expiry').on('control_exceptions').columns(['status', 'expires_at']).execute();
    },
  },
};

export interface ApprovalRow {
  id: string; tenant_id: string; use_case_id: string; from_stage: string; to_stage: string; kind: string; tier: string; policy_pack_version: string;
  requested_by: string; requested_by_name: string; requested_at: string; due_at: string; status: string; closed_at: string | null; close_reason: string | null;
}
export interface ApprovalRequestRow {
  id: string; tenant_id: string; approval_id: string; use_case_id: string; role: string; status: string; due_at: string; overdue_at: string | null;
  decided_by: string | null; decided_by_name: string | null; decided_at: string | null; reason: string | null; version: number;
}
export interface ControlStatusRow {
  tenant_id: string; use_case_id: string; control: string; status: string; justification: string | null; updated_by: string; updated_at: string;
}
export interface ControlEvidenceRow {
  id: string; tenant_id: string; use_case_id: string; control: string; kind: string; title: string; url: string | null; file_name: string | null;
  file_sha256: string | null; file_bytes: number | null; added_by: string; added_by_name: string; added_at: string;
}
export interface ControlExceptionRow {
  id: string; tenant_id: string; use_case_id: string; control: string; rationale: string; days: number; status: string; requested_by: string;
  requested_by_name: string; requested_at: string; decided_by: string | null; decided_by_name: string | null; decided_at: string | null;
  decision_reason: string | null; expires_at: string; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    approvals: ApprovalRow;
    approval_requests: ApprovalRequestRow;
    control_statuses: ControlStatusRow;
    control_evidence: ControlEvidenceRow;
    control_exceptions: ControlExceptionRow;
  }
}
