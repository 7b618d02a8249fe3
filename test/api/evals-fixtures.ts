import { expect, vi } from 'vitest';
import type { Tier } from '../../src/portfolio/schema.js';
import { type Harness, type TenantFixture, useCaseBody } from '../support/harness.js';

/** What the evaluation tests build on: a governed use case with a simulated endpoint and a classification prompt. */
export interface EvalFixture {
  useCaseId: string;
  promptVersionId: string;
  endpoint(name: string, simulated: { mode?: 'safe' | 'vulnerable'; accuracy?: number }): Promise<string>;
  release(name: string, endpointId: string): Promise<string>;
}

export const LABELS = ['billing', 'outage', 'other'] as const;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function client(h: Harness) {
  return async (method: Method, url: string, headers: Record<string, string>, payload?: unknown, contentType?: string) =>
    h.inject({
      method, url,
      headers: contentType ? { ...headers, 'content-type': contentType } : headers,
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : (payload as object) }),
    });
}

/** `n` support tickets, each labelled; ids c1…cn. */
export function ticketsJsonl(n: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(JSON.stringify({ id: `c${i}`, input: `Ticket ${i}: ${['I was charged twice', 'The site is down', 'Where is my parcel?'][i % 3]}`, label: LABELS[i % 3] }));
  return `${lines.join('\n')}\n`;
}

/** A use case screened into `tier`, with a rollback plan, a classification prompt, and helpers for endpoints and releases. */
export async function evalFixture(h: Harness, t: TenantFixture, tier: Tier, title = 'Support ticket routing'): Promise<EvalFixture> {
  const call = client(h);
  const body = useCaseBody(t.valueStreamId, { title, readiness: { dataSources: ['ticket archive'], humanOversight: ['agents review routing'], rollbackPlan: 'Reactivate the previous release.' } });
  const uc = await call('POST', '/api/v1/use-cases', t.headers.business_owner, body);
  expect(uc.statusCode).toBe(201);
  const useCaseId = uc.json().id as string;
  await h.charter.kernel.db.transaction().execute((tx) => h.charter.services.portfolio.setGovernance(tx, t.actors.risk_reviewer, useCaseId, tier, null));
  const prompt = await call('POST', '/api/v1/prompt-templates', t.headers.builder, {
    name: `${title} prompt`, useCaseId,
    firstVersion: { system: `Classify the support ticket.\nLabels: ${LABELS.join(', ')}\nAnswer with the label only.`, variables: [], changeNote: 'first version' },
  });
  expect(prompt.statusCode).toBe(201);
  return {
    useCaseId,
    promptVersionId: prompt.json().versions[0].id,
    async endpoint(name, simulated) {
      const ep = await call('POST', '/api/v1/model-endpoints', t.headers.platform_admin, {
        name, provider: 'simulated', model: 'charter-sim', region: 'eu-west', approvedTiers: ['high', 'limited', 'minimal'],
        allowedDataClasses: { maxSensitivity: 'confidential', categories: ['personal'] }, pricePer1kInput: 0.5, pricePer1kOutput: 1.5,
        simulated: { mode: simulated.mode ?? 'safe', accuracy: simulated.accuracy ?? 0.95 },
      });
      expect(ep.statusCode).toBe(201);
      return ep.json().id as string;
    },
    async release(name, endpointId) {
      const r = await call('POST', `/api/v1/use-cases/${useCaseId}/releases`, t.headers.builder, { name, endpointId, promptVersionId: prompt.json().versions[0].id });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    },
  };
}

/** Creates a dataset with one version from a JSONL body; returns the dataset id. */
export async function createDataset(h: Harness, t: TenantFixture, name: string, jsonl: string, useCaseId?: string, kind = 'classification'): Promise<string> {
  const call = client(h);
  const ds = await call('POST', '/api/v1/datasets', t.headers.builder, { name, kind, ...(useCaseId ? { useCaseId } : {}) });
  expect(ds.statusCode).toBe(201);
  const v = await call('POST', `/api/v1/datasets/${ds.json().id}/versions`, t.headers.builder, jsonl, 'application/x-ndjson');
  expect(v.statusCode).toBe(201);
  return ds.json().id as string;
}

/** Waits, by asking the progress endpoint as the CLI does, until a run has ended; returns the finished run. */
export async function finished(h: Harness, t: TenantFixture, runId: string) {
  const call = client(h);
  await vi.waitFor(async () => {
    const progress = (await call('GET', `/api/v1/eval-runs/${runId}/progress`, t.headers.viewer)).json();
    expect(['completed', 'failed']).toContain(progress.status);
  }, { timeout: 20_000, interval: 10 });
  return (await call('GET', `/api/v1/eval-runs/${runId}`, t.headers.viewer)).json();
}
