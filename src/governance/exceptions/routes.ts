import { z } from 'zod';
import { PageQuery, page } from '../../kernel/http/pagination.js';
import type { ZodApp } from '../../kernel/http/server.js';
import type { ExceptionService } from './service.js';

const Params = z.object({ id: z.string() });
const Person = z.object({ id: z.string(), name: z.string() });
const Exception = z.object({
  id: z.string(), useCaseId: z.string(), control: z.string(), rationale: z.string(), days: z.number(), status: z.enum(['requested', 'approved', 'rejected', 'expired']),
  inForce: z.boolean().describe('approved and not yet expired: the control counts as met'), requestedBy: Person, requestedAt: z.string(), decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(), decisionReason: z.string().nullable(), expiresAt: z.string().describe('provisional until approved, then counted from the approval'),
});

export function exceptionRoutes(app: ZodApp, exceptions: ExceptionService) {
  const tags = ['governance'];
  app.post('/api/v1/use-cases/:id/exceptions', {
    preHandler: app.authorize('exception:request'),
    schema: {
      tags, summary: 'Ask to waive a required control for a number of days (at most the pack’s exceptions.maxDays)', params: Params,
      body: z.strictObject({ control: z.string().trim().min(2).max(40), rationale: z.string().trim().min(10).max(2000), days: z.number().int().min(1).max(365) }),
      response: { 201: Exception },
    },
  }, async (req, reply) => reply.code(201).send(await exceptions.request(req.actor, req.params.id, req.body)));

  app.post('/api/v1/exceptions/:id/decision', {
    preHandler: app.authorize('exception:approve'),
    schema: {
      tags, summary: 'Approve or reject an exception (not your own request; a role the pack names; a rejection needs a reason)', params: Params,
      body: z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(2000).optional() }), response: { 200: Exception },
    },
  }, async (req) => exceptions.decide(req.actor, req.params.id, req.body));

  app.get('/api/v1/exceptions', {
    preHandler: app.authorize('usecase:read'),
    schema: {
      tags, summary: 'Exceptions by expiry: state=expiring lists those ending within 14 days, expired those that have lapsed',
      querystring: PageQuery.extend({ state: z.enum(['requested', 'active', 'expiring', 'expired', 'rejected']).optional(), useCaseId: z.string().optional() }),
      response: { 200: page(Exception) },
    },
  }, async (req) => exceptions.list(req.actor, req.query));
}
