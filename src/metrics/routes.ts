import { z } from 'zod';
import { ContainmentAction } from '../incidents/model.js';
import { IncidentView, toView } from '../incidents/routes.js';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import { DRIFT_SIGNALS } from './drift-service.js';
import type { MeasurementServices } from './index.js';
import { MONITOR_STATES } from './monitor.js';
import type { Scope } from './query-service.js';
import { RESOLUTIONS, type Resolution } from './rollup.js';
import { ReviewAcknowledgement } from './reviews.js';
import { Aggregation, MAX_OBSERVATIONS_PER_BATCH, MetricDefinition, MetricDefinitionFields, MetricKey, MetricLayer, MetricSource, Thresholds } from './schema.js';

const F = MetricDefinitionFields.shape;
const MetricView = MetricDefinitionFields.extend({ id: z.string().nullable(), origin: z.enum(['builtin', 'registry', 'outcome', 'pack']), createdAt: z.string(), updatedAt: z.string(), version: z.number() });
/** Every field but the key, none defaulted: a PATCH changes only what it names. */
const MetricPatch = z.strictObject({
  name: F.name.optional(), description: z.string().max(2000).optional(), layer: MetricLayer.optional(), adoption: z.boolean().optional(), unit: F.unit.optional(),
  direction: F.direction.optional(), baseline: z.number().finite().nullable().optional(), target: z.number().finite().nullable().optional(), thresholds: Thresholds.optional(),
  owner: F.owner.optional(), reviewCadence: F.reviewCadence.optional(), source: MetricSource.optional(), aggregation: Aggregation.optional(), useCaseIds: z.array(z.string().min(1)).max(1000).optional(),
});
const Monitor = z.object({
  thresholds: Thresholds, windowMs: z.number(), minSamples: z.number(), onAlert: z.array(z.string()), state: z.enum(MONITOR_STATES), since: z.string().nullable(),
  value: z.number().nullable(), samples: z.number(), reason: z.string(), evaluatedAt: z.string().nullable(),
});
const KeyParams = z.object({ key: MetricKey });
const IdParams = z.object({ id: z.string() });
const Range = z.object({ from: z.iso.datetime().optional().describe('default: 90 days before `to`'), to: z.iso.datetime().optional().describe('default: now, included') });
const ScopeQuery = z.object({ useCaseId: z.string().optional(), valueStreamId: z.string().optional(), teamId: z.string().optional() });
const Reading = z.object({ start: z.string(), value: z.number().nullable(), samples: z.number() });
const Status = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);
const Facets = z.object({ outcome: Status, modelQuality: Status, operationalHealth: Status, adoption: Status });
const Rollup = z.object({ groupId: z.string().nullable(), useCases: z.number(), counts: z.record(z.string(), z.record(z.string(), z.number())), status: Facets });
const Card = z.object({
  useCaseId: z.string(), title: z.string(), valueStreamId: z.string().nullable(), status: Facets, overall: Status,
  outcome: z.object({ baseline: z.number(), target: z.number(), current: z.number().nullable(), progress: z.number().nullable(), expected: z.number(), achieved: z.boolean(), status: Status, targetDate: z.string() }).nullable(),
  figures: z.object({
    requests: z.number(), tokens: z.number(), costUsd: z.number(), costPerRequest: z.number().nullable(), errorRate: z.number().nullable(), availability: z.number().nullable(),
    escalationRate: z.number().nullable(), overrideRate: z.number().nullable(), blockRate: z.number().nullable(), satisfaction: z.number().nullable(),
  }),
  metrics: z.array(z.object({ key: z.string(), layer: MetricLayer, adoption: z.boolean(), state: z.enum(MONITOR_STATES), value: z.number().nullable() })),
});
const Scorecards = z.object({ from: z.string(), to: z.string(), overall: Rollup, valueStreams: z.array(Rollup), useCases: z.array(Card) });
const DriftStats = z.object({ psi: z.number(), jsDivergence: z.number(), ks: z.object({ statistic: z.number(), pValue: z.number() }).nullable(), bins: z.number(), referenceSize: z.number(), currentSize: z.number(), level: z.enum(['none', 'warning', 'critical']) });
const Window = z.object({ from: z.string(), to: z.string() });

const DAY_MS = 86_400_000;
function range(q: { from?: string; to?: string }, now: Date): { from: number; to: number } {
  const to = q.to ? Date.parse(q.to) : now.getTime() + 1;
  return { from: q.from ? Date.parse(q.from) : to - 90 * DAY_MS, to };
}
const scopeOf = (q: z.infer<typeof ScopeQuery>): Scope =>
  q.useCaseId ? { useCaseId: q.useCaseId } : q.valueStreamId ? { valueStreamId: q.valueStreamId } : q.teamId ? { teamId: q.teamId } : { portfolio: true };

export function measurementRoutes(app: ZodApp, s: MeasurementServices, now: () => Date) {
  const tags = ['metrics'];
  app.get('/api/v1/metrics', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'The metric registry: gateway metrics, outcome metrics and the metrics owners define', querystring: PageQuery.extend({ layer: MetricLayer.optional(), source: MetricSource.optional(), useCaseId: z.string().optional() }), response: { 200: page(MetricView) } },
  }, (req) => s.registry.list(req.actor, req.query));

  app.post('/api/v1/metrics', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: 'Define a metric, or tighten a gateway metric (key gateway.<metric>)', body: MetricDefinition, response: { 201: MetricView } },
  }, async (req, reply) => reply.code(201).header('location', `/api/v1/metrics/${req.body.key}`).send(await s.registry.create(req.actor, req.body)));

  app.get('/api/v1/metrics/:key', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'One metric', params: KeyParams, response: { 200: MetricView } },
  }, async (req, reply) => {
    const metric = await s.registry.get(req.actor, req.params.key);
    setEtag(reply, metric.version);
    return metric;
  });

  app.patch('/api/v1/metrics/:key', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: 'Change a metric (If-Match the ETag you read)', params: KeyParams, body: MetricPatch, response: { 200: MetricView } },
  }, async (req, reply) => {
    const metric = await s.registry.update(req.actor, req.params.key, req.body, ifMatchVersion(req));
    setEtag(reply, metric.version);
    return metric;
  });

  app.delete('/api/v1/metrics/:key', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: "Remove an owner's metric (a gateway metric returns to the catalogue's defaults)", params: KeyParams, response: { 204: z.null() } },
  }, async (req, reply) => reply.code(204).send(await s.registry.remove(req.actor, req.params.key).then(() => null)));

  app.get('/api/v1/metrics/:key/series', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: 'A metric over time for a use case, value stream, team or the portfolio, read from rollups', params: KeyParams,
      querystring: ScopeQuery.extend({ from: z.iso.datetime(), to: z.iso.datetime(), resolution: z.enum(Object.keys(RESOLUTIONS) as [Resolution, ...Resolution[]]).default('hour') }),
      response: { 200: z.object({ metric: z.string(), unit: z.string(), resolution: z.string(), useCaseIds: z.array(z.string()), points: z.array(Reading) }) },
    },
  }, (req) => s.query.series(req.actor, req.params.key, scopeOf(req.query), Date.parse(req.query.from), Date.parse(req.query.to), req.query.resolution));

  app.get('/api/v1/use-cases/:id/metrics', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'What the use case tracks, with the rule and state of each monitor', params: IdParams, response: { 200: z.object({ items: z.array(MetricView.extend({ monitor: Monitor.nullable() })) }) } },
  }, async (req) => ({ items: await s.monitors.view(req.actor, req.params.id) }));

  app.get('/api/v1/use-cases/:id/drift', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: "Drift of latency, input length, data classes and outcomes: the pack's last window against the one before", params: IdParams,
      response: { 200: z.object({ useCaseId: z.string(), windowMs: z.number(), reference: Window, current: Window, signals: z.array(z.object({ signal: z.enum(DRIFT_SIGNALS), report: DriftStats.nullable() })) }) },
    },
  }, (req) => s.drift.report(req.actor, req.params.id));

  app.get('/api/v1/use-cases/:id/gateway-adoption', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: "Adoption by role as the gateway's rollups see it: verified end users against the affected groups (unverified ones counted apart), with the likely cause where it is low; the change plan's view per audience is /adoption", params: IdParams,
      querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }),
      response: {
        200: z.object({
          useCaseId: z.string(), windowMs: z.number(), activeEndUsers: z.number().nullable(), unverifiedUsers: z.number(),
          roles: z.array(z.object({ role: z.string(), activeUsers: z.number(), affectedUsers: z.number(), rate: z.number().nullable() })),
          diagnoses: z.array(z.object({
            role: z.string().nullable(), adoptionRate: z.number().nullable(), low: z.boolean(), cause: z.string().nullable(),
            findings: z.array(z.object({ cause: z.string(), evidence: z.string() })), advice: z.string(),
          })),
        }),
      },
    },
  }, (req) => s.scorecards.adoption(req.actor, req.params.id, req.query.days * DAY_MS));

  app.post('/api/v1/observations', {
    preHandler: app.authorize('metric:ingest'),
    schema: {
      tags, summary: `Push up to ${MAX_OBSERVATIONS_PER_BATCH} observations; each is accepted, replayed (same idempotency key and content) or rejected on its own`,
      body: z.strictObject({ observations: z.array(z.unknown()).min(1).max(MAX_OBSERVATIONS_PER_BATCH) }),
      response: { 202: z.object({ accepted: z.number(), replayed: z.array(z.string()), rejected: z.array(z.object({ index: z.number(), field: z.string(), reason: z.string() })) }) },
    },
  }, async (req, reply) => reply.code(202).send(await s.ingest.ingest(req.actor, req.body.observations)));

  app.post('/api/v1/observations/csv', {
    preHandler: app.authorize('metric:ingest'),
    schema: {
      tags, summary: 'Upload observations as CSV (text/csv; columns metric, use_case, at, value, unit, idempotency_key); bad rows are reported by line',
      response: { 202: z.object({ accepted: z.number(), replayed: z.array(z.string()), errors: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })) }) },
    },
  }, async (req, reply) => reply.code(202).send(await s.ingest.ingestCsv(req.actor, Buffer.isBuffer(req.body) ? req.body.toString('utf8') : String(req.body ?? ''))));

  app.post('/api/v1/feedback', {
    preHandler: app.authorize('metric:ingest'),
    schema: {
      tags, summary: 'Satisfaction for one gateway response (its id is the response id): a score from 1 to 5 and a comment',
      body: z.strictObject({ eventId: z.string().min(1).max(200), score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() }),
      response: { 201: z.object({ eventId: z.string(), useCaseId: z.string(), score: z.number(), comment: z.string().nullable(), at: z.string() }) },
    },
  }, async (req, reply) => reply.code(201).send(await s.feedback.recordFeedback(req.actor.tenantId, req.body.eventId, req.body.score, req.body.comment ?? null)));

  app.get('/api/v1/scorecards', {
    preHandler: app.authorize('metric:read'),
    schema: { tags, summary: 'Scorecards of the portfolio (or a value stream, team or use case), rolled up per value stream', querystring: Range.extend(ScopeQuery.shape), response: { 200: Scorecards } },
  }, (req) => {
    const r = range(req.query, now());
    return s.scorecards.overview(req.actor, scopeOf(req.query), r.from, r.to);
  });

  app.get('/api/v1/costs', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: 'Calls, tokens and model cost per use case, team or value stream', querystring: Range.extend({ groupBy: z.enum(['useCase', 'team', 'valueStream']).default('useCase') }),
      response: { 200: z.object({ groupBy: z.string(), from: z.string(), to: z.string(), totalCostUsd: z.number(), items: z.array(z.object({ groupId: z.string().nullable(), name: z.string().nullable(), useCases: z.number(), requests: z.number(), tokens: z.number(), costUsd: z.number(), costPerRequest: z.number().nullable() })) }) },
    },
  }, (req) => {
    const r = range(req.query, now());
    return s.query.costs(req.actor, req.query.groupBy, r.from, r.to);
  });

  app.get('/api/v1/metric-reviews', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags, summary: "Metrics due for their owner's review on their cadence, most overdue first", querystring: z.object({ owner: z.string().optional() }),
      response: { 200: z.object({ items: z.array(z.object({ metricKey: z.string(), owner: z.string(), reviewCadence: z.string(), dueAt: z.string(), overdueMs: z.number() })) }) },
    },
  }, async (req) => ({ items: await s.reviews.due(req.actor, req.query.owner) }));

  app.post('/api/v1/metrics/:key/reviews', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: 'Acknowledge the review of a metric with a comment', params: KeyParams, body: ReviewAcknowledgement, response: { 201: z.object({ id: z.string(), metricKey: z.string(), actorId: z.string(), comment: z.string(), at: z.string() }) } },
  }, async (req, reply) => reply.code(201).send(await s.reviews.acknowledge(req.actor, req.params.key, req.body.comment)));

  app.get('/api/v1/alerting', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: 'The webhooks that receive signed monitor alerts', response: { 200: z.object({ webhookUrls: z.array(z.string()), version: z.number() }) } },
  }, async (req, reply) => {
    const settings = await s.alerts.settings(req.actor);
    setEtag(reply, settings.version);
    return settings;
  });

  app.put('/api/v1/alerting', {
    preHandler: app.authorize('metric:manage'),
    schema: { tags, summary: 'Set the webhooks that receive signed monitor alerts (x-charter-signature)', body: z.strictObject({ webhookUrls: z.array(z.url({ protocol: /^https?$/ })).max(10) }), response: { 200: z.object({ webhookUrls: z.array(z.string()), version: z.number() }) } },
  }, async (req, reply) => {
    const settings = await s.alerts.update(req.actor, req.body.webhookUrls, ifMatchVersion(req));
    setEtag(reply, settings.version);
    return settings;
  });

  app.post('/api/v1/incidents/:id/contain', {
    preHandler: app.authorize('incident:manage'),
    schema: {
      tags: ['incidents'], summary: "Contain the incident's use case at once: throttle it to a share of its traffic, suspend it (the gateway refuses its calls) or roll back its release",
      params: IdParams, body: z.strictObject({ action: ContainmentAction, note: z.string().trim().max(2000).optional() }), response: { 200: IncidentView },
    },
  }, async (req) => toView(await s.containment.containByPerson(req.actor, req.params.id, req.body.action, req.body.note)));

  app.post('/api/v1/incidents/:id/resume', {
    preHandler: app.authorize('metric:read'),
    schema: { tags: ['incidents'], summary: "Lift the incident's throttle or suspension; needs one of the roles the pack's resumeRoles name", params: IdParams, body: z.strictObject({ note: z.string().trim().max(2000).optional() }), response: { 200: IncidentView } },
  }, async (req) => toView(await s.containment.resume(req.actor, req.params.id, req.body.note)));
}
