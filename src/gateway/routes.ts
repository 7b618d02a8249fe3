import type { FastifyInstance } from 'fastify';
import { chatCompletions } from './chat.js';
import { embeddings, listModels } from './embeddings.js';
import { badRequest, GatewayError } from './errors.js';
import type { GatewayCore } from './gateway.js';
import { type FeedbackSink, feedbackFromApplication } from './feedback.js';
import { reviewForApplication } from './review-fetch.js';

const GATEWAY_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The OpenAI-compatible surface under /v1. Errors here use OpenAI's shape, not problem+json, so unchanged clients
 * understand them; routes carry no zod schemas because the hot path validates by hand.
 */
export function gatewayRoutes(app: FastifyInstance, core: GatewayCore, feedback: () => FeedbackSink | undefined) {
  app.register(async (v1) => {
    v1.setErrorHandler((err: Error & { code?: string; statusCode?: number }, _req, reply) => {
      const e =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new GatewayError(413, 'invalid_request_error', 'request_too_large', `The request body exceeds ${GATEWAY_BODY_LIMIT} bytes.`)
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? new GatewayError(415, 'invalid_request_error', 'unsupported_media_type', 'Send the request as application/json.')
        : err.statusCode && err.statusCode < 500 ? badRequest('invalid_json', `We could not parse the JSON body of your request: ${err.message}`)
        : new GatewayError(500, 'api_error', 'internal_error', 'The gateway failed to handle the request.');
      if (!(err.statusCode && err.statusCode < 500)) core.k.log.error({ err }, 'gateway error');
      return reply.code(e.status).send(e.body());
    });
    v1.setNotFoundHandler((req, reply) => reply.code(404).send(new GatewayError(404, 'not_found_error', 'unknown_url', `Unknown request URL: ${req.method} ${req.url}.`).body()));
    v1.post('/chat/completions', { bodyLimit: GATEWAY_BODY_LIMIT, schema: { hide: true } }, (req, reply) => chatCompletions(core, req, reply));
    v1.post('/embeddings', { bodyLimit: GATEWAY_BODY_LIMIT, schema: { hide: true } }, (req, reply) => embeddings(core, req, reply));
    v1.get('/models', { schema: { hide: true } }, (req, reply) => listModels(core, req, reply));
    v1.get('/charter/reviews/:id', { schema: { hide: true } }, (req, reply) => reviewForApplication(core, req as never, reply));
    v1.post('/charter/feedback', { schema: { hide: true } }, (req, reply) => feedbackFromApplication(core, feedback(), req, reply));
  }, { prefix: '/v1' });
}
