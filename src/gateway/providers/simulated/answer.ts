import { countPromptTokens, countTextTokens, tokenPieces } from '../tokens.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChunkDelta, FinishReason, Usage } from '../wire.js';
import type { SimulatedReply } from './behaviour.js';
import { shortHash } from './random.js';

/** The fixed facts of one simulated answer: who answers, when, and what it costs in tokens. */
export interface AnswerFrame {
  id: string;
  model: string;
  created: number;
  usage: Usage;
}

export function frameOf(request: ChatCompletionRequest, reply: SimulatedReply, model: string, now: Date): AnswerFrame {
  const prompt = countPromptTokens(request);
  const completion = countTextTokens(reply.kind === 'text' ? reply.text : reply.name + reply.arguments);
  return {
    id: `chatcmpl-sim-${shortHash(JSON.stringify(request.messages), now.getTime())}`,
    model,
    created: Math.floor(now.getTime() / 1000),
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

export function completionOf(reply: SimulatedReply, frame: AnswerFrame): ChatCompletion {
  const message: ChatCompletion['choices'][number]['message'] =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text, refusal: null }
      : { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: reply.id, type: 'function', function: { name: reply.name, arguments: reply.arguments } }] };
  return {
    id: frame.id,
    object: 'chat.completion',
    created: frame.created,
    model: frame.model,
    system_fingerprint: 'simulated',
    choices: [{ index: 0, message, finish_reason: reply.kind === 'text' ? reply.finish : 'tool_calls', logprobs: null }],
    usage: frame.usage,
  };
}

/**
 * The answer as OpenAI streams it: a role chunk, content in token-sized pieces (or a tool call whose arguments
 * arrive in fragments), a finish chunk and, when asked for, the usage chunk with no choices.
 */
export function chunksOf(reply: SimulatedReply, frame: AnswerFrame, tokensPerChunk: number, includeUsage: boolean): ChatCompletionChunk[] {
  const chunk = (delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk => ({
    id: frame.id,
    object: 'chat.completion.chunk',
    created: frame.created,
    model: frame.model,
    system_fingerprint: 'simulated',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...(includeUsage && { usage: null }),
  });
  const chunks = [chunk({ role: 'assistant', content: reply.kind === 'text' ? '' : null })];
  if (reply.kind === 'text') {
    for (const piece of tokenPieces(reply.text, tokensPerChunk)) chunks.push(chunk({ content: piece }));
    chunks.push(chunk({}, reply.finish));
  } else {
    chunks.push(chunk({ tool_calls: [{ index: 0, id: reply.id, type: 'function', function: { name: reply.name, arguments: '' } }] }));
    for (const piece of tokenPieces(reply.arguments, tokensPerChunk)) chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    chunks.push(chunk({}, 'tool_calls'));
  }
  if (includeUsage) chunks.push({ ...chunk({}), choices: [], usage: frame.usage });
  return chunks;
}
