import { type Dispatcher, Pool } from 'undici';
import { UpstreamError } from './errors.js';
import { type CallTimeouts, type CallTiming, DEFAULT_TIMEOUTS, type UpstreamRequest } from './model.js';

export interface PoolOptions {
  /** Connections per upstream origin. */
  connections?: number;
  connectTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

/** One undici Pool per upstream origin, shared by every call of the process. */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: PoolOptions = {}) {}

  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? 128,
        connectTimeout: this.options.connectTimeoutMs ?? 10_000,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}

/** Why the scope aborted a call on its own, as the abort reason. */
class Deadline {
  constructor(readonly message: string) {}
}

/**
 * The lifetime of one call: the client's signal and three precise timers (until headers, between body pieces, the
 * whole call) merged into the one signal undici watches. undici's own timeouts tick at about one second, too coarse
 * for a fallback that should start after 500 ms; they stay as a backstop. `failure` turns whatever undici threw into
 * an UpstreamError that says which limit ended the call.
 */
export class CallScope {
  readonly signal: AbortSignal;
  readonly timing: CallTiming = {};
  readonly timeouts: Required<CallTimeouts>;
  private readonly started = performance.now();
  private readonly controller = new AbortController();
  private readonly total: NodeJS.Timeout;
  private stage: NodeJS.Timeout;
  private readonly onClientAbort = () => this.controller.abort(this.client?.reason);

  constructor(private readonly client: AbortSignal | undefined, timeouts: CallTimeouts = {}) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
    this.signal = this.controller.signal;
    this.total = this.abortAfter(this.timeouts.totalMs, 'the upstream did not finish within the call timeout');
    this.stage = this.abortAfter(this.timeouts.firstByteMs, 'the upstream sent no response headers in time');
    if (client?.aborted) this.controller.abort(client.reason);
    else client?.addEventListener('abort', this.onClientAbort, { once: true });
  }

  elapsed(): number {
    return performance.now() - this.started;
  }

  headersArrived(): void {
    this.timing.headersMs = this.elapsed();
    clearTimeout(this.stage);
    this.stage = this.abortAfter(this.timeouts.idleMs, 'the upstream stream stalled (idle timeout)');
  }

  /** A piece of the body arrived: the idle timer starts again. */
  bodyProgress(): void {
    this.timing.firstByteMs ??= this.elapsed();
    this.stage.refresh();
  }

  end(): void {
    clearTimeout(this.total);
    clearTimeout(this.stage);
    this.client?.removeEventListener('abort', this.onClientAbort);
    this.timing.totalMs ??= this.elapsed();
  }

  failure(err: unknown): UpstreamError {
    if (err instanceof UpstreamError) return err;
    if (this.signal.aborted) {
      const reason: unknown = this.signal.reason;
      return reason instanceof Deadline
        ? new UpstreamError('timeout', reason.message)
        : new UpstreamError('aborted', 'the client went away; the upstream call was aborted');
    }
    const code = (err as { code?: string }).code ?? '';
    const detail = (err as Error).message;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return new UpstreamError('timeout', 'the upstream sent no response headers in time');
    if (code === 'UND_ERR_BODY_TIMEOUT') return new UpstreamError('timeout', 'the upstream stream stalled (idle timeout)');
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new UpstreamError('timeout', 'connecting to the upstream timed out');
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
      return new UpstreamError('connection', `the upstream connection was reset or closed (${detail})`);
    }
    return new UpstreamError('connection', `the upstream could not be reached (${code || detail})`);
  }

  private abortAfter(ms: number, message: string): NodeJS.Timeout {
    return setTimeout(() => this.controller.abort(new Deadline(message)), ms);
  }
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** Sends one request through the origin's pool; resolves when headers arrive. */
export async function send(pools: UpstreamPools, origin: string, request: UpstreamRequest, scope: CallScope): Promise<UpstreamResponse> {
  try {
    const response = await pools.pool(origin).request({
      method: 'POST',
      path: request.path,
      headers: request.headers,
      body: request.body,
      signal: scope.signal,
      headersTimeout: scope.timeouts.firstByteMs + 1_000,
      bodyTimeout: scope.timeouts.idleMs + 1_000,
    });
    scope.headersArrived();
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (err) {
    throw scope.failure(err);
  }
}

/** Reads a whole (error or JSON) body of at most `limit` bytes as UTF-8 text. */
export async function readText(body: UpstreamResponse['body'], scope: CallScope, limit = 16_777_216): Promise<string> {
  const pieces: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const piece of body as AsyncIterable<Buffer>) {
      scope.bodyProgress();
      bytes += piece.length;
      if (bytes > limit) {
        body.destroy();
        throw new UpstreamError('malformed', `the upstream answer exceeded ${limit} bytes`);
      }
      pieces.push(piece);
    }
  } catch (err) {
    throw scope.failure(err);
  }
  return Buffer.concat(pieces, bytes).toString('utf8');
}
