import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, GatewayError } from './errors.js';
import type { GatewayCore } from './gateway.js';

/** Where a rating goes: measurement counts it as satisfaction of the response's use case and release. */
export type FeedbackSink = (tenantId: string, responseId: string, score: number, comment: string | null, keyUseCaseId: string) => Promise<{ at: string }>;

interface FeedbackBody {
  response_id: string;
  score: number;
  comment: string | null;
}

function parse(body: unknown): FeedbackBody {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_body', 'Send a JSON object with response_id, score and an optional comment.');
  const b = body as Record<string, unknown>;
  const unknownFields = Object.keys(b).filter((k) => !['response_id', 'score', 'comment'].includes(k));
  if (unknownFields.length) throw badRequest('unknown_parameter', `Unrecognized request argument supplied: ${unknownFields.join(', ')}.`, unknownFields[0]);
  if (typeof b.response_id !== 'string' || !b.response_id || b.response_id.length > 200) throw badRequest('invalid_value', 'response_id must be the id of a response this key received.', 'response_id');
  if (typeof b.score !== 'number' || !Number.isInteger(b.score) || b.score < 1 || b.score > 5) throw badRequest('invalid_value', 'score must be a whole number from 1 to 5.', 'score');
  if (b.comment !== undefined && b.comment !== null && (typeof b.comment !== 'string' || b.comment.length > 2000)) throw badRequest('invalid_value', 'comment must be text of at most 2,000 characters.', 'comment');
  const comment = typeof b.comment === 'string' && b.comment.trim() ? b.comment.trim() : null;
  return { response_id: b.response_id, score: b.score, comment };
}

/**
 * POST /v1/charter/feedback — an application passes on its user's rating of one response (score 1–5 and a comment).
 * The key names the use case, so an application can rate only its own responses; one rating per response.
 */
export async function feedbackFromApplication(core: GatewayCore, sink: FeedbackSink | undefined, req: FastifyRequest, reply: FastifyReply) {
  const t = core.trace('chat');
  try {
    const a = await core.admit(req, t);
    t.ctx = undefined; // a rating is not a model call
    const body = parse(req.body);
    if (!sink) throw new GatewayError(503, 'api_error', 'feedback_unavailable', 'Feedback is not recorded by this Charter instance.');
    const recorded = await sink(a.ctx.tenantId, body.response_id, body.score, body.comment, a.ctx.useCase.id).catch((err: Error & { status?: number }) => {
      if (err.status === 404) throw new GatewayError(404, 'not_found_error', 'response_not_found', `No response ${body.response_id} of this use case has been recorded yet.`, 'response_id');
      if (err.status === 409) throw new GatewayError(409, 'invalid_request_error', 'feedback_exists', `Response ${body.response_id} has already been rated.`, 'response_id');
      throw err;
    });
    return reply.code(201).send({ object: 'charter.feedback', response_id: body.response_id, score: body.score, comment: body.comment, created_at: recorded.at });
  } catch (err) {
    t.ctx = undefined;
    return core.fail(reply, t, err);
  }
}
