import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { CatalogueService } from './catalogue.js';
import type { PromptService } from './prompts.js';
import { ActivateRequest, CanaryRequest, Endpoint, EndpointCreate, EndpointUpdate, PromptTemplate, PromptTemplateCreate, PromptVersion, PromptVersionCreate, Release, ReleaseCreate, RollbackRequest, Slot } from './schema.js';
import type { ReleaseService } from './service.js';

const Id = z.object({ id: z.string() });

export function releaseRoutes(app: ZodApp, catalogue: CatalogueService, prompts: PromptService, releases: ReleaseService) {
  app.get('/api/v1/model-endpoints', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags: ['catalogue'], summary: 'The model catalogue (credentials are never returned)', response: { 200: z.object({ items: z.array(Endpoint) }) } },
  }, async (req) => ({ items: await catalogue.list(req.actor) }));

  app.post('/api/v1/model-endpoints', {
    preHandler: app.authorize('catalogue:manage'),
    schema: { tags: ['catalogue'], summary: 'Add an approved model endpoint', body: EndpointCreate, response: { 201: Endpoint } },
  }, async (req, reply) => reply.code(201).send(await catalogue.create(req.actor, req.body)));

  app.get('/api/v1/model-endpoints/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags: ['catalogue'], summary: 'One endpoint', params: Id, response: { 200: Endpoint } },
  }, async (req, reply) => {
    const ep = await catalogue.get(req.actor, req.params.id);
    setEtag(reply, ep.version);
    return ep;
  });

  app.patch('/api/v1/model-endpoints/:id', {
    preHandler: app.authorize('catalogue:manage'),
    schema: { tags: ['catalogue'], summary: 'Change an endpoint: status (approved, deprecated, blocked), tiers, prices, credential', params: Id, body: EndpointUpdate, response: { 200: Endpoint } },
  }, async (req, reply) => {
    const ep = await catalogue.update(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, ep.version);
    return ep;
  });

  app.get('/api/v1/prompt-templates', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags: ['releases'], summary: 'Prompt templates with their versions', querystring: z.object({ useCaseId: z.string().optional() }), response: { 200: z.object({ items: z.array(PromptTemplate) }) } },
  }, async (req) => ({ items: await prompts.list(req.actor, req.query.useCaseId) }));

  app.post('/api/v1/prompt-templates', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Create a prompt template with its first version', body: PromptTemplateCreate, response: { 201: PromptTemplate } },
  }, async (req, reply) => reply.code(201).send(await prompts.create(req.actor, req.body)));

  app.post('/api/v1/prompt-templates/:id/versions', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Add a version (a change is always a new version)', params: Id, body: PromptVersionCreate, response: { 201: PromptVersion } },
  }, async (req, reply) => reply.code(201).send(await prompts.addVersion(req.actor, req.params.id, req.body)));

  app.get('/api/v1/use-cases/:id/releases', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags: ['releases'], summary: "A use case's releases and its pilot and production slots", params: Id, response: { 200: z.object({ items: z.array(Release), slots: z.array(Slot) }) } },
  }, async (req) => releases.list(req.actor, req.params.id));

  app.post('/api/v1/use-cases/:id/releases', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Create a release: model endpoint + prompt version + parameters', params: Id, body: ReleaseCreate, response: { 201: Release } },
  }, async (req, reply) => reply.code(201).send(await releases.create(req.actor, req.params.id, req.body)));

  app.post('/api/v1/releases/:id/activate', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Make a release the active one of an environment (the one it replaces becomes the rollback target)', params: Id, body: ActivateRequest, response: { 200: Slot } },
  }, async (req) => releases.activate(req.actor, req.params.id, req.body.environment, req.body.reason));

  app.post('/api/v1/use-cases/:id/canary', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Split traffic between the active release and a candidate', params: Id, body: CanaryRequest, response: { 200: Slot } },
  }, async (req) => releases.canary(req.actor, req.params.id, req.body.environment, req.body.releaseId, req.body.weight));

  app.post('/api/v1/use-cases/:id/rollback', {
    preHandler: app.authorize('release:manage'),
    schema: { tags: ['releases'], summary: 'Roll back to the previous release in one action', params: Id, body: RollbackRequest, response: { 200: Slot } },
  }, async (req) => releases.rollback(req.actor, req.params.id, req.body.environment, req.body.reason));
}
