import { z } from 'zod';
import type { ZodApp } from '../kernel/http/server.js';
import { ReviewDecision, ReviewView, type ReviewService } from './reviews/service.js';

export function reviewRoutes(app: ZodApp, reviews: ReviewService) {
  const tags = ['review queue'];
  app.get('/api/v1/reviews', {
    preHandler: app.authorize('review:decide'),
    schema: {
      tags, summary: 'The human review queue: held and sampled answers with the data classes found',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'edited', 'rejected']).optional(), useCaseId: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }),
      response: { 200: z.object({ items: z.array(ReviewView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => reviews.list(req.actor, req.query));

  app.get('/api/v1/reviews/:id', {
    preHandler: app.authorize('review:decide'),
    schema: { tags, summary: 'One review item', params: z.object({ id: z.string() }), response: { 200: ReviewView } },
  }, async (req) => reviews.view(await reviews.row(req.actor.tenantId, req.params.id)));

  app.post('/api/v1/reviews/:id/decision', {
    preHandler: app.authorize('review:decide'),
    schema: { tags, summary: 'Approve, edit or reject a held answer; ledgered and counted as an override when it changes the answer', params: z.object({ id: z.string() }), body: ReviewDecision, response: { 200: ReviewView } },
  }, async (req) => reviews.decide(req.actor, req.params.id, req.body));
}
