import type { ProviderSpec } from '../model.js';
import { anthropicError } from './errors.js';
import { chatRequest } from './request.js';
import { chatResponse } from './response.js';
import { AnthropicChunkTranslator } from './stream.js';

/** Anthropic's Messages API behind the OpenAI shape. It offers no embeddings. */
export const anthropicSpec: ProviderSpec = {
  chatRequest,
  chatResponse,
  chatStream: (context) => new AnthropicChunkTranslator(context),
  error: anthropicError,
};
