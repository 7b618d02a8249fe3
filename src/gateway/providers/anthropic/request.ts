import { UpstreamError } from '../errors.js';
import type { UpstreamEndpoint, UpstreamRequest } from '../model.js';
import type { ChatCompletionRequest, ChatMessage, ContentPart, TextPart, ToolChoice } from '../wire.js';

export const ANTHROPIC_VERSION = '2023-06-01';
export const DEFAULT_MAX_TOKENS = 4096;

type Block = Record<string, unknown> & { type: string };
interface MessageParam {
  role: 'user' | 'assistant';
  content: Block[];
}

const unsupported = (message: string, param: string) => new UpstreamError('unsupported', message, { code: 'unsupported_parameter', param });

function textOf(content: string | TextPart[] | null | undefined): string {
  if (content == null) return '';
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** `data:` URLs become base64 image blocks, other URLs url blocks. */
function block(part: ContentPart): Block {
  if (part.type === 'text') return { type: 'text', text: (part as TextPart).text };
  if (part.type === 'image_url') {
    const url = (part as { image_url: { url: string } }).image_url.url;
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    return data ? { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } } : { type: 'image', source: { type: 'url', url } };
  }
  throw unsupported(`content parts of type ${part.type} cannot be sent to an Anthropic endpoint`, 'messages');
}

function toolUse(message: Extract<ChatMessage, { role: 'assistant' }>): Block[] {
  return (message.tool_calls ?? []).map((call) => {
    let input: unknown;
    try {
      input = JSON.parse(call.function.arguments || '{}');
    } catch {
      throw new UpstreamError('rejected', `the arguments of tool call ${call.id} are not valid JSON`, { param: 'messages', code: 'invalid_tool_arguments' });
    }
    return { type: 'tool_use', id: call.id, name: call.function.name, input };
  });
}

/**
 * OpenAI messages → Messages API: system and developer messages become `system`; tool results become user
 * `tool_result` blocks; assistant tool calls become `tool_use` blocks; consecutive turns of one role merge, as the
 * Messages API wants user and assistant to alternate.
 */
function messages(request: ChatCompletionRequest): { system: string; turns: MessageParam[] } {
  const system: string[] = [];
  const turns: MessageParam[] = [];
  const add = (role: MessageParam['role'], content: Block[]) => {
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };
  for (const m of request.messages) {
    if (m.role === 'system' || m.role === 'developer') system.push(textOf(m.content));
    else if (m.role === 'user') add('user', typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content.map(block));
    else if (m.role === 'tool') add('user', [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: textOf(m.content) }]);
    else if (m.role === 'assistant') {
      const text = textOf(m.content);
      add('assistant', [...(text ? [{ type: 'text', text }] : []), ...toolUse(m)]);
    } else throw unsupported(`messages with role ${(m as { role: string }).role} cannot be sent to an Anthropic endpoint`, 'messages');
  }
  return { system: system.join('\n\n'), turns };
}

function toolChoice(choice: ToolChoice | undefined, parallel: boolean | undefined): Record<string, unknown> | undefined {
  const noParallel = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...noParallel } : undefined;
  if (choice === 'auto') return { type: 'auto', ...noParallel };
  if (choice === 'required') return { type: 'any', ...noParallel };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.function.name, ...noParallel };
}

/** Maps an OpenAI chat request to a Messages API request (`POST /v1/messages`). */
export function chatRequest(endpoint: UpstreamEndpoint, basePath: string, request: ChatCompletionRequest): UpstreamRequest {
  if ((request.n ?? 1) !== 1) throw unsupported('Anthropic endpoints return one choice; n must be 1', 'n');
  if (request.response_format && request.response_format.type !== 'text') {
    throw unsupported('response_format is not supported by Anthropic endpoints', 'response_format');
  }
  const { system, turns } = messages(request);
  const stop = request.stop == null ? undefined : Array.isArray(request.stop) ? request.stop : [request.stop];
  const body: Record<string, unknown> = {
    model: endpoint.model,
    messages: turns,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? endpoint.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
    ...(system && { system }),
    ...(request.temperature != null && { temperature: Math.min(request.temperature, 1) }), // OpenAI's range is 0–2
    ...(request.top_p != null && { top_p: request.top_p }),
    ...(stop && { stop_sequences: stop }),
    ...(request.stream && { stream: true }),
    ...(request.user && { metadata: { user_id: request.user } }),
  };
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description && { description: t.function.description }),
      input_schema: t.function.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const choice = toolChoice(request.tool_choice, request.parallel_tool_calls);
  if (choice && request.tools?.length) body.tool_choice = choice;
  return {
    path: `${basePath}/v1/messages`,
    headers: {
      'content-type': 'application/json',
      accept: request.stream ? 'text/event-stream' : 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
      ...(endpoint.apiKey && { 'x-api-key': endpoint.apiKey }),
      ...endpoint.headers,
    },
    body: JSON.stringify(body),
  };
}
