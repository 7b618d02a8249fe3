import { failureOfStatus, retryAfterSeconds, UpstreamError } from '../errors.js';

interface ErrorFields {
  message?: unknown;
  type?: unknown;
  param?: unknown;
  code?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Finds the error fields in the bodies OpenAI-compatible servers send: OpenAI/Azure/vLLM nest them, Ollama sends a string. */
function fieldsOf(body: unknown): ErrorFields {
  if (typeof body === 'string') return { message: body.slice(0, 500) };
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) return error as ErrorFields;
  return body as ErrorFields; // vLLM's older {"object":"error","message":…}
}

/**
 * Maps an OpenAI-compatible error answer to the gateway's error. A request the upstream rejected keeps the upstream's
 * status, message, param and code (the client can fix it). Credential and server trouble is the gateway's, so the
 * upstream's wording (which may quote a key prefix) is replaced.
 */
export function openaiError(status: number, body: unknown, headers: Record<string, string | string[] | undefined>): UpstreamError {
  const failure = failureOfStatus(status);
  const fields = fieldsOf(body);
  const retryAfter = retryAfterSeconds(headers['retry-after']);
  const upstreamMessage = text(fields.message);
  if (failure === 'auth') return new UpstreamError('auth', `the upstream refused the gateway's credentials (${status})`, { upstreamStatus: status });
  if (failure === 'rejected' || failure === 'rate_limited') {
    return new UpstreamError(failure, upstreamMessage ?? `the upstream rejected the request (${status})`, {
      upstreamStatus: status,
      status: failure === 'rejected' ? status : 429,
      type: text(fields.type) ?? undefined,
      code: text(fields.code),
      param: text(fields.param),
      retryAfterSeconds: retryAfter,
    });
  }
  return new UpstreamError(failure, `the upstream failed with ${status}${upstreamMessage ? `: ${upstreamMessage}` : ''}`, {
    upstreamStatus: status,
    retryAfterSeconds: retryAfter,
  });
}
