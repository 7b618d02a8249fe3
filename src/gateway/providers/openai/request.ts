import type { UpstreamEndpoint, UpstreamRequest } from '../model.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../wire.js';

function headers(endpoint: UpstreamEndpoint, stream: boolean): Record<string, string> {
  const auth: Record<string, string> = {};
  if (endpoint.apiKey) {
    if (endpoint.azureApiVersion) auth['api-key'] = endpoint.apiKey;
    else auth.authorization = `Bearer ${endpoint.apiKey}`;
  }
  return { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json', ...auth, ...endpoint.headers };
}

/** `/v1/chat/completions`, or Azure's `/openai/deployments/{deployment}/chat/completions?api-version=…`. */
function path(endpoint: UpstreamEndpoint, basePath: string, operation: string): string {
  if (!endpoint.azureApiVersion) return `${basePath}/${operation}`;
  const version = encodeURIComponent(endpoint.azureApiVersion);
  return `${basePath}/openai/deployments/${encodeURIComponent(endpoint.model)}/${operation}?api-version=${version}`;
}

/**
 * The request goes out as the client sent it, with the endpoint's model. A streaming request always asks for the
 * usage chunk, so tokens can be metered even when the client did not ask; the stream transform drops it for them.
 */
export function chatRequest(endpoint: UpstreamEndpoint, basePath: string, request: ChatCompletionRequest): UpstreamRequest {
  const stream = request.stream === true;
  const body: ChatCompletionRequest = { ...request, model: endpoint.model };
  if (stream) body.stream_options = { ...request.stream_options, include_usage: true };
  else delete body.stream_options;
  return { path: path(endpoint, basePath, 'chat/completions'), headers: headers(endpoint, stream), body: JSON.stringify(body) };
}

export function embeddingsRequest(endpoint: UpstreamEndpoint, basePath: string, request: EmbeddingsRequest): UpstreamRequest {
  return {
    path: path(endpoint, basePath, 'embeddings'),
    headers: headers(endpoint, false),
    body: JSON.stringify({ ...request, model: endpoint.model }),
  };
}
