import { z } from 'zod';
import { ROLES } from '../../kernel/auth/permissions.js';
import { PageQuery, page } from '../../kernel/http/pagination.js';
import type { ZodApp } from '../../kernel/http/server.js';
import { StageSchema, TierSchema, UseCase, UseCaseCreate } from '../../portfolio/schema.js';
import { ScreeningAnswers, ScreeningRecord } from '../../risk/routes.js';
import type { IntakeService } from './service.js';

const IntakeSubmission = UseCaseCreate.extend({
  targetDate: z.iso.date().describe('the timeline: when the outcome should be reached (YYYY-MM-DD)'),
  answers: ScreeningAnswers.describe('the screening answers (GET /api/v1/risk/questionnaire); data sensitivity, categories and people affected default to the fields above'),
});

const Next = z.object({
  tier: TierSchema, policyPackVersion: z.string(), blocked: z.boolean(), forbiddenStages: z.array(StageSchema),
  approvals: z.array(z.object({ from: StageSchema, to: StageSchema, roles: z.array(z.enum(ROLES)), dueDays: z.number() })),
  readiness: z.array(z.object({ item: z.string(), before: StageSchema, minimum: z.number(), met: z.boolean() })),
  controls: z.array(z.object({ stage: z.string(), controls: z.number() })).describe('how many controls fall due before each gate'),
  exceptions: z.object({ maxDays: z.number(), approverRoles: z.array(z.enum(ROLES)) }),
  steps: z.array(z.string()).describe('the same, in words, for the submitter'),
});

export function intakeRoutes(app: ZodApp, intake: IntakeService) {
  const tags = ['intake'];
  app.post('/api/v1/intake', {
    preHandler: app.authorize('usecase:create'),
    schema: {
      tags, summary: 'Submit a use case for the business: outcome, affected users, data sensitivity, risk answers and timeline; it is created in intake, screened, and told what comes next',
      body: IntakeSubmission, response: { 201: z.object({ useCase: UseCase, screening: ScreeningRecord, next: Next }) },
    },
  }, async (req, reply) => {
    const submitted = await intake.submit(req.actor, req.body);
    return reply.code(201).header('location', `/api/v1/use-cases/${submitted.useCase.id}`).send(submitted);
  });

  app.get('/api/v1/intake/queue', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The triage queue: use cases in intake or triage by priority score, then tier (riskier first)', querystring: PageQuery, response: { 200: page(UseCase) } },
  }, async (req) => intake.queue(req.actor, req.query));
}
