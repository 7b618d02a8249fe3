import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { DatasetService } from './dataset-service.js';
import type { DatasetFormat } from './datasets/parse.js';
import type { GateService } from './gate-service.js';
import type { RedTeamService } from './red-team-service.js';
import type { EvalRunService } from './run-service.js';
import {
  CaseResult, Dataset, DatasetCreate, DatasetVersion, EvalRun, EvalRunCreate, GateDecision, OfflineRunQuery, Probes, ProbeSet, Progress,
  PromptfooImported, RedTeamRunCreate, RUN_KINDS, SignOff, SignOffCreate,
} from './schema.js';

export interface EvalServices {
  datasets: DatasetService;
  runs: EvalRunService;
  redTeam: RedTeamService;
  gates: GateService;
}

const Id = z.object({ id: z.string() });
const VersionParams = z.object({ id: z.string(), number: z.coerce.number().int().min(1) });
const FormatQuery = z.object({ format: z.enum(['jsonl', 'csv']).optional().describe('by default CSV when sent as text/csv, JSONL otherwise') });
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const RAW_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/yaml', 'application/x-yaml', 'text/yaml'];

const bodyText = (req: FastifyRequest) => (Buffer.isBuffer(req.body) ? req.body.toString('utf8') : typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''));
const formatOf = (req: FastifyRequest, format?: DatasetFormat): DatasetFormat => format ?? (String(req.headers['content-type']).startsWith('text/csv') ? 'csv' : 'jsonl');

/** Datasets, evaluation and red-team runs, sign-offs and release gates under /api/v1. Uploads are raw JSONL, CSV or YAML. */
export function evalRoutes(api: ZodApp, s: EvalServices): void {
  api.register(async (scoped) => {
    const missing = RAW_TYPES.filter((type) => !scoped.hasContentTypeParser(type));
    if (missing.length) scoped.addContentTypeParser(missing, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    routes(scoped.withTypeProvider<ZodTypeProvider>(), s);
  });
}

function routes(app: ZodApp, s: EvalServices): void {
  const tags = ['evaluations'];
  app.get('/api/v1/datasets', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Evaluation datasets with their versions, newest first', querystring: PageQuery.extend({ useCaseId: z.string().optional() }), response: { 200: page(Dataset) } },
  }, (req) => s.datasets.list(req.actor, req.query));

  app.post('/api/v1/datasets', {
    preHandler: app.authorize('eval:run'),
    schema: { tags, summary: 'Create an evaluation dataset of one task kind (classification, generation, rag); add rows as versions', body: DatasetCreate, response: { 201: Dataset } },
  }, async (req, reply) => reply.code(201).send(await s.datasets.create(req.actor, req.body)));

  app.post('/api/v1/datasets/import-promptfoo', {
    preHandler: app.authorize('eval:run'), bodyLimit: UPLOAD_LIMIT,
    schema: { tags, summary: 'Create a generation dataset from a promptfoo config (YAML body): prompts × tests with their deterministic assertions', querystring: z.object({ name: z.string().trim().min(2).max(100), useCaseId: z.string().optional() }), response: { 201: PromptfooImported } },
  }, async (req, reply) => reply.code(201).send(await s.datasets.importPromptfoo(req.actor, bodyText(req), req.query)));

  app.get('/api/v1/datasets/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'One dataset with its versions', params: Id, response: { 200: Dataset } },
  }, (req) => s.datasets.get(req.actor, req.params.id));

  app.post('/api/v1/datasets/:id/versions', {
    preHandler: app.authorize('eval:run'), bodyLimit: UPLOAD_LIMIT,
    schema: { tags, summary: 'Add a version from a JSONL or CSV body; every bad row is reported with its line and nothing is stored', params: Id, querystring: FormatQuery, response: { 201: DatasetVersion } },
  }, async (req, reply) => {
    const version = await s.datasets.addVersion(req.actor, req.params.id, bodyText(req), formatOf(req, req.query.format));
    setEtag(reply, version.version);
    return reply.code(201).send(version);
  });

  app.get('/api/v1/datasets/:id/versions/:number', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'One version: its content hash, row count and whether a gate decision froze it', params: VersionParams, response: { 200: DatasetVersion } },
  }, async (req, reply) => {
    const version = await s.datasets.version(req.actor, req.params.id, req.params.number);
    setEtag(reply, version.version);
    return version;
  });

  app.put('/api/v1/datasets/:id/versions/:number', {
    preHandler: app.authorize('eval:run'), bodyLimit: UPLOAD_LIMIT,
    schema: { tags, summary: 'Replace the rows of a version no gate decision relies on yet (a frozen one answers 409)', params: VersionParams, querystring: FormatQuery, response: { 200: DatasetVersion } },
  }, async (req, reply) => {
    const version = await s.datasets.replaceVersion(req.actor, req.params.id, req.params.number, bodyText(req), formatOf(req, req.query.format), ifMatchVersion(req));
    setEtag(reply, version.version);
    return version;
  });

  app.delete('/api/v1/datasets/:id/versions/:number', {
    preHandler: app.authorize('eval:run'),
    schema: { tags, summary: 'Delete a version that is neither frozen nor used by a run', params: VersionParams },
  }, async (req, reply) => {
    await s.datasets.deleteVersion(req.actor, req.params.id, req.params.number);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/datasets/:id/versions/:number/rows', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A version's rows in order, checked against its content hash (a tampered copy answers 409)", params: VersionParams, querystring: PageQuery, response: { 200: page(z.record(z.string(), z.unknown())) } },
  }, (req) => s.datasets.rowsPage(req.actor, req.params.id, req.params.number, req.query));

  app.post('/api/v1/releases/:id/eval-runs', {
    preHandler: app.authorize('eval:run'),
    schema: { tags, summary: 'Evaluate a release candidate on a dataset version through the gateway, in the background', params: Id, body: EvalRunCreate, response: { 202: EvalRun } },
  }, async (req, reply) => {
    const run = await s.runs.startEvaluation(req.actor, req.params.id, req.body);
    return reply.code(202).header('location', `/api/v1/eval-runs/${run.id}`).send(run);
  });

  app.post('/api/v1/releases/:id/eval-runs/offline', {
    preHandler: app.authorize('eval:run'), bodyLimit: UPLOAD_LIMIT,
    schema: { tags, summary: 'Score a JSONL file of predictions (id, output, optional scores) made elsewhere against a dataset version', params: Id, querystring: OfflineRunQuery, response: { 201: EvalRun } },
  }, async (req, reply) => reply.code(201).send(await s.runs.scoreOffline(req.actor, req.params.id, req.query, bodyText(req))));

  app.post('/api/v1/releases/:id/red-team-runs', {
    preHandler: app.authorize('eval:run'),
    schema: { tags, summary: "Attack a release candidate with the default suite and the tenant's probes, by OWASP LLM category", params: Id, body: RedTeamRunCreate, response: { 202: EvalRun } },
  }, async (req, reply) => {
    const run = await s.runs.startRedTeam(req.actor, req.params.id, req.body);
    return reply.code(202).header('location', `/api/v1/eval-runs/${run.id}`).send(run);
  });

  app.get('/api/v1/releases/:id/eval-runs', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A release's evaluation and red-team runs, newest first", params: Id, querystring: PageQuery.extend({ kind: z.enum(RUN_KINDS).optional() }), response: { 200: page(EvalRun) } },
  }, (req) => s.runs.list(req.actor, req.params.id, req.query));

  app.get('/api/v1/eval-runs/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'One run with its metrics and confidence intervals, or its attack success by category', params: Id, response: { 200: EvalRun } },
  }, (req) => s.runs.get(req.actor, req.params.id));

  app.get('/api/v1/eval-runs/:id/progress', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'How far a run has come', params: Id, response: { 200: Progress } },
  }, async (req) => (await s.runs.get(req.actor, req.params.id)).progress);

  app.get('/api/v1/eval-runs/:id/cases', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A run's stored case results", params: Id, querystring: PageQuery, response: { 200: page(CaseResult) } },
  }, (req) => s.runs.cases(req.actor, req.params.id, req.query));

  app.get('/api/v1/red-team/probes', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "The tenant's red-team probes and the default suite", response: { 200: Probes } },
  }, (req) => s.redTeam.probes(req.actor));

  app.put('/api/v1/red-team/probes', {
    preHandler: app.authorize('eval:run'),
    schema: { tags, summary: "Replace the tenant's red-team probes (templates with variants and a success detector)", body: ProbeSet, response: { 200: Probes } },
  }, (req) => s.redTeam.setProbes(req.actor, req.body.probes));

  app.post('/api/v1/releases/:id/sign-offs', {
    preHandler: app.authorize('gate:signoff'),
    schema: { tags, summary: 'Sign a release off in a role you hold; its creator cannot', params: Id, body: SignOffCreate, response: { 201: SignOff } },
  }, async (req, reply) => reply.code(201).send(await s.gates.signOff(req.actor, req.params.id, req.body)));

  app.get('/api/v1/releases/:id/sign-offs', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A release's sign-offs", params: Id, response: { 200: z.object({ items: z.array(SignOff) }) } },
  }, async (req) => ({ items: await s.gates.signOffs(req.actor, req.params.id) }));

  app.post('/api/v1/releases/:id/gate', {
    preHandler: app.authorize('gate:evaluate'),
    schema: { tags, summary: "Decide the release gate: the tier's criteria against the release's evidence, kept as a decision record", params: Id, response: { 201: GateDecision } },
  }, async (req, reply) => reply.code(201).send(await s.gates.evaluate(req.actor, req.params.id)));

  app.get('/api/v1/releases/:id/gate-decisions', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A release's gate decisions, newest first", params: Id, response: { 200: z.object({ items: z.array(GateDecision) }) } },
  }, async (req) => ({ items: await s.gates.decisions(req.actor, req.params.id) }));

  app.get('/api/v1/gate-decisions/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'One gate decision; format=junit gives JUnit XML for CI', params: Id, querystring: z.object({ format: z.enum(['json', 'junit']).default('json') }) },
  }, async (req, reply) => {
    if (req.query.format === 'junit') return reply.type('application/xml; charset=utf-8').send(await s.gates.junit(req.actor, req.params.id));
    return reply.type('application/json').send(GateDecision.parse(await s.gates.decision(req.actor, req.params.id)));
  });
}
