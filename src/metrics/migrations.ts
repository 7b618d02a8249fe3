import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

/** The metric registry, pushed observations, review acknowledgements, gateway rollups, feedback, drift samples, monitors. */
export const measurementMigrations: MigrationSet = {
  '500_metric_registry': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('metric_definitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('layer', 'text', (c) => c.notNull())
        .addColumn('adoption', 'integer', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('baseline', t.real)
        .addColumn('target', t.real)
        .addColumn('warning', t.real, (c) => c.notNull())
        .addColumn('critical', t.real, (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('review_cadence', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('aggregation', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('metric_definitions_tenant_key', ['tenant_id', 'key'])
        .execute();
      await db.schema
        .createTable('metric_links')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('metric_id', 'text', (c) => c.notNull().references('metric_definitions.id').onDelete('cascade'))
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_links_pk', ['metric_id', 'use_case_id'])
        .execute();
      await db.schema.createIndex('metric_links_use_case').on('metric_links').columns(['tenant_id', 'use_case_id']).execute();
      await db.schema
        .createTable('metric_observations')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('metric_key', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('value', t.real, (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_observations_pk', ['tenant_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('metric_observations_series').on('metric_observations').columns(['tenant_id', 'metric_key', 'use_case_id', 'at']).execute();
      await db.schema
        .createTable('metric_acknowledgements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('metric_key', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('metric_acknowledgements_metric').on('metric_acknowledgements').columns(['tenant_id', 'metric_key', 'at']).execute();
    },
  },
  '510_metric_rollups': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      let table = db.schema
        .createTable('metric_rollups')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('release_id', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('start', 'text', (c) => c.notNull());
      for (const column of COUNTER_COLUMNS) table = table.addColumn(column, REAL_COUNTERS.has(column) ? t.real : t.bigint, (c) => c.notNull());
      for (const column of SKETCH_COLUMNS) table = table.addColumn(column, 'text', (c) => c.notNull());
      await table.addPrimaryKeyConstraint('metric_rollups_pk', ['tenant_id', 'use_case_id', 'resolution', 'start', 'release_id']).execute();
      // Covers sums over a range: scorecards and cost add counters without reading a row's sketches.
      await db.schema.createIndex('metric_rollups_counters').on('metric_rollups').columns(['tenant_id', 'resolution', 'use_case_id', 'start', ...COUNTER_COLUMNS]).execute();
      // Counters per use case and UTC month, added to as day rows are: long ranges read a few rows per use case.
      let months = db.schema
        .createTable('metric_rollup_months')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull());
      for (const column of COUNTER_COLUMNS) months = months.addColumn(column, REAL_COUNTERS.has(column) ? t.real : t.bigint, (c) => c.notNull());
      await months.addPrimaryKeyConstraint('metric_rollup_months_pk', ['tenant_id', 'month', 'use_case_id']).execute();
      await db.schema
        .createTable('drift_samples')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('latency_ms', t.real, (c) => c.notNull())
        .addColumn('tokens_in', 'integer', (c) => c.notNull())
        .addColumn('data_class', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('drift_samples_window').on('drift_samples').columns(['tenant_id', 'use_case_id', 'at']).execute();
      await db.schema
        .createTable('response_feedback')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('release_id', 'text')
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('response_feedback_pk', ['tenant_id', 'event_id'])
        .execute();
    },
  },
  '520_monitors': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('monitor_states')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('metric_key', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('since', 'text')
        .addColumn('pending', 'text')
        .addColumn('value', t.real)
        .addColumn('samples', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('evaluated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitor_states_pk', ['tenant_id', 'use_case_id', 'metric_key'])
        .execute();
      await db.schema
        .createTable('use_case_throttles')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('fraction', t.real, (c) => c.notNull())
        .addColumn('requests_per_minute', 'integer', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('use_case_throttles_pk', ['tenant_id', 'use_case_id'])
        .execute();
      await db.schema
        .createTable('alert_settings')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_urls', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

/** Rollup counters as columns (so SQL can add up cost or calls per team without decoding), in RollupCounters order. */
export const COUNTER_COLUMNS = [
  'requests', 'errors', 'server_errors', 'blocked', 'redacted', 'reviewed', 'overridden', 'ledgered',
  'tokens_in', 'tokens_out', 'cost_usd', 'case_cost_usd', 'feedback_count', 'feedback_score_sum',
] as const;
const REAL_COUNTERS: ReadonlySet<string> = new Set(['cost_usd', 'case_cost_usd', 'feedback_score_sum']);
export const SKETCH_COLUMNS = ['latency_sketch', 'ttft_sketch', 'end_users', 'verified_users_by_role', 'unverified_users', 'cases'] as const;

export interface MetricDefinitionRow {
  id: string; tenant_id: string; key: string; name: string; description: string; layer: string; adoption: number; unit: string; direction: string;
  baseline: number | null; target: number | null; warning: number; critical: number; owner: string; review_cadence: string; source: string;
  aggregation: string; created_at: string; updated_at: string; version: number;
}
export interface MetricLinkRow { tenant_id: string; metric_id: string; use_case_id: string }
export interface ObservationRow {
  tenant_id: string; idempotency_key: string; metric_key: string; use_case_id: string; at: string; value: number; unit: string; fingerprint: string; received_at: string;
}
export interface AcknowledgementRow { id: string; tenant_id: string; metric_key: string; actor_id: string; comment: string; at: string }
export type RollupRow = { tenant_id: string; use_case_id: string; release_id: string; resolution: string; start: string } & Record<(typeof COUNTER_COLUMNS)[number], number> &
  Record<(typeof SKETCH_COLUMNS)[number], string>;
export type RollupMonthRow = { tenant_id: string; use_case_id: string; month: string } & Record<(typeof COUNTER_COLUMNS)[number], number>;
export interface DriftSampleRow { tenant_id: string; use_case_id: string; at: string; latency_ms: number; tokens_in: number; data_class: string; outcome: string }
export interface FeedbackRow { tenant_id: string; event_id: string; use_case_id: string; release_id: string | null; score: number; comment: string | null; at: string }
export interface MonitorStateRow {
  tenant_id: string; use_case_id: string; metric_key: string; state: string; since: string | null; pending: string | null; value: number | null;
  samples: number; reason: string; detail: string | null; evaluated_at: string;
}
export interface ThrottleRow { tenant_id: string; use_case_id: string; incident_id: string; fraction: number; requests_per_minute: number; since: string }
export interface AlertSettingsRow { tenant_id: string; webhook_urls: string; updated_at: string; version: number }

declare module '../kernel/db/tables.js' {
  interface Tables {
    metric_definitions: MetricDefinitionRow;
    metric_links: MetricLinkRow;
    metric_observations: ObservationRow;
    metric_acknowledgements: AcknowledgementRow;
    metric_rollups: RollupRow;
    metric_rollup_months: RollupMonthRow;
    drift_samples: DriftSampleRow;
    response_feedback: FeedbackRow;
    monitor_states: MonitorStateRow;
    use_case_throttles: ThrottleRow;
    alert_settings: AlertSettingsRow;
  }
}
