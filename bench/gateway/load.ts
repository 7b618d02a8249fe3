/**
 * The open-loop load generator: requests are scheduled at a fixed rate (request i at start + i/rate) and sent when
 * due whether or not earlier ones have answered, and each latency is measured from the request's *scheduled* send
 * time to the end of its answer. A target that stalls therefore shows its queue in the figures instead of slowing
 * the generator down (no coordinated omission). With a fixed-delay upstream, closed-loop connections fall into step;
 * a fixed schedule keeps arrivals even.
 *
 * Run as its own process (see runOpenLoop) so its CPU is measured apart from the target's: argv[2] is a JSON
 * OpenLoopSpec, the result is one JSON line on stdout. The first `warmupS` seconds run at the same rate and are not
 * measured (connections open, JIT settles).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

export interface OpenLoopSpec {
  /** Origin and path, e.g. http://127.0.0.1:8787/v1/chat/completions. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Requests per second. */
  rate: number;
  durationS: number;
  warmupS: number;
  /** Most connections the generator opens (undici opens them as concurrency needs). */
  connections: number;
  /** A request unanswered after this long is an error. */
  timeoutMs: number;
  /** Expect an SSE answer ending in `data: [DONE]`. */
  stream: boolean;
  /** CPU to pin to, via taskset (set by the caller). */
  cpu?: string;
}

export interface OpenLoopResult {
  rate: number;
  sent: number;
  measured: number;
  /** Answers completed per second over the measured window. */
  achievedRps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** Time to the first body byte (streams): p50 and p99. */
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  errors: number;
  non2xx: number;
  failed: number;
  timeouts: number;
  truncated: number;
  /** A sample of what went wrong. */
  firstError?: string;
  /** How late the generator itself sent requests past their schedule (p99): a saturated generator shows here. */
  sendLagP99Ms: number;
  /** CPU the generator used over the whole run, as a percentage of one core. */
  cpuPct: number;
}

/** Runs the generator in its own process (pinned with taskset when spec.cpu is set) and returns what it measured. */
export function runOpenLoop(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  return new Promise((resolve, reject) => {
    const node = [process.execPath, ...process.execArgv.filter((a) => !a.startsWith('--cpu-prof')), fileURLToPath(import.meta.url), JSON.stringify(spec)];
    const [cmd, ...args] = spec.cpu ? ['taskset', '-c', spec.cpu, ...node] : node;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as OpenLoopResult);
      } catch (err) {
        reject(new Error(`load generator printed no result: ${(err as Error).message}`));
      }
    });
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 1000) / 1000;
}

const DONE = Buffer.from('data: [DONE]');

async function main(spec: OpenLoopSpec): Promise<void> {
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: spec.timeoutMs, bodyTimeout: spec.timeoutMs });
  const path = url.pathname + url.search;
  const body = Buffer.from(spec.body);
  const headers = { 'content-type': 'application/json', ...spec.headers, 'content-length': String(body.length) };
  const interval = 1000 / spec.rate;
  const total = Math.round(spec.rate * (spec.warmupS + spec.durationS));
  const warm = Math.round(spec.rate * spec.warmupS);
  const measuredCount = total - warm;
  const latency = new Float64Array(measuredCount).fill(NaN);
  const ttfb = new Float64Array(measuredCount).fill(NaN);
  const lag = new Float64Array(measuredCount);
  let non2xx = 0;
  let failed = 0;
  let timeouts = 0;
  let truncated = 0;
  let firstError: string | undefined;
  let outstanding = 0;
  let lastDone = 0;
  let measureEnd = 0;
  let completedInWindow = 0;

  const noteError = (what: string) => {
    firstError ??= what.slice(0, 300);
  };

  const fire = (i: number, scheduled: number) => {
    outstanding++;
    const slot = i - warm;
    if (slot >= 0) lag[slot] = performance.now() - scheduled;
    pool.request({ method: 'POST', path, headers, body }).then(
      async (res) => {
        let first = NaN;
        let tail: Buffer | undefined;
        let before: Buffer | undefined;
        let bytes = 0;
        for await (const piece of res.body as AsyncIterable<Buffer>) {
          if (bytes === 0) first = performance.now();
          bytes += piece.length;
          before = tail;
          tail = piece;
        }
        // The end marker may straddle the last two pieces.
        if (spec.stream && tail && before && tail.length < DONE.length + 4) tail = Buffer.concat([before, tail]);
        const end = performance.now();
        if (res.statusCode < 200 || res.statusCode >= 300) {
          non2xx++;
          noteError(`HTTP ${res.statusCode}`);
        } else if (bytes === 0 || (spec.stream && !(tail && tail.includes(DONE)))) {
          truncated++;
          noteError(spec.stream ? 'stream without data: [DONE]' : 'empty body');
        } else if (slot >= 0) {
          latency[slot] = end - scheduled;
          ttfb[slot] = first - scheduled;
          if (end <= measureEnd) completedInWindow++;
        }
        lastDone = end;
      },
      (err: Error & { code?: string }) => {
        if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') timeouts++;
        else failed++;
        noteError(`${err.code ?? 'error'}: ${err.message}`);
      },
    ).catch((err: Error) => {
      failed++;
      noteError(err.message);
    }).finally(() => {
      outstanding--;
    });
  };

  const cpu0 = process.cpuUsage();
  const t0 = performance.now() + 20;
  const measureStart = t0 + warm * interval;
  measureEnd = t0 + total * interval;
  let cpuMeasure0: NodeJS.CpuUsage | undefined;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (!cpuMeasure0 && now >= measureStart) cpuMeasure0 = process.cpuUsage();
      while (next < total && t0 + next * interval <= now) {
        fire(next, t0 + next * interval);
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, Math.min(1, t0 + next * interval - now)));
    };
    setTimeout(tick, 20);
  });
  // Answers still on their way: wait for them, up to the timeout (the pool's own timeouts end each one).
  const waitUntil = performance.now() + spec.timeoutMs + 1_000;
  while (outstanding > 0 && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 5));
  const cpu = process.cpuUsage(cpuMeasure0 ?? cpu0);
  const cpuWallMs = Math.max(1, Math.max(lastDone, measureEnd) - measureStart);
  const unanswered = outstanding;

  const ok = latency.filter((x) => !Number.isNaN(x)).sort();
  const firstBytes = ttfb.filter((x) => !Number.isNaN(x)).sort();
  const lags = lag.sort();
  const result: OpenLoopResult = {
    rate: spec.rate,
    sent: next,
    measured: ok.length,
    achievedRps: Math.round((completedInWindow / ((measureEnd - measureStart) / 1000)) * 10) / 10,
    p50Ms: percentile(ok, 50),
    p90Ms: percentile(ok, 90),
    p99Ms: percentile(ok, 99),
    p999Ms: percentile(ok, 99.9),
    maxMs: ok.length ? Math.round(ok[ok.length - 1] * 1000) / 1000 : NaN,
    ttfbP50Ms: percentile(firstBytes, 50),
    ttfbP99Ms: percentile(firstBytes, 99),
    errors: non2xx + failed + timeouts + truncated + unanswered,
    non2xx, failed, timeouts: timeouts + unanswered, truncated,
    firstError,
    sendLagP99Ms: percentile(lags, 99),
    cpuPct: Math.round(((100 * (cpu.user + cpu.system)) / 1000 / cpuWallMs) * 10) / 10,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await pool.destroy();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(JSON.parse(process.argv[2]) as OpenLoopSpec).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
