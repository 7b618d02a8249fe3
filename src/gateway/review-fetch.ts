import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from './errors.js';
import type { GatewayCore } from './gateway.js';

/** GET /v1/charter/reviews/:id — the application fetches a held answer once a reviewer has released it. */
export async function reviewForApplication(core: GatewayCore, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const t = core.trace('chat');
  try {
    const a = await core.admit(req, t);
    t.ctx = undefined; // fetching is not a model call
    const r = await core.d.reviews.releaseForApplication(a.ctx.tenantId, req.params.id, a.ctx.useCase.id).catch(() => undefined);
    if (!r) throw new GatewayError(404, 'not_found_error', 'review_not_found', `No review ${req.params.id} for this use case.`);
    if (r.status === 'pending') return reply.code(202).send({ id: req.params.id, object: 'charter.review', status: 'pending' });
    if (r.status === 'rejected') throw new GatewayError(403, 'permission_error', 'review_rejected', 'A reviewer rejected this answer; it will not be released.');
    return reply.send({
      id: r.eventId, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: 'charter-reviewed',
      choices: [{ index: 0, message: { role: 'assistant', content: r.answer }, finish_reason: 'stop' }],
      charter_review: { id: req.params.id, status: r.status },
    });
  } catch (err) {
    t.ctx = undefined;
    return core.fail(reply, t, err);
  }
}
