import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import type { ZodApp } from '../kernel/http/server.js';
import { MaturityAssessment } from './maturity.js';
import { Milestone, MilestoneUpdate, Plan, PlanCreate } from './plan-schema.js';
import type { PlanService } from './plan-service.js';

/** The 90-day programme and the maturity assessment. */
export function planRoutes(app: ZodApp, plans: PlanService) {
  const tags = ['programme'];
  app.post('/api/v1/programme/plan', {
    preHandler: app.authorize('programme:manage'),
    schema: { tags, summary: 'Start the 90-day plan: the blueprint’s three phases and their milestones, each with an owner', body: PlanCreate, response: { 201: Plan } },
  }, async (req, reply) => reply.code(201).send(await plans.create(req.actor, req.body)));

  app.get('/api/v1/programme/plan', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The 90-day plan with each milestone’s status: computed from Charter’s data where a rule decides it, else as its owner reports', response: { 200: Plan } },
  }, async (req) => plans.get(req.actor));

  app.patch('/api/v1/programme/milestones/:id', {
    preHandler: app.authorize('programme:manage'),
    schema: {
      tags, summary: 'Reassign a milestone, move its date, note it, or report the status of one no rule decides (If-Match)',
      params: z.object({ id: z.string() }), body: MilestoneUpdate, response: { 200: Milestone },
    },
  }, async (req, reply) => {
    const milestone = await plans.updateMilestone(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, milestone.version);
    return milestone;
  });

  app.get('/api/v1/programme/maturity', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'Maturity (pilots only → managed portfolio → operating model) by documented rules, with the gaps', response: { 200: MaturityAssessment } },
  }, async (req) => plans.maturity(req.actor));
}
