import { z } from 'zod';
import { Invalid } from '../kernel/errors.js';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import type { ZodApp } from '../kernel/http/server.js';
import { TierSchema, UseCase } from '../portfolio/schema.js';
import { celContextReference } from './cel.js';
import { PolicyPack } from './schema.js';
import type { PackVersion, PolicyService } from './service.js';

const Params = z.object({ id: z.string() });
const PackStatus = z.enum(['draft', 'published', 'discarded']);
const Summary = z.object({
  id: z.string(), tier: TierSchema, packVersion: z.number().nullable(), ref: z.string().nullable().describe('tier@version once published'),
  status: PackStatus, contentHash: z.string().describe('sha256 of the canonical JSON of the pack'), basedOn: z.string(), supersedes: z.string(),
  author: z.object({ id: z.string(), name: z.string() }), createdAt: z.string(), updatedAt: z.string(), publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(), version: z.number(),
});
const Version = Summary.extend({ pack: PolicyPack });
const Change = z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed', 'reordered']), before: z.unknown().optional(), after: z.unknown().optional() });
const summary = ({ pack: _pack, ...rest }: PackVersion) => rest;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

export function policyRoutes(app: ZodApp, policy: PolicyService) {
  const tags = ['policy'];
  // Pack files arrive as YAML (or JSON, which is YAML too); the import reads and validates the text itself.
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get('/api/v1/policy-packs', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: "The tenant's policy pack versions: drafts, published versions and discarded drafts", querystring: z.object({ tier: TierSchema.optional(), status: PackStatus.optional() }), response: { 200: z.object({ items: z.array(Summary) }) } },
  }, async (req) => ({ items: (await policy.list(req.actor, req.query)).map(summary) }));

  app.get('/api/v1/policy-packs/defaults', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: 'The packs Charter ships, one per tier (tier@default)', response: { 200: z.object({ items: z.array(z.object({ tier: TierSchema, ref: z.string(), contentHash: z.string(), pack: PolicyPack })) }) } },
  }, async () => ({ items: policy.defaults() }));

  app.get('/api/v1/policy-packs/current', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: 'For each tier, the version new screenings bind to', response: { 200: z.object({ items: z.array(z.object({ tier: TierSchema, ref: z.string() })) }) } },
  }, async (req) => ({ items: await policy.current(req.actor) }));

  app.get('/api/v1/policy/cel-context', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: 'The typed context runtime rules are checked against (docs/policy-cel.md)', response: { 200: z.object({ items: z.array(z.object({ name: z.string(), type: z.string(), doc: z.string() })) }) } },
  }, async () => ({ items: celContextReference() }));

  app.post('/api/v1/policy-packs', {
    preHandler: app.authorize('policy:manage'),
    schema: {
      tags, summary: 'Fork a draft from a published version (sourceId) or from the shipped default of a tier',
      body: z.strictObject({ tier: TierSchema.optional().describe('the draft’s tier; defaults to the source’s'), sourceId: z.string().optional().describe('a published version of this tenant') }),
      response: { 201: Version },
    },
  }, async (req, reply) => {
    const draft = await policy.fork(req.actor, req.body);
    setEtag(reply, draft.version);
    return reply.code(201).header('location', `/api/v1/policy-packs/${draft.id}`).send(draft);
  });

  app.post('/api/v1/policy-packs/import', {
    preHandler: app.authorize('policy:manage'),
    schema: { tags, summary: 'Import a pack file as a new draft of the tier it declares: YAML as text/plain or application/yaml, or JSON', response: { 201: Version } },
  }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : req.body;
    if (typeof body !== 'string' && (typeof body !== 'object' || body === null)) throw new Invalid('send the pack file as the request body', [{ path: 'body', message: 'missing pack file' }]);
    const draft = await policy.importFile(req.actor, body);
    setEtag(reply, draft.version);
    return reply.code(201).header('location', `/api/v1/policy-packs/${draft.id}`).send(draft);
  });

  app.get('/api/v1/policy-packs/:id', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: 'One pack version with its pack', params: Params, response: { 200: Version } },
  }, async (req, reply) => {
    const version = await policy.get(req.actor, req.params.id);
    setEtag(reply, version.version);
    return version;
  });

  app.put('/api/v1/policy-packs/:id', {
    preHandler: app.authorize('policy:manage'),
    schema: {
      tags, summary: 'Replace a draft’s pack; problems come back as field errors (CEL ones with line and column). Send If-Match.',
      params: Params, body: z.record(z.string(), z.unknown()).describe('the whole pack, as GET returns it in `pack`'), response: { 200: Version },
    },
  }, async (req, reply) => {
    const draft = await policy.edit(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, draft.version);
    return draft;
  });

  app.post('/api/v1/policy-packs/:id/publish', {
    preHandler: app.authorize('policy:manage'),
    schema: { tags, summary: 'Publish a draft as the next version of its tier; it never changes afterwards', params: Params, response: { 200: Version } },
  }, async (req, reply) => {
    const version = await policy.publish(req.actor, req.params.id, ifMatchVersion(req));
    setEtag(reply, version.version);
    return version;
  });

  app.post('/api/v1/policy-packs/:id/discard', {
    preHandler: app.authorize('policy:manage'),
    schema: { tags, summary: 'Abandon a draft', params: Params, response: { 200: Version } },
  }, async (req) => policy.discard(req.actor, req.params.id, ifMatchVersion(req)));

  app.get('/api/v1/policy-packs/:id/diff', {
    preHandler: app.authorize('policy:read'),
    schema: {
      tags, summary: 'What changed from another version (a pack id or a ref such as high@default; by default the version this one was forked from)',
      params: Params, querystring: z.object({ against: z.string().max(80).optional() }),
      response: { 200: z.object({ from: z.string(), to: z.string(), changes: z.array(Change) }) },
    },
  }, async (req) => policy.diff(req.actor, req.params.id, req.query.against));

  app.get('/api/v1/policy-packs/:id/file', {
    preHandler: app.authorize('policy:read'),
    schema: { tags, summary: 'The pack as a file for version control (YAML by default)', params: Params, querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }) },
  }, async (req, reply) => {
    const file = await policy.exportFile(req.actor, req.params.id, req.query.format);
    const type = req.query.format === 'json' ? 'application/json' : 'application/yaml';
    return reply.type(`${type}; charset=utf-8`).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
  });

  app.post('/api/v1/use-cases/:id/policy-binding', {
    preHandler: app.authorize('policy:manage'),
    schema: { tags, summary: 'Bind a use case to its tier’s current pack version (use cases keep their version until re-screened or re-bound)', params: Params, response: { 200: UseCase } },
  }, async (req, reply) => {
    const uc = await policy.rebind(req.actor, req.params.id);
    setEtag(reply, uc.version);
    return uc;
  });
}
