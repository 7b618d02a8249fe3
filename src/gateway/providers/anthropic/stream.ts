import { UpstreamError } from '../errors.js';
import type { AnswerContext, ChunkTranslator, SseEvent } from '../model.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason, Usage } from '../wire.js';
import { anthropicError } from './errors.js';
import { type AnthropicUsage, finishReason, openaiUsage } from './response.js';

interface StreamEvent {
  type: string;
  index?: number;
  message?: { id: string; model: string; usage?: AnthropicUsage };
  content_block?: { type: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

/**
 * The Messages stream (message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error) as
 * chat.completion.chunk objects. Tool-use blocks get OpenAI tool-call indexes in the order they start; their
 * input_json_delta fragments become `function.arguments` deltas. Unknown events are skipped, as Anthropic advises.
 */
export class AnthropicChunkTranslator implements ChunkTranslator {
  usage: Usage | undefined;
  finished = false;
  private id = '';
  private model = '';
  private created = 0;
  private inputUsage: AnthropicUsage = {};
  private readonly toolIndexByBlock = new Map<number, number>();

  constructor(private readonly context: AnswerContext) {}

  translate(sse: SseEvent): ChatCompletionChunk[] | 'done' {
    let event: StreamEvent;
    try {
      event = JSON.parse(sse.data);
    } catch (err) {
      throw new UpstreamError('malformed', `the upstream sent a stream event that is not JSON (${(err as Error).message})`);
    }
    switch (event.type) {
      case 'message_start':
        if (!event.message) throw new UpstreamError('malformed', 'message_start without a message');
        this.id = event.message.id;
        this.model = event.message.model;
        this.created = Math.floor(this.context.clock.now().getTime() / 1000);
        this.inputUsage = event.message.usage ?? {};
        this.usage = openaiUsage(this.inputUsage);
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content_block_start':
        return this.blockStart(event);
      case 'content_block_delta':
        return this.blockDelta(event);
      case 'message_delta': {
        if (event.usage) {
          this.inputUsage = { ...this.inputUsage, ...event.usage, output_tokens: undefined };
          this.usage = openaiUsage(this.inputUsage, event.usage.output_tokens ?? this.usage?.completion_tokens ?? 0);
        }
        const finish = finishReason(event.delta?.stop_reason);
        if (!finish) return [];
        this.finished = true;
        return [this.chunk({}, finish)];
      }
      case 'message_stop':
        this.finished = true;
        return this.context.includeUsage && this.usage ? [{ ...this.chunk({}), choices: [], usage: this.usage }] : 'done';
      case 'error':
        throw anthropicError(500, event, {});
      default:
        return []; // ping, content_block_stop, and events added after this adapter was written
    }
  }

  private blockStart(event: StreamEvent): ChatCompletionChunk[] {
    const block = event.content_block;
    if (block?.type === 'tool_use') {
      const index = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(event.index ?? 0, index);
      return [this.chunk({ tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
    }
    return block?.type === 'text' && block.text ? [this.chunk({ content: block.text })] : [];
  }

  private blockDelta(event: StreamEvent): ChatCompletionChunk[] {
    const delta = event.delta;
    if (delta?.type === 'text_delta' && delta.text) return [this.chunk({ content: delta.text })];
    if (delta?.type === 'input_json_delta' && delta.partial_json) {
      const index = this.toolIndexByBlock.get(event.index ?? 0);
      if (index === undefined) throw new UpstreamError('malformed', `input_json_delta for block ${event.index}, which is not a tool_use block`);
      return [this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] })];
    }
    return []; // thinking, signature and citation deltas have no OpenAI chunk
  }

  private chunk(delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...(this.context.includeUsage && { usage: null }),
    };
  }
}
