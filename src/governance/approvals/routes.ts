import { z } from 'zod';
import { ROLES } from '../../kernel/auth/permissions.js';
import { PageQuery, page } from '../../kernel/http/pagination.js';
import type { ZodApp } from '../../kernel/http/server.js';
import { StageSchema, TierSchema } from '../../portfolio/schema.js';
import type { ApprovalService } from './service.js';

const Params = z.object({ id: z.string() });
const Person = z.object({ id: z.string(), name: z.string() });
const RequestStatus = z.enum(['pending', 'granted', 'rejected', 'withdrawn']);
const ApprovalStatus = z.enum(['open', 'granted', 'rejected', 'invalidated', 'completed']);
const Kind = z.enum(['transition', 'catch_up']).describe('catch_up: owed for a stage already passed, after a tier rise or a stricter pack');
const ApprovalRequest = z.object({
  id: z.string(), approvalId: z.string(), useCaseId: z.string(), from: StageSchema, to: StageSchema, kind: Kind, role: z.string(), status: RequestStatus,
  approvalStatus: ApprovalStatus, dueAt: z.string(), overdue: z.boolean(), requestedBy: Person, requestedAt: z.string(), decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(), reason: z.string().nullable(),
});
const Approval = z.object({
  id: z.string(), from: StageSchema, to: StageSchema, kind: Kind, tier: TierSchema, policyPackVersion: z.string(), status: ApprovalStatus, requestedBy: Person,
  requestedAt: z.string(), dueAt: z.string(), closedAt: z.string().nullable(), closeReason: z.string().nullable(), requests: z.array(ApprovalRequest),
});

export function approvalRoutes(app: ZodApp, approvals: ApprovalService) {
  const tags = ['governance'];
  app.get('/api/v1/approval-requests', {
    preHandler: app.authorize('usecase:read'),
    schema: {
      tags, summary: 'Approval requests by due date: filter by status, role, use case; overdue=true lists pending ones past due',
      querystring: PageQuery.extend({
        status: RequestStatus.optional(), role: z.enum(ROLES).optional(), useCaseId: z.string().optional(),
        overdue: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
      }),
      response: { 200: page(ApprovalRequest) },
    },
  }, async (req) => approvals.listRequests(req.actor, req.query));

  app.post('/api/v1/approval-requests/:id/decision', {
    preHandler: app.authorize('approval:decide'),
    schema: {
      tags, summary: 'Grant or reject one role’s request (not your own move; one role per person per approval; a rejection needs a reason)',
      params: Params, body: z.strictObject({ decision: z.enum(['grant', 'reject']), reason: z.string().trim().max(2000).optional() }), response: { 200: ApprovalRequest },
    },
  }, async (req) => approvals.decide(req.actor, req.params.id, req.body));

  app.get('/api/v1/use-cases/:id/approvals', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'A use case’s approvals, newest first, each with its role requests', params: Params, response: { 200: z.object({ items: z.array(Approval) }) } },
  }, async (req) => ({ items: await approvals.forUseCase(req.actor, req.params.id) }));
}
