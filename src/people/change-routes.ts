import { z } from 'zod';
import { createOnly, ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { AdoptionService } from './adoption-service.js';
import { ChangeFeedback, ChangeFeedbackCreate, ChangePlan, ChangePlanInput, UseCaseAdoption } from './change-schema.js';
import type { ChangeService } from './change-service.js';

const Id = z.object({ id: z.string() });

/** Change management per use case: its change plan, the feedback of its audiences and adoption by role. */
export function changeRoutes(app: ZodApp, change: ChangeService, adoption: AdoptionService) {
  const tags = ['change'];
  app.get('/api/v1/use-cases/:id/change-plan', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'The change plan: what workflow changes, for whom, support, success metrics, feedback handling, communication dates', params: Id, response: { 200: ChangePlan } },
  }, async (req, reply) => {
    const plan = await change.get(req.actor, req.params.id);
    setEtag(reply, plan.version);
    return plan;
  });

  app.put('/api/v1/use-cases/:id/change-plan', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Record or replace the change plan (If-Match to replace; If-None-Match: * to record only when there is none)', params: Id, body: ChangePlanInput, response: { 200: ChangePlan, 201: ChangePlan } },
  }, async (req, reply) => {
    const { plan, created } = await change.put(req.actor, req.params.id, req.body, ifMatchVersion(req), createOnly(req));
    setEtag(reply, plan.version);
    return reply.code(created ? 201 : 200).send(plan);
  });

  app.post('/api/v1/use-cases/:id/change-feedback', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Give feedback on the change as one of its audiences (satisfaction 1–5)', params: Id, body: ChangeFeedbackCreate, response: { 201: ChangeFeedback } },
  }, async (req, reply) => reply.code(201).send(await change.addFeedback(req.actor, req.params.id, req.body)));

  app.get('/api/v1/use-cases/:id/change-feedback', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Feedback on the change, newest first', params: Id, response: { 200: z.object({ items: z.array(ChangeFeedback) }) } },
  }, async (req) => ({ items: await change.feedback(req.actor, req.params.id) }));

  app.get('/api/v1/use-cases/:id/adoption', {
    preHandler: app.authorize('people:read'),
    schema: {
      tags, summary: 'Adoption by audience: active users, task completion, override rate, satisfaction, training coverage, and the likely cause when low',
      params: Id, querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }), response: { 200: UseCaseAdoption },
    },
  }, async (req) => adoption.byAudience(req.actor, req.params.id, req.query.days));
}
