import type { Kysely } from 'kysely';
import type { MigrationSet } from '../kernel/db/migrations.js';

/** Screenings (answers, the questionnaire version they answered and the full result with its trace) and reviewer overrides. */
export const riskMigrations: MigrationSet = {
  '200_risk_screenings': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('risk_screenings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('policy_pack_version', 'text', (c) => c.notNull())
        .addColumn('screened_by', 'text', (c) => c.notNull())
        .addColumn('screened_by_name', 'text', (c) => c.notNull())
        .addColumn('screened_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('risk_screenings_use_case_number', ['use_case_id', 'number'])
        .execute();
      await db.schema.createIndex('risk_screenings_tenant').on('risk_screenings').columns(['tenant_id', 'use_case_id']).execute();
      await db.schema
        .createTable('risk_overrides')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text', (c) => c.notNull().references('use_cases.id'))
        .addColumn('screening_id', 'text', (c) => c.notNull().references('risk_screenings.id'))
        .addColumn('from_tier', 'text', (c) => c.notNull())
        .addColumn('to_tier', 'text', (c) => c.notNull())
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('overridden_by', 'text', (c) => c.notNull())
        .addColumn('overridden_by_name', 'text', (c) => c.notNull())
        .addColumn('overridden_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_overrides_screening').on('risk_overrides').columns(['tenant_id', 'screening_id']).execute();
    },
  },
};

export interface RiskScreeningRow {
  id: string; tenant_id: string; use_case_id: string; number: number; questionnaire_version: number; answers: string; result: string;
  tier: string; policy_pack_version: string; screened_by: string; screened_by_name: string; screened_at: string;
}
export interface RiskOverrideRow {
  id: string; tenant_id: string; use_case_id: string; screening_id: string; from_tier: string; to_tier: string; justification: string;
  overridden_by: string; overridden_by_name: string; overridden_at: string;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    risk_screenings: RiskScreeningRow;
    risk_overrides: RiskOverrideRow;
  }
}
