import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

/** Evaluation datasets and their content-hashed versions, evaluation and red-team runs, sign-offs and gate decisions. */
export const evalMigrations: MigrationSet = {
  '400_evaluations': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('eval_datasets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('use_case_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('eval_datasets_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('eval_dataset_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('dataset_id', 'text', (c) => c.notNull().references('eval_datasets.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('frozen_at', 'text')
        .addColumn('frozen_by', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('eval_dataset_versions_number', ['dataset_id', 'number'])
        .execute();
      await db.schema
        .createTable('eval_dataset_rows')
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('eval_dataset_rows_pk', ['version_id', 'position'])
        .execute();
      await db.schema
        .createTable('eval_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('release_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('dataset_version_id', 'text')
        .addColumn('dataset_hash', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('heartbeat_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('eval_runs_release').on('eval_runs').columns(['tenant_id', 'release_id', 'kind', 'created_at']).execute();
      await db.schema.createIndex('eval_runs_status').on('eval_runs').columns(['status', 'heartbeat_at']).execute();
      await db.schema
        .createTable('eval_case_results')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('output', 'text')
        .addColumn('scores', 'text')
        .addColumn('error', 'text')
        .addColumn('latency_ms', t.real, (c) => c.notNull())
        .addColumn('cost_usd', t.real)
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('event_id', 'text')
        .addPrimaryKeyConstraint('eval_case_results_pk', ['run_id', 'case_id'])
        .execute();
      await db.schema
        .createTable('red_team_probes')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('red_team_probes_pk', ['tenant_id', 'id'])
        .execute();
      await db.schema
        .createTable('release_sign_offs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('release_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text', (c) => c.notNull())
        .addColumn('signer_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('release_sign_offs_once', ['release_id', 'role', 'signed_by'])
        .execute();
      await db.schema
        .createTable('gate_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('release_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('pack', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('evaluated_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('gate_decisions_release').on('gate_decisions').columns(['tenant_id', 'release_id', 'created_at']).execute();
    },
  },
};

export interface EvalDatasetRow {
  id: string; tenant_id: string; use_case_id: string | null; name: string; kind: string; description: string; created_by: string; created_at: string;
}
export interface EvalDatasetVersionRow {
  id: string; tenant_id: string; dataset_id: string; number: number; content_hash: string; row_count: number; source: string;
  frozen_at: string | null; frozen_by: string | null; created_by: string; created_at: string; updated_at: string; version: number;
}
export interface EvalDatasetRowRow { version_id: string; position: number; tenant_id: string; case_id: string; body: string }
export interface EvalRunRow {
  id: string; tenant_id: string; use_case_id: string; release_id: string; kind: string; mode: string; dataset_version_id: string | null;
  dataset_hash: string | null; status: string; settings: string; total: number; done: number; failed: number; summary: string | null;
  error: string | null; created_by: string; created_at: string; finished_at: string | null; heartbeat_at: string; version: number;
}
export interface EvalCaseResultRow {
  run_id: string; case_id: string; tenant_id: string; output: string | null; scores: string | null; error: string | null; latency_ms: number;
  cost_usd: number | null; attempts: number; event_id: string | null;
}
export interface RedTeamProbeRow { tenant_id: string; id: string; body: string; updated_by: string; updated_at: string }
export interface ReleaseSignOffRow {
  id: string; tenant_id: string; release_id: string; role: string; signed_by: string; signer_name: string; note: string; created_at: string;
}
export interface GateDecisionRow {
  id: string; tenant_id: string; release_id: string; use_case_id: string; passed: number; tier: string; pack: string;
  decision: string; evidence: string; evaluated_by: string; created_at: string;
}

declare module '../kernel/db/tables.js' {
  interface Tables {
    eval_datasets: EvalDatasetRow;
    eval_dataset_versions: EvalDatasetVersionRow;
    eval_dataset_rows: EvalDatasetRowRow;
    eval_runs: EvalRunRow;
    eval_case_results: EvalCaseResultRow;
    red_team_probes: RedTeamProbeRow;
    release_sign_offs: ReleaseSignOffRow;
    gate_decisions: GateDecisionRow;
  }
}
