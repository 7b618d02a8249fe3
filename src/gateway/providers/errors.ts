import type { OpenAIErrorBody } from './wire.js';

/** Why an upstream call failed, in the terms routing decides on (retry, fall back, or give up). */
export const UPSTREAM_FAILURES = [
  'rejected', // the upstream refused the request itself (4xx): another endpoint would refuse it too
  'auth', // the upstream refused the gateway's credentials
  'rate_limited',
  'server', // 5xx or an overloaded upstream
  'timeout',
  'connection', // refused, reset or closed mid-answer
  'malformed', // an answer that is not the documented wire format
  'aborted', // the client went away
  'unsupported', // the endpoint's kind cannot serve this request
] as const;
export type UpstreamFailure = (typeof UPSTREAM_FAILURES)[number];

const RETRYABLE: ReadonlySet<UpstreamFailure> = new Set(['rate_limited', 'server', 'timeout', 'connection', 'malformed']);

/** The status the gateway answers with for each failure; the upstream's own auth trouble is not the client's 401. */
const STATUS: Record<UpstreamFailure, number> = {
  rejected: 400,
  auth: 502,
  rate_limited: 429,
  server: 502,
  timeout: 504,
  connection: 502,
  malformed: 502,
  aborted: 499,
  unsupported: 400,
};

const TYPE: Record<UpstreamFailure, string> = {
  rejected: 'invalid_request_error',
  auth: 'upstream_error',
  rate_limited: 'rate_limit_error',
  server: 'upstream_error',
  timeout: 'upstream_error',
  connection: 'upstream_error',
  malformed: 'upstream_error',
  aborted: 'request_aborted',
  unsupported: 'invalid_request_error',
};

export interface UpstreamErrorDetails {
  /** The upstream's HTTP status, when it answered. */
  upstreamStatus?: number;
  /** The status to answer the client with; by default the failure's. */
  status?: number;
  type?: string;
  code?: string | null;
  param?: string | null;
  retryAfterSeconds?: number;
}

/** A failed upstream call, already in OpenAI's error shape for the client. */
export class UpstreamError extends Error {
  readonly status: number;
  readonly upstreamStatus?: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly retryAfterSeconds?: number;

  constructor(readonly failure: UpstreamFailure, message: string, details: UpstreamErrorDetails = {}) {
    super(message);
    this.name = 'UpstreamError';
    this.status = details.status ?? STATUS[failure];
    this.upstreamStatus = details.upstreamStatus;
    this.type = details.type ?? TYPE[failure];
    this.code = details.code ?? `upstream_${failure}`;
    this.param = details.param ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Whether trying again (here or on a fallback endpoint) may succeed. */
  get retryable(): boolean {
    return RETRYABLE.has(this.failure);
  }

  toOpenAI(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** The failure an HTTP status stands for. */
export function failureOfStatus(status: number): UpstreamFailure {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'rejected';
}

/** Seconds from a Retry-After header (delta-seconds form; HTTP dates are rare from model APIs). */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
