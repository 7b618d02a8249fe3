import { failureOfStatus, retryAfterSeconds, type UpstreamFailure, UpstreamError } from '../errors.js';

/** Anthropic's error types (https://docs.anthropic.com/en/api/errors) and what they mean for routing. */
const FAILURE_OF_TYPE: Record<string, UpstreamFailure> = {
  invalid_request_error: 'rejected',
  request_too_large: 'rejected',
  not_found_error: 'rejected',
  authentication_error: 'auth',
  permission_error: 'auth',
  billing_error: 'auth',
  rate_limit_error: 'rate_limited',
  api_error: 'server',
  overloaded_error: 'server',
  timeout_error: 'timeout',
};

/** `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`, as a body or a stream event. */
export function anthropicError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): UpstreamError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { type?: string; message?: string } }).error : undefined;
  const type = error?.type ?? '';
  const failure = FAILURE_OF_TYPE[type] ?? failureOfStatus(status);
  const message = error?.message ?? (typeof body === 'string' ? body.slice(0, 500) : '');
  const retryAfter = retryAfterSeconds(headers['retry-after']);
  if (failure === 'auth') return new UpstreamError('auth', `the upstream refused the gateway's credentials (${status})`, { upstreamStatus: status });
  if (failure === 'rejected') {
    return new UpstreamError('rejected', message || `the upstream rejected the request (${status})`, {
      upstreamStatus: status,
      status: status >= 400 && status < 500 ? status : 400,
      code: type || null,
    });
  }
  const wording = failure === 'rate_limited' ? message || 'rate limited by the upstream' : `the upstream failed with ${status}${message ? `: ${message}` : ''}`;
  return new UpstreamError(failure, wording, { upstreamStatus: status, code: type || undefined, retryAfterSeconds: retryAfter });
}
