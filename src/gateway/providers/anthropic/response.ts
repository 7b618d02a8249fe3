import { UpstreamError } from '../errors.js';
import type { AnswerContext } from '../model.js';
import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../wire.js';

export interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

interface AnthropicMessage {
  id: string;
  model: string;
  content: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>;
  stop_reason: string | null;
  usage?: AnthropicUsage;
}

const FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export const finishReason = (stopReason: string | null | undefined): FinishReason | null => (stopReason ? (FINISH[stopReason] ?? 'stop') : null);

/** Cached input counts as prompt tokens, as OpenAI reports it; the cached share is kept in the details. */
export function openaiUsage(usage: AnthropicUsage, outputTokens = usage.output_tokens ?? 0): Usage {
  const cached = usage.cache_read_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + cached + (usage.cache_creation_input_tokens ?? 0);
  return { prompt_tokens: prompt, completion_tokens: outputTokens, total_tokens: prompt + outputTokens, prompt_tokens_details: { cached_tokens: cached } };
}

/** A Messages API answer → chat.completion: text blocks join into the content, tool_use blocks become tool_calls. */
export function chatResponse(body: unknown, context: AnswerContext): ChatCompletion {
  const message = body as AnthropicMessage;
  if (typeof message !== 'object' || message === null || !Array.isArray(message.content)) {
    throw new UpstreamError('malformed', 'the upstream answer is not an Anthropic message (no content)');
  }
  const text = message.content.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
  const toolCalls: ToolCall[] = message.content
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({ id: b.id ?? '', type: 'function', function: { name: b.name ?? '', arguments: JSON.stringify(b.input ?? {}) } }));
  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(context.clock.now().getTime() / 1000),
    model: message.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text || (toolCalls.length ? null : ''), ...(toolCalls.length && { tool_calls: toolCalls }), refusal: null },
        finish_reason: finishReason(message.stop_reason),
        logprobs: null,
      },
    ],
    ...(message.usage && { usage: openaiUsage(message.usage) }),
  };
}
