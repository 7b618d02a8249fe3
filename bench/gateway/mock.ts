/**
 * The mock upstream: an OpenAI-compatible POST /v1/chat/completions that answers after a fixed delay (--latency-ms,
 * 20 by default), as one JSON chat.completion or, with `"stream": true`, as an SSE stream (a role chunk, content
 * chunks, a finish chunk, the usage chunk when stream_options.include_usage asks for it, then [DONE]). Every answer
 * is serialised once at start-up, so the mock spends its CPU on HTTP, not on building answers.
 *
 * Run as its own process: prints `{"port":…}` on stdout once it listens on 127.0.0.1.
 *   node --import tsx bench/gateway/mock.ts [--port 0] [--latency-ms 20]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ANSWER = ['The claim', ' concerns', ' water damage', ' to a kitchen', ' and should be', ' routed to', ' the property team.'];
const USAGE = { prompt_tokens: 96, completion_tokens: 18, total_tokens: 114 };
const CREATED = Math.floor(Date.now() / 1000);

function completion(model: string): Buffer {
  return Buffer.from(JSON.stringify({
    id: 'chatcmpl-mock', object: 'chat.completion', created: CREATED, model, system_fingerprint: 'fp_mock',
    choices: [{ index: 0, message: { role: 'assistant', content: ANSWER.join(''), refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: USAGE,
  }));
}

/** The stream as pieces, one write each, as a real upstream sends them; `usage` adds the usage chunk. */
function streamPieces(model: string, usage: boolean): Buffer[] {
  const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_mock' };
  const event = (o: object) => Buffer.from(`data: ${JSON.stringify(o)}\n\n`);
  const pieces = [event({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })];
  for (const text of ANSWER) pieces.push(event({ ...base, choices: [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }] }));
  pieces.push(event({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }));
  if (usage) pieces.push(event({ ...base, choices: [], usage: USAGE }));
  pieces.push(Buffer.from('data: [DONE]\n\n'));
  return pieces;
}

interface Answers {
  json: Buffer;
  stream: Buffer[];
  streamUsage: Buffer[];
}

export function startMock(opts: { port?: number; latencyMs?: number } = {}): Promise<{ port: number; close(): Promise<void> }> {
  const latencyMs = opts.latencyMs ?? 20;
  const byModel = new Map<string, Answers>();
  const answers = (model: string): Answers => {
    let a = byModel.get(model);
    if (!a) {
      if (byModel.size > 16) byModel.clear();
      a = { json: completion(model), stream: streamPieces(model, false), streamUsage: streamPieces(model, true) };
      byModel.set(model, a);
    }
    return a;
  };

  const reply = (res: ServerResponse, body: { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } }) => {
    const a = answers(typeof body.model === 'string' ? body.model : 'gpt-4o-mini');
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      for (const piece of body.stream_options?.include_usage === true ? a.streamUsage : a.stream) res.write(piece);
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': a.json.length });
      res.end(a.json);
    }
  };

  const server = createServer({ keepAliveTimeout: 120_000, headersTimeout: 130_000, requestTimeout: 0 }, (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      let body: Parameters<typeof reply>[1];
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"invalid JSON","type":"invalid_request_error"}}');
        return;
      }
      setTimeout(reply, latencyMs, res, body);
    });
  });
  server.maxRequestsPerSocket = 0;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const { port } = await startMock({ port: arg('port', 0), latencyMs: arg('latency-ms', 20) });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}
