import { UpstreamError } from '../errors.js';
import type { ChatCompletion, EmbeddingsResponse } from '../wire.js';

/** An OpenAI-compatible answer passes through as it is, once its shape is checked. */
export function chatResponse(body: unknown): ChatCompletion {
  const completion = body as ChatCompletion;
  if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
    throw new UpstreamError('malformed', 'the upstream answer is not a chat.completion (no choices)');
  }
  return completion;
}

export function embeddingsResponse(body: unknown): EmbeddingsResponse {
  const answer = body as EmbeddingsResponse;
  if (typeof answer !== 'object' || answer === null || !Array.isArray(answer.data)) {
    throw new UpstreamError('malformed', 'the upstream answer is not an embeddings list (no data)');
  }
  return answer;
}
