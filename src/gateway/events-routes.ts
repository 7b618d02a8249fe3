import { z } from 'zod';
import type { Kernel } from '../kernel/context.js';
import { decodeCursor, encodeCursor } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PortfolioService } from '../portfolio/service.js';

const Call = z.object({
  id: z.string(), at: z.string(), kind: z.string(), outcome: z.string(), httpStatus: z.number(), errorCode: z.string().nullable(),
  releaseId: z.string().nullable(), endpointId: z.string().nullable(), environment: z.string().nullable(), latencyMs: z.number(), ttftMs: z.number().nullable(),
  tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number(), endUser: z.object({ id: z.string().nullable(), role: z.string().nullable(), verified: z.boolean() }),
  caseId: z.string().nullable(), dataClasses: z.unknown(), redactions: z.number(), decisions: z.unknown(), reviewId: z.string().nullable(), streamed: z.boolean(),
  ledgered: z.boolean().describe('the call is anchored in a ledger batch'),
});

/** Recent calls of one use case, newest first: the live traffic view (metadata only; payloads are never returned here). */
export function callRoutes(app: ZodApp, k: Kernel, portfolio: PortfolioService) {
  app.get('/api/v1/use-cases/:id/calls', {
    preHandler: app.authorize('metric:read'),
    schema: {
      tags: ['gateway'], summary: "A use case's recent gateway calls with each policy decision",
      params: z.object({ id: z.string() }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional(), outcome: z.string().optional() }),
      response: { 200: z.object({ items: z.array(Call), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    await portfolio.get(req.actor, req.params.id);
    const after = decodeCursor(req.query.cursor, 2, ['string', 'string']);
    let q = k.db.selectFrom('gateway_events').selectAll().where('tenant_id', '=', req.actor.tenantId).where('use_case_id', '=', req.params.id);
    if (req.query.outcome) q = q.where('outcome', '=', req.query.outcome);
    if (after) q = q.where((eb) => eb.or([eb('at', '<', after[0] as string), eb.and([eb('at', '=', after[0] as string), eb('id', '<', after[1] as string)])]));
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(req.query.limit + 1).execute();
    const more = rows.length > req.query.limit;
    const page = more ? rows.slice(0, -1) : rows;
    return {
      items: page.map((r) => ({
        id: r.id, at: r.at, kind: r.kind, outcome: r.outcome, httpStatus: r.http_status, errorCode: r.error_code, releaseId: r.release_id, endpointId: r.endpoint_id,
        environment: r.environment, latencyMs: r.latency_ms, ttftMs: r.ttft_ms, tokensIn: r.tokens_in, tokensOut: r.tokens_out, costUsd: r.cost_usd,
        endUser: { id: r.end_user_id, role: r.end_user_role, verified: r.end_user_verified === 1 }, caseId: r.case_id, dataClasses: JSON.parse(r.data_classes),
        redactions: r.redactions, decisions: JSON.parse(r.decisions), reviewId: r.review_id, streamed: r.streamed === 1, ledgered: r.batch_id !== null,
      })),
      nextCursor: more ? encodeCursor([page[page.length - 1].at, page[page.length - 1].id]) : null,
    };
  });
}
