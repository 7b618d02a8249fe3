import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import { Cadence } from './cadence.js';
import { Decision, DecisionCreate, FundingAsk, FundingAskCreate, FUNDING_STATUSES, Lesson, LessonCreate } from './forum-schema.js';
import type { ForumService } from './forum-service.js';
import { Recognition, type RecognitionService } from './recognition.js';
import { CadenceView, Review, type ReviewService, ReviewSummary } from './review-service.js';

const Id = z.object({ id: z.string() });

/** The portfolio forum: review packs on a cadence, decisions against use cases, funding asks, lessons learned, recognition. */
export function forumRoutes(app: ZodApp, reviews: ReviewService, forum: ForumService, recognition: RecognitionService) {
  const tags = ['portfolio forum'];
  app.get('/api/v1/portfolio-reviews', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Review packs generated for the portfolio forum, newest first', querystring: PageQuery, response: { 200: page(ReviewSummary) } },
  }, async (req) => reviews.list(req.actor, req.query));

  app.post('/api/v1/portfolio-reviews', {
    preHandler: app.authorize('programme:manage'),
    schema: {
      tags, summary: 'Generate a review pack now, for the period given (by default the last 30 days)',
      body: z.strictObject({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() }), response: { 201: Review },
    },
  }, async (req, reply) => reply.code(201).send(await reviews.generateOnRequest(req.actor, req.body)));

  app.get('/api/v1/portfolio-reviews/:id', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'A review pack: every section, with its figures or a note that its source is not wired', params: Id, response: { 200: Review } },
  }, async (req) => reviews.get(req.actor, req.params.id));

  app.get('/api/v1/portfolio-reviews/:id/document', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The pack as HTML, Markdown or PDF (printed with Chromium)', params: Id, querystring: z.object({ format: z.enum(['html', 'markdown', 'pdf']).default('html') }) },
  }, async (req, reply) => {
    const doc = await reviews.document(req.actor, req.params.id, req.query.format);
    return reply.type(doc.contentType).header('content-disposition', `${req.query.format === 'html' ? 'inline' : 'attachment'}; filename="${doc.filename}"`).send(doc.body);
  });

  app.post('/api/v1/portfolio-reviews/:id/decisions', {
    preHandler: app.authorize('programme:manage'),
    schema: { tags, summary: 'Record a decision the forum took on a use case (ledgered against the use case)', params: Id, body: DecisionCreate, response: { 201: Decision } },
  }, async (req, reply) => reply.code(201).send(await forum.recordDecision(req.actor, req.params.id, req.body)));

  app.get('/api/v1/portfolio-reviews/:id/decisions', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Decisions recorded at this review', params: Id, response: { 200: z.object({ items: z.array(Decision) }) } },
  }, async (req) => ({ items: await forum.decisionsOfReview(req.actor, req.params.id) }));

  app.get('/api/v1/use-cases/:id/decisions', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Forum decisions on this use case, newest first', params: Id, response: { 200: z.object({ items: z.array(Decision) }) } },
  }, async (req) => ({ items: await forum.decisionsOf(req.actor, req.params.id) }));

  app.post('/api/v1/use-cases/:id/funding-asks', {
    preHandler: app.authorize('usecase:update'),
    schema: { tags, summary: 'Ask the forum for funding for this use case', params: Id, body: FundingAskCreate, response: { 201: FundingAsk } },
  }, async (req, reply) => reply.code(201).send(await forum.requestFunding(req.actor, req.params.id, req.body)));

  app.get('/api/v1/funding-asks', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Funding asks, oldest first', querystring: z.object({ status: z.enum(FUNDING_STATUSES).optional(), useCaseId: z.string().optional() }), response: { 200: z.object({ items: z.array(FundingAsk) }) } },
  }, async (req) => ({ items: await forum.fundingAsks(req.actor, req.query) }));

  app.post('/api/v1/use-cases/:id/lessons', {
    preHandler: app.authorize('usecase:create'),
    schema: { tags, summary: 'Record a lesson learned: an early win, or what did not work', params: Id, body: LessonCreate, response: { 201: Lesson } },
  }, async (req, reply) => reply.code(201).send(await forum.recordLesson(req.actor, req.params.id, req.body)));

  app.get('/api/v1/lessons', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Lessons learned, newest first', querystring: z.object({ useCaseId: z.string().optional() }), response: { 200: z.object({ items: z.array(Lesson) }) } },
  }, async (req) => ({ items: await forum.lessons(req.actor, req.query) }));

  app.get('/api/v1/programme/review-cadence', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'When review packs are generated (monthly on the 1st unless changed)', response: { 200: CadenceView } },
  }, async (req, reply) => {
    const c = await reviews.cadence(req.actor);
    setEtag(reply, c.version);
    return c;
  });

  app.put('/api/v1/programme/review-cadence', {
    preHandler: app.authorize('programme:manage'),
    schema: { tags, summary: 'Change the review cadence (If-Match)', body: Cadence, response: { 200: CadenceView } },
  }, async (req, reply) => {
    const c = await reviews.setCadence(req.actor, req.body, ifMatchVersion(req));
    setEtag(reply, c.version);
    return c;
  });

  app.get('/api/v1/recognition', {
    preHandler: app.authorize('people:read'),
    schema: {
      tags, summary: 'Contributions per person and team: labs signed off, reuses of their assets, their accepted patterns',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(3650).optional().describe('only the last N days; all time when absent') }), response: { 200: Recognition },
    },
  }, async (req) => recognition.contributions(req.actor, req.query.days));
}
