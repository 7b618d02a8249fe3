import { z } from 'zod';
import type { Kernel } from '../kernel/context.js';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import { compiledSerializerCompiler, utf8Payload } from '../kernel/http/serializer.js';
import type { ZodApp } from '../kernel/http/server.js';
import { importInventory } from './importer.js';
import { exportCsv } from './inventory.js';
import { StageSchema, TierSchema, TransitionRequest, UseCase, UseCaseCreate, UseCaseListItem, UseCaseUpdate, ValueStream, ValueStreamCreate } from './schema.js';
import type { PortfolioService } from './service.js';
import { allowedTransitions } from './stages.js';

const Params = z.object({ id: z.string() });
const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional();

const ListQuery = PageQuery.extend({
  stage: csvList(StageSchema).describe('comma-separated stages'),
  tier: csvList(TierSchema).describe('comma-separated risk tiers'),
  valueStreamId: z.string().optional(),
  ownerId: z.string().optional(),
  q: z.string().max(100).optional().describe('text in the title'),
  orphaned: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')).describe('only orphaned experiments (no owner, no outcome metric, or idle for orphanDays), or only the others'),
  orphanDays: z.coerce.number().int().min(1).max(3650).optional().describe('days without activity that make an experiment orphaned (default 30)'),
  sort: z.enum(['priority', 'created', 'title']).default('priority'),
});

const ImportReport = z.object({
  dryRun: z.boolean(), total: z.number(), valid: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string().optional(), reason: z.string() })),
  imported: z.array(z.object({ line: z.number(), id: z.string(), title: z.string() })),
});

export function portfolioRoutes(app: ZodApp, k: Kernel, portfolio: PortfolioService) {
  const tags = ['portfolio'];
  app.get('/api/v1/use-cases', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The portfolio, ranked by priority score by default; each use case without the breakdown of its priority score', querystring: ListQuery, response: { 200: page(UseCaseListItem) } },
    // The hottest read: pages of up to 200 use cases (~1.5 KB each) are written by a serializer compiled from the
    // schema rather than checked by zod and then stringified, and encoded once; see serializer.ts for what that trades.
    serializerCompiler: compiledSerializerCompiler,
    onSend: utf8Payload,
  }, async (req) => {
    const { limit, cursor, sort, orphaned, orphanDays, ...filter } = req.query;
    return portfolio.list(req.actor, { ...filter, limit, cursor, sort, orphaned, orphanDays });
  });

  app.post('/api/v1/use-cases', {
    preHandler: app.authorize('usecase:create'),
    schema: { tags, summary: 'Admit a use case with its outcome statement; it starts in intake', body: UseCaseCreate, response: { 201: UseCase } },
  }, async (req, reply) => {
    const uc = await portfolio.create(req.actor, req.body);
    setEtag(reply, uc.version);
    return reply.code(201).header('location', `/api/v1/use-cases/${uc.id}`).send(uc);
  });

  app.get('/api/v1/use-cases/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'One use case', params: Params, response: { 200: UseCase.extend({ allowedTransitions: z.array(StageSchema) }) } },
  }, async (req, reply) => {
    const uc = await portfolio.get(req.actor, req.params.id);
    setEtag(reply, uc.version);
    return { ...uc, allowedTransitions: allowedTransitions(uc.stage, uc.suspendedFrom) };
  });

  app.patch('/api/v1/use-cases/:id', {
    preHandler: app.authorize('usecase:update'),
    schema: { tags, summary: 'Change a use case; send If-Match with the ETag you read to avoid overwriting others', params: Params, body: UseCaseUpdate, response: { 200: UseCase } },
  }, async (req, reply) => {
    const uc = await portfolio.update(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, uc.version);
    return uc;
  });

  app.post('/api/v1/use-cases/:id/transitions', {
    preHandler: app.authorize('usecase:transition'),
    schema: { tags, summary: 'Move a use case to another stage, through the guards its policy pack sets', params: Params, body: TransitionRequest, response: { 200: UseCase } },
  }, async (req, reply) => {
    const uc = await portfolio.transition(req.actor, req.params.id, req.body.to, { reason: req.body.reason, ifMatch: ifMatchVersion(req) });
    setEtag(reply, uc.version);
    return uc;
  });

  app.post('/api/v1/use-cases/import', {
    preHandler: app.authorize('usecase:import'),
    schema: {
      tags, summary: 'Import an inventory of existing pilots (CSV with a header row, or a JSON array); dryRun=true reports every bad row',
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'), format: z.enum(['csv', 'json']).optional() }),
      response: { 200: ImportReport },
    },
  }, async (req) => {
    const isCsv = req.query.format === 'csv' || (req.query.format === undefined && String(req.headers['content-type']).startsWith('text/csv'));
    const content = Buffer.isBuffer(req.body) ? req.body : Buffer.from(JSON.stringify(req.body ?? null));
    return importInventory(k, req.actor, { format: isCsv ? 'csv' : 'json', content, dryRun: req.query.dryRun });
  });

  app.get('/api/v1/use-cases/export', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The whole portfolio as CSV or JSON', querystring: z.object({ format: z.enum(['csv', 'json']).default('json') }) },
  }, async (req, reply) => {
    const all = await portfolio.all(req.actor);
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="use-cases.csv"').send(exportCsv(all));
    return reply.type('application/json').send(JSON.stringify(all));
  });

  app.get('/api/v1/value-streams', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Value streams and how many use cases each holds', response: { 200: z.object({ items: z.array(ValueStream) }) } },
  }, async (req) => ({ items: await portfolio.listValueStreams(req.actor) }));

  app.post('/api/v1/value-streams', {
    preHandler: app.authorize('valuestream:manage'),
    schema: { tags, summary: 'Add a value stream', body: ValueStreamCreate, response: { 201: ValueStream } },
  }, async (req, reply) => reply.code(201).send(await portfolio.createValueStream(req.actor, req.body)));
}
