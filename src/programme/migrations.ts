import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

/** Reusable assets (650), the portfolio forum (660) and the 90-day programme (670). */
export const programmeMigrations: MigrationSet = {
  '650_programme_assets': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('assets_tenant_kind_name', ['tenant_id', 'kind', 'name'])
        .execute();
      await db.schema
        .createTable('asset_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('change_note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('asset_versions_number', ['asset_id', 'number'])
        .execute();
      await db.schema
        .createTable('asset_reuses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addColumn('version_number', 'integer', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('asset_reuses_once', ['tenant_id', 'asset_id', 'use_case_id'])
        .execute();
    },
  },
  '660_programme_forum': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('review_cadences')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('every_months', 'integer', (c) => c.notNull())
        .addColumn('day_of_month', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('portfolio_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('pack', 'text', (c) => c.notNull())
        .addColumn('markdown', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('generated_by', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('portfolio_reviews_period').on('portfolio_reviews').columns(['tenant_id', 'period_to', 'trigger']).execute();
      await db.schema
        .createTable('forum_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('review_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('funding_ask_id', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_name', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('forum_decisions_use_case').on('forum_decisions').columns(['tenant_id', 'use_case_id']).execute();
      await db.schema
        .createTable('funding_asks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('amount', t.real, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decision_id', 'text')
        .execute();
      await db.schema
        .createTable('lessons_learned')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lesson', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '670_programme_plan': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('programme_plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().unique().references('tenants.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('programme_milestones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('phase', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('manual_status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('programme_milestones_key', ['plan_id', 'key'])
        .execute();
    },
  },
};

export interface AssetRow {
  id: string; tenant_id: string; kind: string; name: string; description: string; owner_id: string; status: string; latest_version: number;
  accepted_at: string | null; created_at: string; updated_at: string; version: number;
}
export interface AssetVersionRow { id: string; tenant_id: string; asset_id: string; number: number; location: string; change_note: string; created_by: string; created_at: string }
export interface AssetReuseRow { id: string; tenant_id: string; asset_id: string; version_number: number; use_case_id: string; note: string; recorded_by: string; recorded_at: string }
export interface ReviewCadenceRow { tenant_id: string; every_months: number; day_of_month: number; updated_at: string; version: number }
export interface PortfolioReviewRow {
  id: string; tenant_id: string; period_from: string; period_to: string; trigger: string; pack: string; markdown: string; html: string;
  generated_by: string; generated_at: string;
}
export interface ForumDecisionRow {
  id: string; tenant_id: string; review_id: string; use_case_id: string; kind: string; summary: string; funding_ask_id: string | null;
  recorded_by: string; recorded_by_name: string; decided_at: string;
}
export interface FundingAskRow {
  id: string; tenant_id: string; use_case_id: string; amount: number; currency: string; purpose: string; status: string; requested_by: string;
  requested_at: string; decided_at: string | null; decision_id: string | null;
}
export interface LessonRow { id: string; tenant_id: string; use_case_id: string; kind: string; lesson: string; recorded_by: string; recorded_at: string }
export interface ProgrammePlanRow { id: string; tenant_id: string; title: string; starts_on: string; created_by: string; created_at: string }
export interface MilestoneRow {
  id: string; tenant_id: string; plan_id: string; phase: number; key: string; title: string; owner_id: string; due_on: string; manual_status: string;
  note: string; updated_at: string; version: number;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    assets: AssetRow;
    asset_versions: AssetVersionRow;
    asset_reuses: AssetReuseRow;
    review_cadences: ReviewCadenceRow;
    portfolio_reviews: PortfolioReviewRow;
    forum_decisions: ForumDecisionRow;
    funding_asks: FundingAskRow;
    lessons_learned: LessonRow;
    programme_plans: ProgrammePlanRow;
    programme_milestones: MilestoneRow;
  }
}
