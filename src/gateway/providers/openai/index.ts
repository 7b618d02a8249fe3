import type { ProviderSpec } from '../model.js';
import { openaiError } from './errors.js';
import { chatRequest, embeddingsRequest } from './request.js';
import { chatResponse, embeddingsResponse } from './response.js';
import { OpenAIChunkTranslator } from './stream.js';

/** OpenAI-compatible endpoints: OpenAI, Azure OpenAI, vLLM, Ollama and most hosted models. */
export const openaiSpec: ProviderSpec = {
  chatRequest,
  chatResponse,
  chatStream: (context) => new OpenAIChunkTranslator(context),
  embeddingsRequest,
  embeddingsResponse,
  error: openaiError,
};
