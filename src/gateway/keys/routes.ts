import { z } from 'zod';
import type { ZodApp } from '../../kernel/http/server.js';
import { KeyIssue, KeyView, type GatewayKeyService } from './service.js';

const Id = z.object({ id: z.string() });

export function gatewayKeyRoutes(app: ZodApp, keys: GatewayKeyService) {
  const tags = ['gateway'];
  app.get('/api/v1/use-cases/:id/keys', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: "A use case's gateway keys (never their secrets)", params: Id, response: { 200: z.object({ items: z.array(KeyView) }) } },
  }, async (req) => ({ items: await keys.list(req.actor, req.params.id) }));

  app.post('/api/v1/use-cases/:id/keys', {
    preHandler: app.authorize('gateway:key:manage'),
    schema: { tags, summary: 'Issue a gateway key for one environment; the secret is in this response only', params: Id, body: KeyIssue, response: { 201: KeyView.extend({ key: z.string() }) } },
  }, async (req, reply) => reply.code(201).send(await keys.issue(req.actor, req.params.id, req.body)));

  app.post('/api/v1/gateway-keys/:id/rotate', {
    preHandler: app.authorize('gateway:key:manage'),
    schema: { tags, summary: 'Issue a successor; the old key works for a grace period', params: Id, body: z.strictObject({ graceHours: z.number().int().min(0).max(168).default(24) }), response: { 201: KeyView.extend({ key: z.string() }) } },
  }, async (req, reply) => reply.code(201).send(await keys.rotate(req.actor, req.params.id, req.body.graceHours)));

  app.delete('/api/v1/gateway-keys/:id', {
    preHandler: app.authorize('gateway:key:manage'),
    schema: { tags, summary: 'Revoke a key; every instance refuses it within seconds', params: Id, response: { 200: KeyView } },
  }, async (req) => keys.revoke(req.actor, req.params.id));
}
