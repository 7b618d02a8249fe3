import type { Kysely } from 'kysely';
import type { MigrationSet } from '../kernel/db/migrations.js';

/** People and skilling (600-609), change management (610-619). */
export const peopleMigrations: MigrationSet = {
  '600_people_skilling': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('skill_role', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('value_stream_id', 'text')
        .addColumn('work_group', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('people_tenant_user', ['tenant_id', 'user_id'])
        .execute();
      await db.schema.createIndex('people_tenant_name').on('people').columns(['tenant_id', 'name', 'id']).execute();
      await db.schema
        .createTable('skill_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('task', 'text')
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('validity_days', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('skill_items_tenant_slug', ['tenant_id', 'slug'])
        .execute();
      await db.schema
        .createTable('skill_paths')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('required_for', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('skill_paths_tenant_slug', ['tenant_id', 'slug'])
        .execute();
      await db.schema
        .createTable('skill_completions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('item_slug', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('lab_attempt_id', 'text')
        .execute();
      await db.schema.createIndex('skill_completions_person').on('skill_completions').columns(['tenant_id', 'person_id', 'item_slug']).execute();
      await db.schema
        .createTable('lab_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('lab_slug', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('reviewer_id', 'text')
        .addColumn('reviewer_name', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('review_note', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lab_attempts_queue').on('lab_attempts').columns(['tenant_id', 'status', 'submitted_at']).execute();
    },
  },
  '610_people_change': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('change_plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('workflow_change', 'text', (c) => c.notNull())
        .addColumn('audiences', 'text', (c) => c.notNull())
        .addColumn('support', 'text', (c) => c.notNull())
        .addColumn('success_metrics', 'text', (c) => c.notNull())
        .addColumn('feedback_handling', 'text', (c) => c.notNull())
        .addColumn('communications', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('change_plans_use_case', ['tenant_id', 'use_case_id'])
        .execute();
      await db.schema
        .createTable('change_feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('satisfaction', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('given_by', 'text', (c) => c.notNull())
        .addColumn('given_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_feedback_use_case').on('change_feedback').columns(['tenant_id', 'use_case_id', 'given_at']).execute();
    },
  },
};

export interface PersonRow {
  id: string; tenant_id: string; user_id: string | null; name: string; email: string | null; skill_role: string; team_id: string | null;
  value_stream_id: string | null; work_group: string | null; created_at: string; updated_at: string; version: number;
}
export interface SkillItemRow {
  id: string; tenant_id: string; slug: string; kind: string; title: string; summary: string; task: string | null; minutes: number;
  validity_days: number | null; created_at: string; updated_at: string; version: number;
}
export interface SkillPathRow {
  id: string; tenant_id: string; slug: string; title: string; description: string; required_for: string; items: string;
  created_at: string; updated_at: string; version: number;
}
export interface SkillCompletionRow {
  id: string; tenant_id: string; person_id: string; item_slug: string; completed_at: string; expires_at: string | null; evidence: string;
  recorded_by: string; lab_attempt_id: string | null;
}
export interface LabAttemptRow {
  id: string; tenant_id: string; person_id: string; lab_slug: string; use_case_id: string; task: string; evidence: string; status: string;
  submitted_by: string; submitted_at: string; reviewer_id: string | null; reviewer_name: string | null; reviewed_at: string | null;
  review_note: string | null; version: number;
}
export interface ChangePlanRow {
  id: string; tenant_id: string; use_case_id: string; owner_id: string; workflow_change: string; audiences: string; support: string;
  success_metrics: string; feedback_handling: string; communications: string; created_at: string; updated_at: string; version: number;
}
export interface ChangeFeedbackRow {
  id: string; tenant_id: string; use_case_id: string; audience: string; satisfaction: number; comment: string; given_by: string; given_at: string;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    people: PersonRow;
    skill_items: SkillItemRow;
    skill_paths: SkillPathRow;
    skill_completions: SkillCompletionRow;
    lab_attempts: LabAttemptRow;
    change_plans: ChangePlanRow;
    change_feedback: ChangeFeedbackRow;
  }
}
