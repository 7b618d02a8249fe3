import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import type { ZodApp } from '../kernel/http/server.js';
import { type SkillCatalogue, toItem } from './catalogue-service.js';
import { type CoverageService, SkillingCoverage } from './coverage-service.js';
import { SkillItem, SkillItemCreate, SkillItemUpdate, SkillPath, SkillPathCreate, SkillPathUpdate } from './schema.js';

const Id = z.object({ id: z.string() });

/** The tenant's skilling catalogue (role-based paths of modules and applied labs) and its coverage. */
export function catalogueRoutes(app: ZodApp, catalogue: SkillCatalogue, coverage: CoverageService) {
  const tags = ['skilling'];
  app.get('/api/v1/skill-paths', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Skill paths and the roles that must hold them (Charter’s default catalogue until the tenant edits it)', response: { 200: z.object({ items: z.array(SkillPath) }) } },
  }, async (req) => ({ items: await catalogue.listPaths(req.actor) }));

  app.post('/api/v1/skill-paths', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Add a skill path made of catalogue modules and labs', body: SkillPathCreate, response: { 201: SkillPath } },
  }, async (req, reply) => reply.code(201).send(await catalogue.createPath(req.actor, req.body)));

  app.get('/api/v1/skill-paths/:id', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'One skill path', params: Id, response: { 200: SkillPath } },
  }, async (req, reply) => {
    const path = await catalogue.getPath(req.actor, req.params.id);
    setEtag(reply, path.version);
    return path;
  });

  app.patch('/api/v1/skill-paths/:id', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Change a skill path: its items, or the roles that must hold it (If-Match)', params: Id, body: SkillPathUpdate, response: { 200: SkillPath } },
  }, async (req, reply) => {
    const path = await catalogue.updatePath(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, path.version);
    return path;
  });

  app.get('/api/v1/skill-items', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Modules and applied labs of the catalogue', response: { 200: z.object({ items: z.array(SkillItem) }) } },
  }, async (req) => ({ items: await catalogue.listItems(req.actor) }));

  app.post('/api/v1/skill-items', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Add a module, or a lab with the task it practises', body: SkillItemCreate, response: { 201: SkillItem } },
  }, async (req, reply) => reply.code(201).send(await catalogue.createItem(req.actor, req.body)));

  app.get('/api/v1/skill-items/:id', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'One module or lab', params: Id, response: { 200: SkillItem } },
  }, async (req, reply) => {
    const item = toItem(await catalogue.getItem(req.actor, req.params.id));
    setEtag(reply, item.version);
    return item;
  });

  app.patch('/api/v1/skill-items/:id', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Change a module or lab, e.g. its validity before a refresher is due (If-Match)', params: Id, body: SkillItemUpdate, response: { 200: SkillItem } },
  }, async (req, reply) => {
    const item = await catalogue.updateItem(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, item.version);
    return item;
  });

  app.get('/api/v1/skilling/coverage', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Who holds the paths their role requires, by role, team, value stream and work group', response: { 200: SkillingCoverage } },
  }, async (req) => coverage.coverage(req.actor));
}
