import type { CircuitBreakers } from './circuit.js';
import type { EndpointRuntime } from './context.js';
import { GatewayError } from './errors.js';
import { UpstreamError } from './providers/index.js';

export interface RouteOptions {
  timeoutMs: number;
  retries: number;
  signal: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Calls the primary endpoint, then its fallbacks: retryable failures (timeouts, resets, 429, 5xx, malformed answers)
 * are retried with exponential backoff and full jitter, then passed to the next endpoint; an open circuit skips an
 * endpoint at once. Failures that another try cannot mend (the request itself was refused) are returned at once.
 */
export async function routeCall<T>(
  endpoints: readonly EndpointRuntime[],
  breakers: CircuitBreakers,
  opts: RouteOptions,
  call: (ep: EndpointRuntime, signal: AbortSignal) => Promise<T>,
): Promise<{ result: T; endpoint: EndpointRuntime; attempts: number }> {
  let last: UpstreamError | undefined;
  let attempts = 0;
  for (const ep of endpoints) {
    if (!breakers.allows(ep.id, Date.now())) {
      last = new UpstreamError('server', `${ep.name}: circuit open after repeated failures`, { status: 503 });
      continue;
    }
    for (let attempt = 0; attempt <= opts.retries; attempt++) {
      if (opts.signal.aborted) throw opts.signal.reason;
      attempts++;
      // The timeout bounds the call until it resolves: a whole answer, or a stream's acceptance. One controller per
      // attempt, aborted by the client's signal or by the timeout (cheaper than AbortSignal.any, which tracks its
      // sources through weak references on every call). After success it keeps following the client's signal, so a
      // client that leaves mid-stream still aborts the upstream call.
      const ctl = new AbortController();
      const onClientAbort = () => ctl.abort(opts.signal.reason);
      opts.signal.addEventListener('abort', onClientAbort, { once: true });
      let timedOut: UpstreamError | undefined;
      const timer = setTimeout(() => ctl.abort((timedOut = new UpstreamError('timeout', `${ep.name} did not answer within ${opts.timeoutMs} ms`))), opts.timeoutMs);
      try {
        const result = await call(ep, ctl.signal);
        clearTimeout(timer);
        breakers.success(ep.id);
        return { result, endpoint: ep, attempts };
      } catch (err) {
        clearTimeout(timer);
        opts.signal.removeEventListener('abort', onClientAbort);
        if (opts.signal.aborted) throw err;
        const e = asUpstreamError(err, timedOut, ep);
        if (!e.retryable) throw e;
        breakers.failure(ep.id, Date.now());
        last = e;
        if (attempt < opts.retries) await sleep(Math.random() * Math.min(2000, 100 * 2 ** attempt), opts.signal);
      }
    }
  }
  throw last ?? new UpstreamError('server', 'no endpoint could serve the call');
}

function asUpstreamError(err: unknown, timedOut: UpstreamError | undefined, ep: EndpointRuntime): UpstreamError {
  if (timedOut) return timedOut;
  if (err instanceof UpstreamError) return err;
  return new UpstreamError('connection', `${ep.name}: ${(err as Error).message ?? String(err)}`);
}

/** The client sees the upstream failure in OpenAI's shape, with the status routing settled on. */
export function toGatewayError(e: UpstreamError): GatewayError {
  const body = e.toOpenAI().error;
  return new GatewayError(e.status, body.type as GatewayError['type'], body.code ?? 'upstream_error', body.message, body.param ?? null, e.retryAfterSeconds ? { 'retry-after': String(e.retryAfterSeconds) } : {});
}
