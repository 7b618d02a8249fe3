/**
 * The floor: a bare pass-through proxy, node:http in front of an undici Pool to the upstream, doing nothing a
 * gateway must do (no auth, no parsing, no policy, no records). It reads the (small) request body, forwards it with
 * the same method, path and end-to-end headers, and streams the answer back piece by piece, so SSE passes through
 * unbuffered. Whatever latency it adds is what any Node proxy on this machine pays.
 *
 *   node --import tsx bench/gateway/bare.ts --upstream http://127.0.0.1:PORT [--port 0]
 * prints `{"port":…}` on stdout once it listens on 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const v = headers[name];
    if (v !== undefined && !HOP_BY_HOP.has(name)) out[name] = v;
  }
  return out;
}

export function startBare(upstream: string, port = 0): Promise<{ port: number }> {
  const pool = new Pool(upstream, { connections: 128, keepAliveTimeout: 60_000 });
  const server = createServer({ keepAliveTimeout: 120_000, headersTimeout: 130_000, requestTimeout: 0 }, (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      pool.request({ method: req.method as 'POST', path: req.url ?? '/', headers: endToEnd(req.headers), body: parts.length === 1 ? parts[0] : Buffer.concat(parts) }).then(
        async (up) => {
          res.writeHead(up.statusCode, endToEnd(up.headers));
          for await (const piece of up.body) res.write(piece);
          res.end();
        },
        (err: Error) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: err.message, type: 'upstream_error' } }));
        },
      ).catch(() => res.destroy());
    });
  });
  server.maxRequestsPerSocket = 0;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const upstream = arg('upstream');
  if (!upstream) throw new Error('--upstream is required');
  const { port } = await startBare(upstream, Number(arg('port') ?? 0));
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}
