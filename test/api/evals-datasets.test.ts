import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';
import { client, createDataset, type EvalFixture, evalFixture, ticketsJsonl } from './evals-fixtures.js';

describeEachDb('evaluation datasets over HTTP', (db) => {
  let h: Harness;
  let call: ReturnType<typeof client>;
  let fx: EvalFixture;
  let releaseId: string;

  beforeAll(async () => {
    h = await startHarness(db);
    call = client(h);
    fx = await evalFixture(h, h.acme, 'minimal');
    releaseId = await fx.release('r1', await fx.endpoint('sim-datasets', {}));
  });
  afterAll(async () => h?.close());

  it('imports JSONL and CSV into content-hashed versions, the same rows giving the same hash', async () => {
    const jsonlId = await createDataset(h, h.acme, 'tickets-jsonl', '{"id":"a","input":"Refund please","label":"billing"}\n{"id":"b","input":"Site down","label":"outage"}\n', fx.useCaseId);
    const csv = await call('POST', '/api/v1/datasets', h.acme.headers.builder, { name: 'tickets-csv', kind: 'classification' });
    const version = await call('POST', `/api/v1/datasets/${csv.json().id}/versions`, h.acme.headers.builder, 'id,input,label\na,Refund please,billing\nb,Site down,outage\n', 'text/csv');
    expect(version.statusCode).toBe(201);
    expect(version.json()).toMatchObject({ number: 1, rows: 2, source: 'csv', frozen: false });
    const fromJsonl = (await call('GET', `/api/v1/datasets/${jsonlId}`, h.acme.headers.viewer)).json();
    expect(fromJsonl.versions[0].contentHash).toBe(version.json().contentHash);
    const rows = await call('GET', `/api/v1/datasets/${jsonlId}/versions/1/rows?limit=1`, h.acme.headers.viewer);
    expect(rows.json().items).toEqual([{ id: 'a', input: 'Refund please', label: 'billing' }]);
    const next = await call('GET', `/api/v1/datasets/${jsonlId}/versions/1/rows?limit=1&cursor=${rows.json().nextCursor}`, h.acme.headers.viewer);
    expect(next.json()).toEqual({ items: [{ id: 'b', input: 'Site down', label: 'outage' }], nextCursor: null });
  });

  it('reports every bad row with its line and field, and stores nothing', async () => {
    const ds = await call('POST', '/api/v1/datasets', h.acme.headers.builder, { name: 'broken', kind: 'classification' });
    const bad = await call('POST', `/api/v1/datasets/${ds.json().id}/versions`, h.acme.headers.builder, '{"input":"ok","label":"x"}\n{"input":""}\nnot json\n', 'application/x-ndjson');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['line 2: input', 'line 2: label', 'line 3']);
    expect((await call('GET', `/api/v1/datasets/${ds.json().id}`, h.acme.headers.viewer)).json().versions).toEqual([]);
  });

  it('freezes a version once a gate decision relies on it: changes answer 409, a new version is still welcome', async () => {
    const datasetId = await createDataset(h, h.acme, 'frozen-set', ticketsJsonl(40), fx.useCaseId);
    const predictions = ticketsJsonl(40).trim().split('\n').map((line) => JSON.stringify({ id: JSON.parse(line).id, output: JSON.parse(line).label })).join('\n');
    const run = await call('POST', `/api/v1/releases/${releaseId}/eval-runs/offline?datasetId=${datasetId}`, h.acme.headers.builder, predictions, 'application/x-ndjson');
    expect(run.statusCode).toBe(201);
    expect(run.json().summary.metrics.f1.value).toBe(1);
    const unfrozen = await call('PUT', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.builder, ticketsJsonl(40), 'application/x-ndjson');
    expect(unfrozen.statusCode).toBe(200);
    const gate = await call('POST', `/api/v1/releases/${releaseId}/gate`, h.acme.headers.builder);
    expect(gate.statusCode).toBe(201);
    expect(gate.json().passed).toBe(true);
    const version = (await call('GET', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.viewer)).json();
    expect(version).toMatchObject({ frozen: true, frozenBy: gate.json().id });

    const replace = await call('PUT', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.builder, ticketsJsonl(41), 'application/x-ndjson');
    expect(replace.statusCode).toBe(409);
    expect(replace.headers['content-type']).toContain('application/problem+json');
    expect(replace.json().detail).toContain('is frozen');
    expect((await call('DELETE', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.builder)).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.viewer)).json().contentHash).toBe(version.contentHash);
    const added = await call('POST', `/api/v1/datasets/${datasetId}/versions`, h.acme.headers.builder, ticketsJsonl(41), 'application/x-ndjson');
    expect(added.json()).toMatchObject({ number: 2, frozen: false });
  });

  it('detects a tampered stored copy on load and refuses to use it', async () => {
    const datasetId = await createDataset(h, h.acme, 'tampered-set', ticketsJsonl(5));
    const version = (await call('GET', `/api/v1/datasets/${datasetId}/versions/1`, h.acme.headers.viewer)).json();
    await h.charter.kernel.db.updateTable('eval_dataset_rows').set({ body: JSON.stringify({ id: 'c2', input: 'Ticket 2: The site is down', label: 'billing' }) })
      .where('version_id', '=', version.id).where('case_id', '=', 'c2').execute();
    const rows = await call('GET', `/api/v1/datasets/${datasetId}/versions/1/rows`, h.acme.headers.viewer);
    expect(rows.statusCode).toBe(409);
    expect(rows.json()).toMatchObject({ type: 'https://charter.dev/problems/dataset-tampered', expected: version.contentHash });
    expect(rows.json().detail).toContain('changed outside Charter');
    const run = await call('POST', `/api/v1/releases/${releaseId}/eval-runs`, h.acme.headers.builder, { datasetId });
    expect(run.statusCode).toBe(409);
    expect(run.json().type).toBe('https://charter.dev/problems/dataset-tampered');
  });

  it('brings a promptfoo suite over as a generation dataset, listing what it could not', async () => {
    const yaml = [
      'description: Refund answers', 'prompts: ["Answer the customer: {{question}}"]', 'providers: [openai:gpt-4o-mini]',
      'tests:', '  - vars: { question: Can I get a refund? }', '    assert:', '      - { type: icontains, value: refund }', '      - { type: llm-rubric, value: polite }',
    ].join('\n');
    const res = await call('POST', '/api/v1/datasets/import-promptfoo?name=refunds', h.acme.headers.builder, yaml, 'application/yaml');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ dataset: { name: 'refunds', kind: 'generation', versions: [{ number: 1, rows: 1, source: 'promptfoo' }] }, prompts: 1, providers: ['openai:gpt-4o-mini'] });
    expect(res.json().unsupported[0]).toMatchObject({ test: 1, assertion: 2, type: 'llm-rubric' });

    // Named for a use case, it is that use case's dataset (checked inside the import's transaction), or a 404 for another tenant's.
    const ofUseCase = await call('POST', `/api/v1/datasets/import-promptfoo?name=refunds-of-use-case&useCaseId=${fx.useCaseId}`, h.acme.headers.builder, yaml, 'application/yaml');
    expect(ofUseCase.statusCode).toBe(201);
    expect(ofUseCase.json().dataset.useCaseId).toBe(fx.useCaseId);
    const listed = await call('GET', `/api/v1/datasets?useCaseId=${fx.useCaseId}`, h.acme.headers.viewer);
    expect(listed.json().items.map((d: { name: string }) => d.name)).toContain('refunds-of-use-case');
    const foreign = await call('POST', `/api/v1/datasets/import-promptfoo?name=refunds-foreign&useCaseId=${fx.useCaseId}`, h.globex.headers.builder, yaml, 'application/yaml');
    expect(foreign.statusCode).toBe(404);
  });

  it('keeps datasets to their tenant and their changes to the roles that may run evaluations', async () => {
    const datasetId = await createDataset(h, h.acme, 'private-set', ticketsJsonl(3));
    expect((await call('GET', `/api/v1/datasets/${datasetId}`, h.globex.headers.viewer)).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/datasets/${datasetId}/versions`, h.globex.headers.builder, ticketsJsonl(3), 'application/x-ndjson')).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/datasets/${datasetId}/versions`, h.acme.headers.viewer, ticketsJsonl(3), 'application/x-ndjson')).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/datasets', h.globex.headers.viewer)).json().items).toEqual([]);
  });
});
