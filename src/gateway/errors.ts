/**
 * Errors on /v1 follow OpenAI's shape ({ error: { message, type, param, code } }) so unchanged OpenAI clients
 * surface them properly; Charter's own codes say which control refused the call.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'rate_limit_error' | 'api_error' | 'upstream_error',
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code, ...this.extra } };
  }
}

export const invalidKey = () => new GatewayError(401, 'authentication_error', 'invalid_api_key', 'Incorrect, expired or revoked gateway key. Keys are issued per use case in Charter.');
export const denied = (code: string, message: string, extra: Record<string, unknown> = {}) => new GatewayError(403, 'permission_error', code, message, null, {}, extra);
export const badRequest = (code: string, message: string, param: string | null = null) => new GatewayError(400, 'invalid_request_error', code, message, param);
export const modelNotFound = (model: string, allowed: string[]) =>
  new GatewayError(404, 'not_found_error', 'model_not_found', `The model '${model}' is not available to this key. Available: ${allowed.join(', ') || 'none'}.`, 'model');
export const rateLimited = (message: string, retryAfterS: number) =>
  new GatewayError(429, 'rate_limit_error', 'rate_limit_exceeded', message, null, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterS))) });
export const upstreamFailed = (message: string, status = 502) => new GatewayError(status, 'upstream_error', 'upstream_error', message);
