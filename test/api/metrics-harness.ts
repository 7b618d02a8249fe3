import type { Response } from 'light-my-request';
import type { GatewayEventRow } from '../../src/gateway/migrations.js';
import type { CallRecord } from '../../src/gateway/recorder.js';
import type { MeasurementServices } from '../../src/metrics/index.js';
import type { Tier } from '../../src/portfolio/schema.js';
import type { PolicyPack } from '../../src/policy/schema.js';
import type { TestDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';

export interface MeasuredHarness extends Harness {
  m: MeasurementServices;
  /** Publishes acme's own version of a tier's pack, changed by `edit`; use cases screened or bound afterwards follow it. */
  publishPack(tier: Tier, edit: (pack: PolicyPack) => void): Promise<void>;
  /** Calls the management API (measurement routes included). */
  api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown): Promise<Response>;
  /** Records calls through the gateway's recorder and waits until they are committed and rolled up. */
  record(calls: Partial<GatewayEventRow>[]): Promise<void>;
  /** Moves the clock and runs the jobs that are due. */
  tick(ms?: number): Promise<string[]>;
  /** A governed use case of acme in `stage` with a risk tier. */
  useCase(tier: Tier, overrides?: Record<string, unknown>, stage?: string): Promise<string>;
}

export async function startMeasured(db: TestDb): Promise<MeasuredHarness> {
  const h = await startHarness(db);
  const k = h.charter.kernel;
  const measurement = h.charter.measurement;
  let seq = 0;
  const measured: MeasuredHarness = {
    ...h,
    m: measurement.services,
    async publishPack(tier, edit) {
      const headers = h.acme.headers.risk_reviewer;
      const draft = (await h.inject({ method: 'POST', url: '/api/v1/policy-packs', headers, payload: { tier } })).json();
      edit(draft.pack);
      const edited = await h.inject({ method: 'PUT', url: `/api/v1/policy-packs/${draft.id}`, headers: { ...headers, 'if-match': `"v${draft.version}"` }, payload: draft.pack });
      const published = await h.inject({ method: 'POST', url: `/api/v1/policy-packs/${draft.id}/publish`, headers: { ...headers, 'if-match': `"v${edited.json().version}"` } });
      if (published.statusCode !== 200) throw new Error(`publishing the ${tier} pack: ${published.statusCode} ${published.body}`);
    },
    api: (method, url, headers, payload) => h.charter.http.inject({ method, url, headers, ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }) }),
    async record(calls) {
      const recorder = h.charter.gateway.recorder;
      for (const call of calls) recorder.record(gatewayCall(h.acme.id, `ge_test_${++seq}`, h.clock.now(), call), false);
      await recorder.flush();
      await measurement.services.rollups.flush();
    },
    async tick(ms = 60_000) {
      h.clock.advance(ms);
      return k.scheduler.tick();
    },
    async useCase(tier, overrides = {}, stage = 'pilot') {
      const created = await measured.api('POST', '/api/v1/use-cases', h.acme.headers.business_owner, useCaseBody(h.acme.valueStreamId, overrides));
      if (created.statusCode !== 201) throw new Error(`the use case was not created: ${created.body}`);
      const id = created.json().id as string;
      await k.db.transaction().execute((tx) => h.charter.services.portfolio.setGovernance(tx, h.acme.actors.risk_reviewer, id, tier, null));
      // The lifecycle and its guards are the portfolio's to test; monitors need a live use case.
      await k.db.updateTable('use_cases').set({ stage }).where('id', '=', id).execute();
      return id;
    },
    close: () => h.close(),
  };
  return measured;
}

/** A gateway call record as the gateway writes it; tests vary what they need. */
export function gatewayCall(tenantId: string, id: string, at: Date, over: Partial<GatewayEventRow>): CallRecord {
  return {
    id, tenant_id: tenantId, use_case_id: null, release_id: null, endpoint_id: null, key_id: null, environment: 'pilot', at: at.toISOString(), kind: 'chat',
    outcome: 'ok', http_status: 200, error_code: null, latency_ms: 420, ttft_ms: 120, tokens_in: 300, tokens_out: 120, cost_usd: 0.002,
    end_user_id: null, end_user_role: null, end_user_verified: 0, case_id: null, data_classes: JSON.stringify({ sensitivity: 'internal', categories: [] }),
    redactions: 0, decisions: '[]', review_id: null, streamed: 0, prompt_sha256: null, answer_sha256: null, prompt_text: null, answer_text: null, purge_after: null,
    ...over,
  };
}
