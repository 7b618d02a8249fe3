import { z } from 'zod';
import { PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import { TierSchema, UseCase } from '../portfolio/schema.js';
import type { RiskService } from './service.js';

const Params = z.object({ id: z.string() });
const Person = z.object({ id: z.string(), name: z.string() });
const Answer = z.union([z.boolean(), z.string(), z.array(z.string())]);

export const ScreeningResult = z.object({
  questionnaireVersion: z.number(),
  tier: TierSchema,
  blocked: z.boolean().describe('an EU prohibited practice blocks the use case'),
  euOutcome: z.string(), euFloor: TierSchema, roles: z.array(z.string()), annexIIIAreas: z.array(z.string()), highRiskBasis: z.array(z.string()),
  gpai: z.boolean(), friaDue: z.boolean(), impactLevel: z.enum(['I', 'II', 'III', 'IV']), impactTier: TierSchema,
  rawScore: z.number(), maxRaw: z.number(), mitigationScore: z.number(), maxMitigation: z.number(), mitigationApplied: z.boolean(), mitigatedScore: z.number(),
  obligations: z.array(z.object({ ref: z.string(), title: z.string(), source: z.enum(['eu-ai-act', 'impact-level']), because: z.array(z.string()) })),
  trace: z.array(z.object({ questionId: z.string().optional(), answer: Answer.optional(), points: z.number().optional(), finding: z.string() })).describe('which answers led where'),
});

const Override = z.object({ fromTier: TierSchema, toTier: TierSchema, justification: z.string(), overriddenBy: Person, overriddenAt: z.string() });
export const ScreeningRecord = z.object({
  id: z.string(), useCaseId: z.string(), number: z.number(), questionnaireVersion: z.number(), answers: z.record(z.string(), Answer), result: ScreeningResult,
  policyPackVersion: z.string(), screenedBy: Person, screenedAt: z.string(), overrides: z.array(Override),
});
export const ScreeningAnswers = z.record(z.string(), z.unknown()).describe('answers keyed by question id: true/false, an option value, or a list of option values');

export function riskRoutes(app: ZodApp, risk: RiskService) {
  const tags = ['risk'];
  app.get('/api/v1/risk/questionnaire', {
    preHandler: app.authorize('usecase:read'),
    schema: {
      tags, summary: 'The screening questionnaire (EU AI Act cascade and weighted impact questions), to render it',
      querystring: z.object({ version: z.coerce.number().int().positive().optional().describe('a past version; the current one by default') }),
      response: { 200: z.object({ version: z.number(), eu: z.unknown(), impact: z.unknown(), maxRaw: z.number(), maxMitigation: z.number() }) },
    },
  }, async (req) => risk.questionnaire(req.query.version));

  app.post('/api/v1/use-cases/:id/screenings', {
    preHandler: app.authorize('risk:screen'),
    schema: {
      tags, summary: 'Screen a use case: sets its tier and the pack version that governs it; missing or unknown answers are listed',
      params: Params, body: z.strictObject({ answers: ScreeningAnswers }),
      response: { 201: z.object({ screening: ScreeningRecord, useCase: UseCase, tierRaised: z.boolean().describe('the tier rose: the approvals of the new tier are owed') }) },
    },
  }, async (req, reply) => reply.code(201).send(await risk.screen(req.actor, req.params.id, req.body.answers)));

  app.get('/api/v1/use-cases/:id/screenings', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'A use case’s screenings, newest first, with any tier overrides', params: Params, querystring: PageQuery, response: { 200: z.object({ items: z.array(ScreeningRecord), nextCursor: z.string().nullable() }) } },
  }, async (req) => risk.history(req.actor, req.params.id, req.query));

  app.post('/api/v1/use-cases/:id/tier-override', {
    preHandler: app.authorize('risk:override'),
    schema: {
      tags, summary: 'Override the screened tier with a justification (risk reviewers); the use case takes the new tier’s pack',
      params: Params, body: z.strictObject({ tier: TierSchema, justification: z.string().trim().min(10).max(2000) }),
      response: { 200: z.object({ override: Override, useCase: UseCase }) },
    },
  }, async (req) => risk.override(req.actor, req.params.id, req.body));
}
