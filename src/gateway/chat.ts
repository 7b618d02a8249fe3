import type { FastifyReply, FastifyRequest } from 'fastify';
import { applyRules, chooseRelease, checkEndpoint, estimateTokens, planData, ruleContext } from './admission.js';
import { StreamRestorer } from './detectors/stream.js';
import { RedactionSession } from './detectors/redaction.js';
import { denied, GatewayError } from './errors.js';
import type { GatewayCore } from './gateway.js';
import { type CallTrace, costOf } from './record.js';
import { type ChatMessage, type ChatRequest, mapTexts, readChatRequest, textsOf } from './request.js';
import { stringMetadata, withTemplate } from './template.js';
import { type ChatCompletion as Completion, type ChatCompletionChunk as Chunk, type ChatCompletionRequest, UpstreamError } from './providers/index.js';
import { routeCall, toGatewayError } from './upstream.js';

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/** POST /v1/chat/completions: every control of the use case's pack, then the upstream, streamed or whole. */
export async function chatCompletions(core: GatewayCore, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  const t = core.trace('chat');
  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
  });
  try {
    const a = await core.admit(req, t);
    const body = readChatRequest(req.body);
    const target = chooseRelease(a, body.model, Math.random());
    t.releaseId = target.releaseId;
    const endUser = await core.endUser(req, a, t, body.user);
    const tools = (body.tools ?? []).map((tool) => tool.function?.name ?? '').filter(Boolean);
    const refused = tools.filter((n) => !target.params.allowedTools.includes(n));
    if (refused.length) throw denied('tool_not_allowed', `The release does not allow the tool(s): ${refused.join(', ')}.`);

    const texts = [...textsOf(body.messages)];
    const plan = planData(a, texts);
    t.found = plan.found;
    const endpoint = plan.routeTo ?? target.endpoint;
    checkEndpoint(a, endpoint, plan.sent);
    const endpoints = [endpoint, ...(plan.routeTo ? [] : target.fallbacks.filter((f) => f.status !== 'blocked'))];
    t.endpointId = endpoint.id;
    t.provider = endpoint.provider;
    t.model = endpoint.name;
    const tokens = estimateTokens(texts);
    const metadata = stringMetadata(body.metadata);
    // Retrieval sources the application names are kept with the call, so a reviewer can see what grounded an answer.
    if (metadata.retrieval_sources) a.decisions.push({ control: 'retrieval', outcome: 'allow', detail: metadata.retrieval_sources.slice(0, 500) });
    const review = applyRules(a, ruleContext(a, endpoint, 'chat', tokens, tools, metadata, plan.found, endUser));
    const hold = review.review && a.policy.review.mode === 'hold';
    if (hold && body.stream) throw new GatewayError(403, 'permission_error', 'review_required', 'This request needs human review before its answer is released, which a stream cannot wait for. Send it without stream (optionally with x-charter-async: 1).');
    core.limit(a, tokens);

    let i = 0;
    const messages = plan.redaction ? mapTexts(body.messages, (text) => plan.redaction!.redact(text, plan.perText[i++])) : body.messages;
    t.redactions = plan.redaction?.size ?? 0;
    const upstreamBody: Record<string, unknown> = { ...body, messages: withTemplate(target, messages, metadata) };
    delete upstreamBody.metadata;
    for (const p of ['temperature', 'top_p', 'max_tokens'] as const) if (target.params[p] !== undefined) upstreamBody[p] = target.params[p];
    logTexts(t, a.policy.logging.mode, body.messages, messages, plan.findings.length === 0);

    const route = { timeoutMs: target.params.timeoutMs, retries: target.params.retries, signal: abort.signal };
    if (body.stream) return await streamAnswer(core, reply, t, a, plan.redaction, plan.restore, endpoints, route, upstreamBody, tokens);

    const { result, endpoint: used } = await routeCall(endpoints, core.d.breakers, route, (ep, signal) => ep.adapter.chat({ ...upstreamBody, model: ep.model } as ChatCompletionRequest, { signal }));
    t.endpointId = used.id;
    t.model = used.name;
    const completion: Completion = { ...result.completion, id: t.id, model: used.name };
    if (plan.restore && plan.redaction) for (const c of completion.choices) if (typeof c.message.content === 'string') c.message.content = plan.redaction.restore(c.message.content);
    settleUsage(core, a, t, used, completion.usage, tokens, completion.choices.map((c) => c.message.content ?? '').join(''));
    const answer = completion.choices.map((c) => c.message.content ?? '').join('\n');
    if (hold) return await holdForReview(core, req, reply, t, a, messages, answer, review.reason ?? 'policy rule');
    const sampled = a.policy.review.mode === 'sample' && (review.review || Math.random() < a.policy.review.sampleRate);
    if (sampled) t.reviewId = await core.d.reviews.hold({ tenantId: a.ctx.tenantId, useCaseId: a.ctx.useCase.id, eventId: t.id, keyId: a.ctx.keyId, mode: 'sample', reasons: [review.reason ?? 'sampled'], dataClasses: plan.found.categories, request: messages, answer, keepPayloads: a.policy.logging.mode !== 'metadata', retentionDays: a.policy.logging.retentionDays });
    await core.record(t, 'ok', 200, null, a.policy.durableRecords);
    return reply.code(200).header('x-charter-use-case', a.ctx.useCase.id).header('x-charter-release', target.releaseId).send(completion);
  } catch (err) {
    return core.fail(reply, t, err instanceof UpstreamError ? toGatewayError(err) : err);
  }
}

function settleUsage(core: GatewayCore, a: Parameters<GatewayCore['settle']>[0], t: CallTrace, ep: { priceIn: number; priceOut: number } & Parameters<typeof costOf>[0], usage: Completion['usage'] | null | undefined, estimated: number, answer: string) {
  t.tokensIn = usage?.prompt_tokens ?? estimated;
  t.tokensOut = usage?.completion_tokens ?? Math.ceil(answer.length / 4);
  t.costUsd = costOf(ep, t.tokensIn, t.tokensOut);
  core.settle(a, estimated, t);
  t.answerForHash = answer;
  const mode = a.policy.logging.mode;
  t.storedAnswer = mode === 'full' ? answer : mode === 'redacted' ? redactForLog(a.ctx.scanner, answer) : null;
}

function redactForLog(scanner: { scan(text: string): Parameters<RedactionSession['redact']>[1] }, text: string): string {
  return new RedactionSession().redact(text, scanner.scan(text));
}

/** What the logging policy lets the database keep of the prompt: everything, a redacted copy, or only its hash. */
function logTexts(t: CallTrace, mode: 'full' | 'redacted' | 'metadata', original: ChatMessage[], sent: ChatMessage[], clean = false) {
  t.promptForHash = JSON.stringify(original);
  // `clean`: the detectors found nothing in the prompt, so its redacted copy is the prompt itself (no second scan).
  if (mode === 'full' || (mode === 'redacted' && clean)) t.storedPrompt = t.promptForHash;
  else if (mode === 'redacted') t.storedPrompt = JSON.stringify(mapTexts(sent, (text) => redactForLog(t.ctx!.scanner, text)));
  else t.storedPrompt = null;
}

async function holdForReview(core: GatewayCore, req: FastifyRequest, reply: FastifyReply, t: CallTrace, a: Parameters<GatewayCore['settle']>[0], sent: ChatMessage[], answer: string, reason: string) {
  const webhook = req.headers['x-charter-webhook-url'];
  t.reviewId = await core.d.reviews.hold({
    tenantId: a.ctx.tenantId, useCaseId: a.ctx.useCase.id, eventId: t.id, keyId: a.ctx.keyId, mode: 'hold', reasons: [reason],
    dataClasses: t.found?.categories ?? [], request: sent, answer, webhookUrl: typeof webhook === 'string' ? webhook : undefined,
    keepPayloads: a.policy.logging.mode !== 'metadata', retentionDays: a.policy.logging.retentionDays,
  });
  t.storedAnswer = null;
  await core.record(t, 'held', req.headers['x-charter-async'] === '1' ? 202 : 403, 'review_required', a.policy.durableRecords);
  const location = `/v1/charter/reviews/${t.reviewId}`;
  if (req.headers['x-charter-async'] === '1') return reply.code(202).header('location', location).send({ id: t.reviewId, object: 'charter.review', status: 'pending', response_id: t.id, url: location });
  const e = new GatewayError(403, 'permission_error', 'review_required', `The answer is held for human review (${reason}). Fetch it from ${location} once a reviewer releases it.`, null, {}, { review_id: t.reviewId });
  return reply.code(403).send(e.body());
}

async function streamAnswer(
  core: GatewayCore, reply: FastifyReply, t: CallTrace, a: Parameters<GatewayCore['settle']>[0],
  redaction: RedactionSession | undefined, restore: boolean, endpoints: Parameters<typeof routeCall>[0], route: Parameters<typeof routeCall>[2],
  upstreamBody: Record<string, unknown>, estimated: number,
) {
  t.streamed = true;
  const { result: stream, endpoint: used } = await routeCall(endpoints, core.d.breakers, route, (ep, signal) =>
    ep.adapter.chatStream({ ...upstreamBody, model: ep.model, stream: true, stream_options: { include_usage: true } } as ChatCompletionRequest, { signal }),
  );
  t.endpointId = used.id;
  t.model = used.name;
  const it = stream[Symbol.asyncIterator]();
  const result = { it, first: await it.next() };
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { ...SSE_HEADERS, 'x-charter-use-case': a.ctx.useCase.id, 'x-charter-release': t.releaseId ?? '' });
  const restorers = new Map<number, StreamRestorer>();
  let answer = '';
  let usage: Chunk['usage'] | undefined;
  const write = (chunk: Chunk) => raw.write(`data: ${JSON.stringify(chunk)}\n\n`);
  let last: Chunk | undefined;
  try {
    for (let step = result.first; !step.done; step = await result.it.next()) {
      const chunk = step.value;
      last = chunk;
      chunk.id = t.id;
      chunk.model = used.name;
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        const text = choice.delta.content;
        if (typeof text !== 'string' || text.length === 0) continue;
        if (t.ttftMs === undefined) t.ttftMs = Math.round((performance.now() - t.t0) * 100) / 100;
        answer += text;
        if (restore && redaction) {
          let r = restorers.get(choice.index);
          if (!r) restorers.set(choice.index, (r = new StreamRestorer(redaction)));
          choice.delta.content = r.push(text);
        }
      }
      write(chunk);
    }
    for (const [index, r] of restorers) {
      const rest = r.end();
      if (rest && last) write({ ...last, choices: [{ index, delta: { content: rest }, finish_reason: null }], usage: null });
    }
  } catch (err) {
    const aborted = route.signal.aborted;
    settleUsage(core, a, t, used, usage, estimated, answer);
    await core.record(t, aborted ? 'aborted' : 'upstream_error', aborted ? 499 : 502, aborted ? 'client_disconnected' : 'stream_interrupted', a.policy.durableRecords);
    if (!aborted) raw.write(`data: ${JSON.stringify({ error: { message: `The upstream stream broke: ${(err as Error).message}`, type: 'upstream_error', code: 'stream_interrupted' } })}\n\n`);
    raw.end();
    return;
  }
  settleUsage(core, a, t, used, usage, estimated, answer);
  await core.record(t, 'ok', 200, null, a.policy.durableRecords);
  raw.end('data: [DONE]\n\n');
}
