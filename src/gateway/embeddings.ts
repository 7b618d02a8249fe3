import type { FastifyReply, FastifyRequest } from 'fastify';
import { applyRules, checkEndpoint, estimateTokens, planData, ruleContext } from './admission.js';
import { modelNotFound } from './errors.js';
import type { GatewayCore } from './gateway.js';
import { costOf } from './record.js';
import { embeddingTexts, readEmbeddingsRequest } from './request.js';
import { type EmbeddingsRequest, UpstreamError } from './providers/index.js';
import { routeCall, toGatewayError } from './upstream.js';

/** POST /v1/embeddings: the named endpoint must be an embeddings model the tier and pack allow. */
export async function embeddings(core: GatewayCore, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const t = core.trace('embeddings');
  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
  });
  try {
    const a = await core.admit(req, t);
    const body = readEmbeddingsRequest(req.body);
    const ep = a.ctx.endpoints.get(body.model);
    if (!ep || ep.kind !== 'embeddings') throw modelNotFound(body.model, embeddingModels(a));
    const endUser = await core.endUser(req, a, t, body.user);
    const texts = embeddingTexts(body.input);
    const plan = planData(a, texts);
    t.found = plan.found;
    checkEndpoint(a, ep, plan.sent);
    t.endpointId = ep.id;
    t.provider = ep.provider;
    t.model = ep.name;
    const tokens = estimateTokens(texts);
    applyRules(a, ruleContext(a, ep, 'embedding', tokens, [], {}, plan.found, endUser));
    core.limit(a, tokens);
    let i = 0;
    const input = plan.redaction
      ? typeof body.input === 'string' ? plan.redaction.redact(body.input, plan.perText[0]) : (body.input as unknown[]).map((x) => (typeof x === 'string' ? plan.redaction!.redact(x, plan.perText[i++]) : x))
      : body.input;
    t.redactions = plan.redaction?.size ?? 0;
    t.promptForHash = JSON.stringify(body.input);
    t.storedPrompt = a.policy.logging.mode === 'full' ? t.promptForHash : null;
    const { result } = await routeCall([ep], core.d.breakers, { timeoutMs: 30_000, retries: 1, signal: abort.signal }, (e, signal) => e.adapter.embeddings({ ...body, input, model: e.model } as EmbeddingsRequest, { signal }));
    t.tokensIn = result.embeddings.usage?.prompt_tokens ?? tokens;
    t.costUsd = costOf(ep, t.tokensIn, 0);
    core.settle(a, tokens, t);
    await core.record(t, 'ok', 200, null, a.policy.durableRecords);
    return reply.code(200).send({ ...result.embeddings, model: ep.name });
  } catch (err) {
    return core.fail(reply, t, err instanceof UpstreamError ? toGatewayError(err) : err);
  }
}

function embeddingModels(a: Parameters<typeof checkEndpoint>[0]): string[] {
  return [...a.ctx.endpoints.values()].filter((e) => e.kind === 'embeddings' && e.status !== 'blocked' && a.ctx.useCase.tier && e.approvedTiers.includes(a.ctx.useCase.tier) && a.policy.allowsModel(e.provider, e.model)).map((e) => e.name);
}

/** GET /v1/models: only what this key may use. */
export async function listModels(core: GatewayCore, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const t = core.trace('chat');
  try {
    const a = await core.admit(req, t);
    const chat = [a.ctx.active?.endpoint, a.ctx.canary?.target.endpoint].filter((e) => !!e).map((e) => e!.name);
    const names = [...new Set([...chat, ...embeddingModels(a)])];
    return reply.send({ object: 'list', data: names.map((id) => ({ id, object: 'model', created: 0, owned_by: a.ctx.endpoints.get(id)?.provider ?? 'charter' })) });
  } catch (err) {
    t.ctx = undefined; // listing models is not a model call; refusals are not recorded
    return core.fail(reply, t, err);
  }
}
