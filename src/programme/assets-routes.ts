import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import { Asset, AssetCreate, AssetDecision, AssetDetail, AssetKind, AssetReuse, AssetReuseCreate, ASSET_STATUSES, AssetVersionCreate, ReuseSummary } from './assets-schema.js';
import type { AssetService } from './assets-service.js';

const Id = z.object({ id: z.string() });
const AssetQuery = PageQuery.extend({ kind: AssetKind.optional(), status: z.enum(ASSET_STATUSES).optional(), ownerId: z.string().optional() });

/** The reusable-asset library and reuse per use case. */
export function assetRoutes(app: ZodApp, assets: AssetService) {
  const tags = ['assets'];
  app.get('/api/v1/assets', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The reusable-asset library, by name, with reuse counts', querystring: AssetQuery, response: { 200: page(Asset) } },
  }, async (req) => assets.list(req.actor, req.query));

  app.post('/api/v1/assets', {
    preHandler: app.authorize('usecase:create'),
    schema: { tags, summary: 'Propose an asset for the library with its first version', body: AssetCreate, response: { 201: AssetDetail } },
  }, async (req, reply) => {
    const asset = await assets.create(req.actor, req.body);
    setEtag(reply, asset.version);
    return reply.code(201).header('location', `/api/v1/assets/${asset.id}`).send(asset);
  });

  app.get('/api/v1/assets/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'An asset with its versions and the use cases reusing it', params: Id, response: { 200: AssetDetail } },
  }, async (req, reply) => {
    const asset = await assets.get(req.actor, req.params.id);
    setEtag(reply, asset.version);
    return asset;
  });

  app.post('/api/v1/assets/:id/versions', {
    preHandler: app.authorize('usecase:create'),
    schema: { tags, summary: 'Publish a new version (the owner or a programme manager)', params: Id, body: AssetVersionCreate, response: { 201: AssetDetail } },
  }, async (req, reply) => {
    const asset = await assets.addVersion(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, asset.version);
    return reply.code(201).send(asset);
  });

  app.post('/api/v1/assets/:id/decision', {
    preHandler: app.authorize('programme:manage'),
    schema: { tags, summary: 'Accept an asset into the library as an approved pattern, or retire it', params: Id, body: AssetDecision, response: { 200: AssetDetail } },
  }, async (req, reply) => {
    const asset = await assets.decide(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, asset.version);
    return asset;
  });

  app.post('/api/v1/use-cases/:id/asset-reuses', {
    preHandler: app.authorize('usecase:update'),
    schema: { tags, summary: 'Record that this use case reuses an asset of the library', params: Id, body: AssetReuseCreate, response: { 201: AssetReuse } },
  }, async (req, reply) => reply.code(201).send(await assets.recordReuse(req.actor, req.params.id, req.body)));

  app.get('/api/v1/use-cases/:id/asset-reuses', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The assets this use case reuses', params: Id, response: { 200: z.object({ items: z.array(AssetReuse) }) } },
  }, async (req) => ({ items: await assets.reusesOf(req.actor, req.params.id) }));

  app.get('/api/v1/programme/reuse', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Reuse as a portfolio metric: assets, reuses, and the share of live use cases reusing one', response: { 200: ReuseSummary } },
  }, async (req) => assets.summary(req.actor));
}
