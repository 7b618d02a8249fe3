import type { FastifyError } from 'fastify';
import { describe, expect, it } from 'vitest';
import { Conflict, Invalid, NotFound, PROBLEM_BASE } from '../errors.js';
import { problemBody, toProblem } from './problems.js';

const fastifyError = (code: string, statusCode = 400, message = code) => Object.assign(new Error(message), { code, statusCode }) as FastifyError;

describe('toProblem', () => {
  it('passes Charter problems through', () => {
    const p = new Conflict('taken', { id: 'x' });
    expect(toProblem(p)).toBe(p);
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'malformed-json'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'malformed-json'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'payload-too-large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported-media-type'],
  ])('maps %s to %i %s', (code, status, type) => {
    const p = toProblem(fastifyError(code, status));
    expect([p.status, p.type]).toEqual([status, type]);
  });

  it('maps a JSON SyntaxError to malformed-json', () => {
    expect(toProblem(new SyntaxError('Unexpected end of JSON input')).type).toBe('malformed-json');
  });

  it('keeps other 4xx statuses from Fastify', () => {
    expect(toProblem(fastifyError('FST_SOMETHING', 405)).status).toBe(405);
  });

  it('hides the message of unexpected errors behind a 500', () => {
    const p = toProblem(new Error('connection string postgres://admin:hunter2@db'));
    expect(p.status).toBe(500);
    expect(p.message).not.toContain('hunter2');
  });
});

describe('problemBody', () => {
  it('renders RFC 9457 fields and the extra members', () => {
    const body = problemBody(new Invalid('bad', [{ path: 'body.title', message: 'too short' }]), '/api/v1/use-cases');
    expect(body).toEqual({
      type: `${PROBLEM_BASE}validation-error`, title: 'Invalid request', status: 400, detail: 'bad', instance: '/api/v1/use-cases',
      errors: [{ path: 'body.title', message: 'too short' }],
    });
    expect(problemBody(new NotFound('use case', 'uc_1')).detail).toBe('use case uc_1 does not exist');
  });
});
