import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, systemClock } from '../../../kernel/clock.js';
import type { ChatCompletionRequest, EmbeddingsRequest, OpenAIErrorBody } from '../wire.js';
import { chunksOf, completionOf, frameOf } from './answer.js';
import { decideReply } from './behaviour.js';
import { FaultPlan } from './faults.js';
import { SimulatedProvider } from './provider.js';
import { type FaultKind, SimulationSettings, type SimulationSettingsInput } from './settings.js';

export interface SimulatedUpstream {
  /** Base URL to configure as an OpenAI-compatible endpoint, ending in `/v1`. */
  url: string;
  close(): Promise<void>;
}

export interface SimulatedUpstreamOptions {
  host?: string;
  port?: number;
  model?: string;
  clock?: Clock;
}

function errorBody(message: string, type: string, code: string | null): string {
  const body: OpenAIErrorBody = { error: { message, type, param: null, code } };
  return JSON.stringify(body);
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
}

async function readJson<T>(req: IncomingMessage): Promise<T | undefined> {
  const pieces: Buffer[] = [];
  for await (const piece of req) pieces.push(piece as Buffer);
  try {
    return JSON.parse(Buffer.concat(pieces).toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * SIMULATED upstream over HTTP, speaking OpenAI's wire format (`/v1/chat/completions`, `/v1/embeddings`,
 * `/v1/models`), so the real OpenAI-compatible adapter (or the `openai` client) can be pointed at it. Faults happen
 * on the wire: 5xx and 429 bodies, a request never answered, a TCP reset, a stream cut off mid-JSON.
 */
export async function startSimulatedUpstream(settings: SimulationSettingsInput = {}, options: SimulatedUpstreamOptions = {}): Promise<SimulatedUpstream> {
  const config = SimulationSettings.parse(settings);
  const faults = new FaultPlan(config);
  const model = options.model ?? 'simulated-1';
  const clock = options.clock ?? systemClock;
  const embedder = new SimulatedProvider(model, { ...config, faults: { rate: 0, kinds: ['http_500'] } }, clock);
  const sockets = new Set<Socket>();
  const closing = new AbortController();

  async function injectFault(fault: FaultKind, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (fault === 'reset') req.socket.resetAndDestroy();
    else if (fault === 'timeout') await sleep(2 ** 31 - 1, undefined, { signal: AbortSignal.any([closing.signal, abortedBy(res)]) }).catch(() => undefined);
    else if (fault === 'http_429') sendJson(res, 429, errorBody('Rate limit reached (simulated)', 'requests', 'rate_limit_exceeded'), { 'retry-after': '1' });
    else sendJson(res, fault === 'http_503' ? 503 : 500, errorBody(`The simulated server had an error (${fault})`, 'server_error', null));
  }

  async function chat(res: ServerResponse, request: ChatCompletionRequest, fault: FaultKind | undefined): Promise<void> {
    const reply = decideReply(request, config);
    const frame = frameOf(request, reply, request.model || model, clock.now());
    const signal = AbortSignal.any([closing.signal, abortedBy(res)]);
    await sleep(config.latencyMs, undefined, { signal });
    if (!request.stream) {
      if (fault === 'malformed_sse') return sendJson(res, 200, JSON.stringify(completionOf(reply, frame)).slice(0, 40));
      return sendJson(res, 200, JSON.stringify(completionOf(reply, frame)));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunks = chunksOf(reply, frame, config.tokensPerChunk, request.stream_options?.include_usage === true);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && config.chunkIntervalMs > 0) await sleep(config.chunkIntervalMs, undefined, { signal });
      if (fault === 'malformed_sse' && i === 2) {
        res.end(`data: ${JSON.stringify(chunk).slice(0, 30)}\n\n`); // cut off mid-JSON, and no [DONE]
        return;
      }
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'simulated' }] }));
    }
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/embeddings')) {
      return sendJson(res, 404, errorBody(`Unknown route ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'));
    }
    const body = await readJson<ChatCompletionRequest & EmbeddingsRequest>(req);
    if (!body) return sendJson(res, 400, errorBody('The request body is not valid JSON', 'invalid_request_error', null));
    const fault = faults.next();
    if (fault && fault !== 'malformed_sse') return injectFault(fault, req, res);
    if (path === '/v1/embeddings') return sendJson(res, 200, JSON.stringify((await embedder.embeddings(body)).embeddings));
    if (!Array.isArray(body.messages)) return sendJson(res, 400, errorBody("'messages' is required", 'invalid_request_error', null));
    return chat(res, body, fault);
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy()); // aborted by the client or by close()
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as { port: number; address: string };
  return {
    url: `http://${address.address}:${address.port}/v1`,
    close: async () => {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A signal that fires when the client closes the connection before the response finished. */
function abortedBy(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
