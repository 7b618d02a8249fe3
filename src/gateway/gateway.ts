import type { FastifyReply, FastifyRequest } from 'fastify';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Kernel } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { type Admitted, admitKey } from './admission.js';
import { callCandidate } from './candidate.js';
import type { ChatCompletionRequest } from './providers/index.js';
import type { CircuitBreakers } from './circuit.js';
import type { EndUsers } from './end-users.js';
import { GatewayError, rateLimited } from './errors.js';
import type { Limiter } from './limits.js';
import { type CallTrace, type Outcome, toRecord } from './record.js';
import type { GatewayRecorder } from './recorder.js';
import type { KeyResolver } from './resolver.js';
import type { ReviewService } from './reviews/service.js';

export interface GatewayDeps {
  resolver: KeyResolver;
  endUsers: EndUsers;
  recorder: GatewayRecorder;
  reviews: ReviewService;
  limiter: Limiter;
  breakers: CircuitBreakers;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Shared steps of every /v1 call: authenticate, admit, limit, record. */
export class GatewayCore {
  constructor(readonly k: Kernel, readonly d: GatewayDeps) {}

  /** Calls a release candidate through the use case's policy (see candidate.ts); for evaluations and red-team runs. */
  callCandidate(tenantId: string, useCaseId: string, releaseId: string, body: ChatCompletionRequest, signal?: AbortSignal) {
    return callCandidate(this, tenantId, useCaseId, releaseId, body, signal);
  }

  trace(kind: CallTrace['kind']): CallTrace {
    return { id: `${kind === 'chat' ? 'chatcmpl' : 'emb'}-${newId('ge').slice(3)}`, kind, startedAt: this.k.clock.now().getTime(), t0: performance.now(), decisions: [], redactions: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, streamed: false };
  }

  async admit(req: FastifyRequest, t: CallTrace): Promise<Admitted> {
    const auth = header(req, 'authorization');
    const secret = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : header(req, 'api-key');
    const ctx = secret ? await this.d.resolver.resolve(secret) : undefined;
    t.ctx = ctx;
    const a = admitKey(ctx, this.k.clock.now().getTime());
    t.decisions = a.decisions;
    t.caseId = header(req, 'x-charter-case-id')?.slice(0, 200);
    return a;
  }

  async endUser(req: FastifyRequest, a: Admitted, t: CallTrace, bodyUser: unknown) {
    t.endUser = await this.d.endUsers.resolve(a.ctx.tenantId, header(req, 'x-charter-end-user-token'), header(req, 'x-charter-end-user') ?? (typeof bodyUser === 'string' ? bodyUser : undefined));
    return t.endUser;
  }

  /** Requests and tokens per minute, spend per day and month, for the key and for the use case. */
  limit(a: Admitted, tokens: number): void {
    const now = this.k.clock.now();
    const budget = { ...a.policy.budget };
    const throttle = a.ctx.throttle;
    if (throttle) budget.requestsPerMinute = Math.min(budget.requestsPerMinute ?? Infinity, throttle.requestsPerMinute);
    for (const scope of [`key:${a.ctx.keyId}`, `usecase:${a.ctx.useCase.id}`]) {
      const v = this.d.limiter.admit(scope, budget, tokens, now);
      if (!v.ok) {
        a.decisions.push({ control: 'budget', outcome: 'deny', detail: v.reason });
        throw rateLimited(`Rate limit or budget reached (${v.reason}).${throttle ? ' The use case is throttled by an open incident.' : ''}`, v.retryAfterS ?? 60);
      }
    }
  }

  settle(a: Admitted, estimated: number, t: CallTrace): void {
    const now = this.k.clock.now();
    for (const scope of [`key:${a.ctx.keyId}`, `usecase:${a.ctx.useCase.id}`]) this.d.limiter.settle(scope, estimated, t.tokensIn + t.tokensOut, t.costUsd, now);
  }

  /** Writes the call's record; durable tiers wait for the commit. Returns a promise only when it must be awaited. */
  record(t: CallTrace, outcome: Outcome, status: number, code: string | null, durable: boolean): Promise<void> | undefined {
    const policy = t.ctx?.policy;
    const rec = toRecord(t, outcome, status, code, this.k.clock.now(), policy?.logging.retentionDays);
    const obs = this.k.obs;
    obs.gatewayRequests.inc({ use_case: t.ctx?.useCase.id ?? 'unknown', outcome, kind: t.kind });
    obs.gatewayLatency.observe({ kind: t.kind }, rec.latency_ms / 1000);
    this.span(t, outcome, status, code);
    return this.d.recorder.record(rec, durable);
  }

  /** One span per call with the OpenTelemetry GenAI semantic conventions (a no-op until an SDK is registered). */
  private span(t: CallTrace, outcome: Outcome, status: number, code: string | null): void {
    const operation = t.kind === 'chat' ? 'chat' : 'embeddings';
    const model = t.model ?? 'unknown';
    const span = this.k.obs.tracer.startSpan(`${operation} ${model}`, {
      kind: SpanKind.CLIENT,
      startTime: t.startedAt,
      attributes: {
        'gen_ai.operation.name': operation,
        'gen_ai.system': t.provider ?? 'unknown',
        'gen_ai.request.model': model,
        'gen_ai.response.id': t.id,
        'gen_ai.usage.input_tokens': t.tokensIn,
        'gen_ai.usage.output_tokens': t.tokensOut,
        'http.response.status_code': status,
        'charter.use_case.id': t.ctx?.useCase.id ?? '',
        'charter.release.id': t.releaseId ?? '',
        'charter.outcome': outcome,
        'charter.cost_usd': t.costUsd,
        ...(code ? { 'error.type': code } : {}),
      },
    });
    if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: code ?? String(status) });
    span.end(t.startedAt + (performance.now() - t.t0));
  }

  /** Renders a gateway error in OpenAI's shape and records the refusal. */
  async fail(reply: FastifyReply, t: CallTrace, err: unknown): Promise<FastifyReply> {
    const e = err instanceof GatewayError ? err : new GatewayError(500, 'api_error', 'internal_error', 'The gateway failed to handle the request; it has been logged.');
    if (!(err instanceof GatewayError)) this.k.log.error({ err, call: t.id }, 'gateway call failed');
    const outcome: Outcome = e.status === 429 ? 'rate_limited' : e.code === 'data_class_blocked' ? 'blocked' : e.status === 401 || e.status === 403 || e.status === 404 ? 'denied' : e.status >= 500 ? 'upstream_error' : 'error';
    // A call refused before a key was recognised is not attributable to a tenant; it is logged, not recorded.
    if (t.ctx) await this.record(t, outcome, e.status, e.code, !!t.ctx.policy?.durableRecords);
    if (reply.raw.headersSent) {
      reply.raw.end();
      return reply;
    }
    return reply.code(e.status).headers(e.headers).send(e.body());
  }
}
