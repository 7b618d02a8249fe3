import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import { MetricKey } from '../metrics/schema.js';
import { IncidentStatus, nextStatuses, PostIncidentReview, Severity, timeToMitigateMs, timeToResolveMs, UseCaseAction } from './model.js';
import type { IncidentService } from './service.js';
import type { StoredIncident } from './store.js';

const Params = z.object({ id: z.string() });
const Duration = z.object({ count: z.number(), meanMs: z.number().nullable(), medianMs: z.number().nullable(), maxMs: z.number().nullable() });

export const IncidentView = z.object({
  id: z.string(), useCaseId: z.string(), title: z.string(), severity: Severity, status: IncidentStatus, ownerId: z.string().nullable(),
  openedAt: z.string(), triagedAt: z.string().nullable(), mitigatedAt: z.string().nullable(), resolvedAt: z.string().nullable(), reviewedAt: z.string().nullable(),
  releaseIds: z.array(z.string()), metricKeys: z.array(z.string()),
  control: z.object({ state: z.enum(['normal', 'throttled', 'suspended']), throttleFraction: z.number().nullable(), rolledBack: z.boolean() }),
  timeline: z.array(z.object({
    at: z.string(), actorId: z.string(), kind: z.enum(['opened', 'status', 'alert', 'action', 'severity', 'note', 'review']), text: z.string(),
    status: IncidentStatus.optional(), action: UseCaseAction.optional(), metricKey: z.string().optional(),
  })),
  review: PostIncidentReview.nullable(),
  timeToMitigateMs: z.number().nullable(), timeToResolveMs: z.number().nullable(), nextStatuses: z.array(IncidentStatus),
  updatedAt: z.string(), version: z.number(),
});

export const toView = (i: StoredIncident): z.infer<typeof IncidentView> => ({ ...i, timeToMitigateMs: timeToMitigateMs(i), timeToResolveMs: timeToResolveMs(i), nextStatuses: nextStatuses(i) });

const Reason = z.string().trim().min(3).max(1000);
const IncidentCreate = z.strictObject({
  useCaseId: z.string(), title: z.string().trim().min(3).max(300), severity: Severity, ownerId: z.string().nullable().optional(),
  releaseIds: z.array(z.string()).max(50).default([]), metricKeys: z.array(MetricKey).max(50).default([]),
});
const IncidentAmend = z.strictObject({ title: z.string().trim().min(3).max(300).optional(), severity: Severity.optional(), ownerId: z.string().nullable().optional(), reason: Reason });
const StatusMove = z.strictObject({ to: IncidentStatus.exclude(['open', 'reviewed']), note: z.string().trim().max(2000).optional() });
const ListQuery = PageQuery.extend({
  useCaseId: z.string().optional(),
  status: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(IncidentStatus)).optional().describe('comma-separated statuses'),
  from: z.iso.datetime().optional(), to: z.iso.datetime().optional(),
});

export function incidentRoutes(app: ZodApp, incidents: IncidentService) {
  const tags = ['incidents'];
  const sendIncident = (reply: FastifyReply, i: StoredIncident) => {
    setEtag(reply, i.version);
    return toView(i);
  };

  app.get('/api/v1/incidents', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'Incidents, newest first', querystring: ListQuery, response: { 200: page(IncidentView) } },
  }, async (req) => {
    const found = await incidents.list(req.actor, req.query);
    return { items: found.items.map(toView), nextCursor: found.nextCursor };
  });

  app.get('/api/v1/incidents/timings', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: 'Time to mitigate and to resolve over the incidents opened in a range (default: the last 90 days)',
      querystring: z.object({ useCaseId: z.string().optional(), from: z.iso.datetime().optional(), to: z.iso.datetime().optional() }),
      response: { 200: z.object({ incidents: z.number(), timeToMitigate: Duration, timeToResolve: Duration }) },
    },
  }, async (req) => incidents.timings(req.actor, req.query));

  app.post('/api/v1/incidents', {
    preHandler: app.authorize('incident:manage'),
    schema: { tags, summary: 'Open an incident by hand (monitors open their own on ALERT)', body: IncidentCreate, response: { 201: IncidentView } },
  }, async (req, reply) => {
    const incident = await incidents.open(req.actor, req.body);
    reply.code(201).header('location', `/api/v1/incidents/${incident.id}`);
    return sendIncident(reply, incident);
  });

  app.get('/api/v1/incidents/:id', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'One incident with its timeline, links, containment and review', params: Params, response: { 200: IncidentView } },
  }, async (req, reply) => sendIncident(reply, await incidents.get(req.actor, req.params.id)));

  app.patch('/api/v1/incidents/:id', {
    preHandler: app.authorize('incident:manage'),
    schema: { tags, summary: 'Change the title, severity or owner, with a reason (If-Match the ETag you read)', params: Params, body: IncidentAmend, response: { 200: IncidentView } },
  }, async (req, reply) => sendIncident(reply, await incidents.amend(req.actor, req.params.id, req.body, ifMatchVersion(req))));

  app.post('/api/v1/incidents/:id/status', {
    preHandler: app.authorize('incident:manage'),
    schema: { tags, summary: 'Move the incident forward: triaged, mitigated, resolved', params: Params, body: StatusMove, response: { 200: IncidentView } },
  }, async (req, reply) => sendIncident(reply, await incidents.move(req.actor, req.params.id, req.body.to, req.body.note, ifMatchVersion(req))));

  app.post('/api/v1/incidents/:id/notes', {
    preHandler: app.authorize('incident:manage'),
    schema: { tags, summary: 'Add a note to the timeline', params: Params, body: z.strictObject({ text: z.string().trim().min(1).max(4000) }), response: { 200: IncidentView } },
  }, async (req, reply) => sendIncident(reply, await incidents.note(req.actor, req.params.id, req.body.text)));

  app.post('/api/v1/incidents/:id/links', {
    preHandler: app.authorize('incident:manage'),
    schema: {
      tags, summary: "Link releases of the incident's use case and metrics to it", params: Params,
      body: z.strictObject({ releaseIds: z.array(z.string()).max(50).optional(), metricKeys: z.array(MetricKey).max(50).optional() }), response: { 200: IncidentView },
    },
  }, async (req, reply) => sendIncident(reply, await incidents.link(req.actor, req.params.id, req.body)));

  app.post('/api/v1/incidents/:id/review', {
    preHandler: app.authorize('incident:manage'),
    schema: { tags, summary: 'Record the post-incident review of a resolved incident', params: Params, body: PostIncidentReview, response: { 200: IncidentView } },
  }, async (req, reply) => sendIncident(reply, await incidents.review(req.actor, req.params.id, req.body)));
}
