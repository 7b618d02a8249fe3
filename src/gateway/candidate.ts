import { applyRules, checkEndpoint, estimateTokens, planData, ruleContext, type Admitted } from './admission.js';
import { denied } from './errors.js';
import type { GatewayCore } from './gateway.js';
import { costOf } from './record.js';
import { type ChatCompletion, type ChatCompletionRequest } from './providers/index.js';
import { mapTexts, readChatRequest, textsOf } from './request.js';
import { stringMetadata, withTemplate } from './template.js';
import { routeCall } from './upstream.js';

export interface CandidateAnswer {
  completion: ChatCompletion;
  latencyMs: number;
  costUsd: number;
  eventId: string;
}

/**
 * Calls a release candidate the way production traffic would reach it — the use case's policy, data-class
 * handling, rules and records — whichever release is active. Evaluations and red-team runs use it, so what a gate
 * measures is what the gateway would let through. Review rules are recorded but hold nothing: there is no one to wait.
 */
export async function callCandidate(core: GatewayCore, tenantId: string, useCaseId: string, releaseId: string, request: ChatCompletionRequest, signal?: AbortSignal): Promise<CandidateAnswer> {
  const t = core.trace('chat');
  try {
    const ctx = await core.d.resolver.forCandidate(tenantId, useCaseId, releaseId);
    t.ctx = ctx;
    if (['rejected', 'retired', 'suspended'].includes(ctx.useCase.stage)) throw denied('use_case_stage', `A ${ctx.useCase.stage} use case cannot be evaluated.`);
    if (!ctx.policy) throw denied('policy_unavailable', `No policy can be evaluated for this use case: ${ctx.policyProblem}. Denied to fail closed.`);
    const target = ctx.active;
    if (!target) throw denied('release_unavailable', `Release ${releaseId} cannot be called: its endpoint is missing from the catalogue.`);
    const a: Admitted = { ctx, policy: ctx.policy, decisions: [{ control: 'evaluation', outcome: 'allow', detail: releaseId }] };
    t.decisions = a.decisions;
    t.releaseId = releaseId;
    const body = readChatRequest({ ...request, model: target.endpoint.name });
    const texts = [...textsOf(body.messages)];
    const plan = planData(a, texts);
    t.found = plan.found;
    const endpoint = plan.routeTo ?? target.endpoint;
    checkEndpoint(a, endpoint, plan.sent);
    t.endpointId = endpoint.id;
    t.provider = endpoint.provider;
    t.model = endpoint.name;
    const tokens = estimateTokens(texts);
    applyRules(a, ruleContext(a, endpoint, 'chat', tokens, [], {}, plan.found, { id: 'evaluation', role: '', verified: false }));
    let i = 0;
    const messages = plan.redaction ? mapTexts(body.messages, (text) => plan.redaction!.redact(text, plan.perText[i++])) : body.messages;
    const metadata = stringMetadata(body.metadata);
    const upstream = { ...body, messages: withTemplate(target, messages, metadata) } as Record<string, unknown>;
    delete upstream.metadata;
    for (const p of ['temperature', 'top_p', 'max_tokens'] as const) if (target.params[p] !== undefined) upstream[p] = target.params[p];
    const { result, endpoint: used } = await routeCall([endpoint, ...target.fallbacks], core.d.breakers, { timeoutMs: target.params.timeoutMs, retries: target.params.retries, signal: signal ?? new AbortController().signal }, (ep, s) =>
      // The simulated provider reads a case's hidden expected label from metadata to be right with its set accuracy.
      ep.adapter.chat({ ...upstream, model: ep.model, ...(ep.provider === 'simulated' ? { metadata } : {}) } as ChatCompletionRequest, { signal: s }),
    );
    t.endpointId = used.id;
    t.model = used.name;
    const completion: ChatCompletion = { ...result.completion, id: t.id, model: used.name };
    if (plan.restore && plan.redaction) for (const c of completion.choices) if (typeof c.message.content === 'string') c.message.content = plan.redaction.restore(c.message.content);
    t.tokensIn = result.usage?.prompt_tokens ?? tokens;
    t.tokensOut = result.usage?.completion_tokens ?? 0;
    t.costUsd = costOf(used, t.tokensIn, t.tokensOut);
    await core.record(t, 'ok', 200, null, false);
    return { completion, latencyMs: Math.round((performance.now() - t.t0) * 100) / 100, costUsd: t.costUsd, eventId: t.id };
  } catch (err) {
    if (t.ctx) await core.record(t, 'error', (err as { status?: number }).status ?? 500, (err as { code?: string }).code ?? 'evaluation_failed', false);
    throw err;
  }
}
