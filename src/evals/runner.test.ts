import { describe, expect, it } from 'vitest';
import { type CallResult, type CaseResult, type RunProgress, runCases } from './runner.js';

const cases = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, input: `q${i + 1}` }));
const ok = (output: string): CallResult => ({ output, latencyMs: 5 });
async function collect(run: AsyncIterable<CaseResult>): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for await (const r of run) out.push(r);
  return out;
}
const noSleep = async () => undefined;

describe('runCases', () => {
  it('keeps at most `concurrency` calls in flight and runs every case once', async () => {
    let inFlight = 0;
    let peak = 0;
    const called: string[] = [];
    const results = await collect(runCases({
      cases: cases(20),
      concurrency: 3,
      call: async (c) => {
        called.push(c.id);
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return ok(c.input.toUpperCase());
      },
    }));
    expect(peak).toBe(3);
    expect(called.sort()).toEqual(cases(20).map((c) => c.id).sort());
    expect(results).toHaveLength(20);
    expect(results.find((r) => r.id === 'c7')).toEqual({ id: 'c7', output: 'Q7', latencyMs: 5, attempts: 1 });
  });

  it('yields each result as soon as its case completes, not in input order', async () => {
    const gates = new Map<string, () => void>();
    const run = runCases({
      cases: cases(2),
      concurrency: 2,
      call: (c) => new Promise<CallResult>((resolve) => gates.set(c.id, () => resolve(ok(c.id)))),
    });
    const first = run.next();
    await new Promise((r) => setImmediate(r));
    gates.get('c2')!();
    expect((await first).value).toMatchObject({ id: 'c2' });
    gates.get('c1')!();
    expect((await run.next()).value).toMatchObject({ id: 'c1' });
    expect((await run.next()).done).toBe(true);
  });

  it('retries retryable failures with exponential backoff, honouring Retry-After, then gives up', async () => {
    const waits: number[] = [];
    const attempts: Record<string, number> = {};
    const results = await collect(runCases({
      cases: [{ id: 'flaky' }, { id: 'throttled' }, { id: 'broken' }, { id: 'bad-request' }, { id: 'throws' }],
      concurrency: 1,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 },
      sleep: async (ms) => void waits.push(ms),
      random: () => 1,
      call: async (c, attempt) => {
        attempts[c.id] = attempt;
        if (c.id === 'flaky') return attempt < 3 ? { output: null, latencyMs: 1, error: { message: 'timeout', retryable: true } } : ok('fine');
        if (c.id === 'throttled') return attempt < 2 ? { output: null, latencyMs: 1, error: { message: '429', retryable: true, retryAfterMs: 2000 } } : ok('fine');
        if (c.id === 'broken') return { output: null, latencyMs: 1, error: { message: '503', retryable: true } };
        if (c.id === 'bad-request') return { output: null, latencyMs: 1, error: { message: '400 bad request', retryable: false } };
        throw new Error('socket hang up');
      },
    }));
    expect(waits).toEqual([100, 150, 2000, 100, 150, 100, 150]);
    expect(attempts).toEqual({ flaky: 3, throttled: 2, broken: 3, 'bad-request': 1, throws: 3 });
    expect(results.map((r) => [r.id, r.error ?? r.output, r.attempts])).toEqual([
      ['flaky', 'fine', 3], ['throttled', 'fine', 2], ['broken', '503', 3], ['bad-request', '400 bad request', 1], ['throws', 'socket hang up', 3],
    ]);
  });

  it('resumes after a crash without calling the cases already stored, counting them in the progress', async () => {
    const progress: RunProgress[] = [];
    const called: string[] = [];
    await collect(runCases({
      cases: cases(5),
      completed: new Set(['c1', 'c2', 'c9']),
      concurrency: 1,
      onProgress: (p) => progress.push(p),
      call: async (c) => {
        called.push(c.id);
        return c.id === 'c4' ? { output: null, latencyMs: 1, error: { message: 'blocked by policy', retryable: false } } : ok('x');
      },
    }));
    expect(called).toEqual(['c3', 'c4', 'c5']);
    expect(progress[0]).toEqual({ total: 5, done: 2, succeeded: 0, failed: 0, skipped: 2 });
    expect(progress.at(-1)).toEqual({ total: 5, done: 5, succeeded: 2, failed: 1, skipped: 2 });
  });

  it('stops starting cases when aborted, still yielding the calls in flight', async () => {
    const controller = new AbortController();
    const called: string[] = [];
    const results = await collect(runCases({
      cases: cases(10),
      concurrency: 2,
      signal: controller.signal,
      sleep: noSleep,
      call: async (c) => {
        called.push(c.id);
        if (c.id === 'c3') controller.abort();
        return ok(c.id);
      },
    }));
    expect(called.length).toBeLessThan(10);
    expect(results.map((r) => r.id)).toEqual(called);
  });

  it('stops starting cases when the consumer stops reading', async () => {
    const called: string[] = [];
    for await (const result of runCases({ cases: cases(50), concurrency: 2, call: async (c) => (called.push(c.id), ok(c.id)) })) {
      if (result.id === 'c2') break;
    }
    await new Promise((r) => setImmediate(r));
    expect(called.length).toBeLessThan(10);
  });

  it('surfaces a failure of the progress callback instead of hanging', async () => {
    const run = runCases({ cases: cases(3), onProgress: (p) => { if (p.done > 0) throw new Error('store is down'); }, call: async () => ok('x') });
    await expect(collect(run)).rejects.toThrow('store is down');
  });

  it('finishes at once when nothing is left to run, and rejects a silly concurrency', async () => {
    expect(await collect(runCases({ cases: cases(2), completed: new Set(['c1', 'c2']), call: async () => ok('x') }))).toEqual([]);
    await expect(collect(runCases({ cases: cases(1), concurrency: 0, call: async () => ok('x') }))).rejects.toThrow(/concurrency/);
  });
});
