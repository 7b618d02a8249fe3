import type { Kysely } from 'kysely';
import { dialectOf, type MigrationSet, types } from '../kernel/db/migrations.js';

/** Gateway keys, per-call events, their ledger batches and the human review queue. */
export const gatewayMigrations: MigrationSet = {
  '310_gateway': {
    async up(db: Kysely<any>) {
      const t = types(dialectOf(db));
      await db.schema
        .createTable('gateway_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('rotated_to', 'text')
        .execute();
      await db.schema.createIndex('gateway_keys_use_case').on('gateway_keys').columns(['tenant_id', 'use_case_id']).execute();
      await db.schema
        .createTable('gateway_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text')
        .addColumn('release_id', 'text')
        .addColumn('endpoint_id', 'text')
        .addColumn('key_id', 'text')
        .addColumn('environment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('latency_ms', t.real, (c) => c.notNull())
        .addColumn('ttft_ms', t.real)
        .addColumn('tokens_in', 'integer', (c) => c.notNull())
        .addColumn('tokens_out', 'integer', (c) => c.notNull())
        .addColumn('cost_usd', t.real, (c) => c.notNull())
        .addColumn('end_user_id', 'text')
        .addColumn('end_user_role', 'text')
        .addColumn('end_user_verified', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('data_classes', 'text', (c) => c.notNull())
        .addColumn('redactions', 'integer', (c) => c.notNull())
        .addColumn('decisions', 'text', (c) => c.notNull())
        .addColumn('review_id', 'text')
        .addColumn('streamed', 'integer', (c) => c.notNull())
        .addColumn('prompt_sha256', 'text')
        .addColumn('answer_sha256', 'text')
        .addColumn('prompt_text', 'text')
        .addColumn('answer_text', 'text')
        .addColumn('purge_after', 'text')
        .addColumn('record_hash', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text')
        .addColumn('batch_index', 'integer')
        .execute();
      await db.schema.createIndex('gateway_events_batch').on('gateway_events').columns(['batch_id', 'batch_index']).execute();
      await db.schema.createIndex('gateway_events_use_case_at').on('gateway_events').columns(['tenant_id', 'use_case_id', 'at']).execute();
      await db.schema.createIndex('gateway_events_purge').on('gateway_events').columns(['purge_after']).execute();
      await db.schema
        .createTable('gateway_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('ledger_seq', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('review_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('use_case_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('data_classes', 'text', (c) => c.notNull())
        .addColumn('request_sealed', 'text')
        .addColumn('answer_sealed', 'text')
        .addColumn('final_sealed', 'text')
        .addColumn('key_id', 'text')
        .addColumn('webhook_url', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('purge_after', 'text')
        .execute();
      await db.schema
        .createTable('gateway_settings')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('end_user_jwks', 'text')
        .addColumn('end_user_issuer', 'text')
        .addColumn('end_user_audience', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('review_items_queue').on('review_items').columns(['tenant_id', 'status', 'created_at']).execute();
    },
  },
};

export interface GatewayKeyRow {
  id: string; tenant_id: string; use_case_id: string; environment: string; name: string; prefix: string; secret_hash: string; owner_id: string;
  created_by: string; created_at: string; expires_at: string | null; revoked_at: string | null; rotated_to: string | null;
}
export interface GatewayEventRow {
  id: string; tenant_id: string; use_case_id: string | null; release_id: string | null; endpoint_id: string | null; key_id: string | null;
  environment: string | null; at: string; kind: string; outcome: string; http_status: number; error_code: string | null; latency_ms: number;
  ttft_ms: number | null; tokens_in: number; tokens_out: number; cost_usd: number; end_user_id: string | null; end_user_role: string | null;
  end_user_verified: number; case_id: string | null; data_classes: string; redactions: number; decisions: string; review_id: string | null;
  streamed: number; prompt_sha256: string | null; answer_sha256: string | null; prompt_text: string | null; answer_text: string | null;
  purge_after: string | null; record_hash: string; batch_id: string | null; batch_index: number | null;
}
export interface GatewayBatchRow { id: string; tenant_id: string; at: string; count: number; root_hash: string; ledger_seq: number }
export interface ReviewItemRow {
  id: string; tenant_id: string; use_case_id: string; event_id: string; mode: string; status: string; reasons: string; data_classes: string;
  request_sealed: string | null; answer_sealed: string | null; final_sealed: string | null; key_id: string | null; webhook_url: string | null;
  created_at: string; decided_at: string | null; decided_by: string | null; decision_note: string | null; purge_after: string | null;
}

export interface GatewaySettingsRow { tenant_id: string; end_user_jwks: string | null; end_user_issuer: string | null; end_user_audience: string | null; updated_at: string }

declare module '../kernel/db/tables.js' {
  interface Tables {
    gateway_settings: GatewaySettingsRow;
    gateway_keys: GatewayKeyRow;
    gateway_events: GatewayEventRow;
    gateway_batches: GatewayBatchRow;
    review_items: ReviewItemRow;
  }
}
