/**
 * An OpenAI-compatible upstream for benches: POST …/chat/completions answers, after a fixed delay, the text the
 * answer book holds for the last user message (deterministic), or "no answer". Run as its own process so that the
 * evaluator under test does not share its event loop:
 *
 *   node openai-mock.ts <answers.json> <port, 0 for any> <ready file>
 *
 * writes the port it listens on to the ready file. Self-contained (node: imports only, no TypeScript-only syntax)
 * so that Node 22 runs it by stripping types, and Node 20 through tsx.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

type Content = string | { type: string; text?: string }[];

function lastUserText(body: { messages?: { role: string; content: Content }[] }): string {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  if (!user) return '';
  return typeof user.content === 'string' ? user.content : user.content.map((p) => p.text ?? '').join('');
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function serveAnswers(answers: ReadonlyMap<string, string>, latencyMs: number) {
  let calls = 0;
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","type":"invalid_request_error"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const prompt = lastUserText(body);
      const answer = answers.get(prompt) ?? 'no answer';
      const completion = {
        id: `chatcmpl-mock-${++calls}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: tokens(prompt), completion_tokens: tokens(answer), total_tokens: tokens(prompt) + tokens(answer) },
      };
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion)), latencyMs);
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [answersFile, port, readyFile] = process.argv.slice(2);
  const book = JSON.parse(readFileSync(answersFile, 'utf8')) as { latencyMs: number; answers: Record<string, string> };
  const server = serveAnswers(new Map(Object.entries(book.answers)), book.latencyMs);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(port), '127.0.0.1', () => writeFileSync(readyFile, String((server.address() as AddressInfo).port)));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
