import { UpstreamError } from '../errors.js';
import type { AnswerContext, ChunkTranslator, SseEvent } from '../model.js';
import type { ChatCompletionChunk, Usage } from '../wire.js';
import { openaiError } from './errors.js';

/**
 * OpenAI's stream: `data: {chunk}` events, then `data: [DONE]`. With include_usage the last chunk has no choices and
 * carries the usage; it is recorded always and passed on only when the client asked for it.
 */
export class OpenAIChunkTranslator implements ChunkTranslator {
  usage: Usage | undefined;
  finished = false;

  constructor(private readonly context: AnswerContext) {}

  translate(event: SseEvent): ChatCompletionChunk[] | 'done' {
    if (event.data === '[DONE]') return 'done';
    let chunk: ChatCompletionChunk & { error?: unknown };
    try {
      chunk = JSON.parse(event.data);
    } catch (err) {
      throw new UpstreamError('malformed', `the upstream sent a stream event that is not JSON (${(err as Error).message})`);
    }
    if (typeof chunk !== 'object' || chunk === null) throw new UpstreamError('malformed', 'the upstream sent a stream event that is not an object');
    if (chunk.error !== undefined) throw openaiError(502, chunk, {}); // an error reported mid-stream
    if (!Array.isArray(chunk.choices)) throw new UpstreamError('malformed', 'the upstream sent a stream chunk without choices');
    if (chunk.usage) this.usage = chunk.usage;
    for (const choice of chunk.choices) if (choice.finish_reason) this.finished = true;
    if (chunk.choices.length === 0 && !this.context.includeUsage) return [];
    return [chunk];
  }
}
