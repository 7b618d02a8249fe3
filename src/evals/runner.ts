import { setTimeout as delay } from 'node:timers/promises';
import { Invalid } from '../kernel/errors.js';

/** Why a call failed, and whether trying again could help (a timeout or 429 could; a 400 or policy block could not). */
export interface CallError {
  message: string;
  retryable: boolean;
  /** the upstream's Retry-After, when it sent one */
  retryAfterMs?: number;
}

/** What the injected call reports for one case. */
export interface CallResult {
  output: string | null;
  latencyMs: number;
  costUsd?: number;
  error?: CallError;
}

/** The outcome of one case after retries, ready to be stored. */
export interface CaseResult {
  id: string;
  output: string | null;
  latencyMs: number;
  costUsd?: number;
  error?: string;
  attempts: number;
}

export interface RunProgress {
  total: number;
  /** finished in this run or an earlier one */
  done: number;
  succeeded: number;
  failed: number;
  /** already completed before this run started */
  skipped: number;
}

export interface RunOptions<C extends { id: string }> {
  cases: readonly C[];
  call: (testCase: C, attempt: number) => Promise<CallResult>;
  /** calls in flight at once (default 4) */
  concurrency?: number;
  /** ids finished by an earlier, interrupted run; they are not called again */
  completed?: ReadonlySet<string>;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  onProgress?: (progress: RunProgress) => void;
  /** stops starting new cases; calls in flight finish and are still yielded */
  signal?: AbortSignal;
  /** injected for tests; defaults to a timer and Math.random */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (signal?: AbortSignal) => (ms: number) => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * Runs an evaluation's cases through the injected call with at most `concurrency` in flight, retrying retryable
 * failures with exponential backoff (base · 2^(attempt−1), capped, with jitter between half and the whole delay, or
 * the upstream's Retry-After), and yields each case's result as soon as it completes so a store can persist it.
 * A call that throws counts as a retryable failure. Resuming: pass the ids already stored as `completed`.
 */
export async function* runCases<C extends { id: string }>(options: RunOptions<C>): AsyncGenerator<CaseResult> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new Invalid('concurrency must be a whole number from 1 to 256', [{ path: 'concurrency', message: 'from 1 to 256' }]);
  const maxAttempts = options.retry?.maxAttempts ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep(options.signal);
  const random = options.random ?? Math.random;
  const completed = options.completed ?? new Set<string>();

  const pending = options.cases.filter((c) => !completed.has(c.id));
  const progress: RunProgress = { total: options.cases.length, done: 0, succeeded: 0, failed: 0, skipped: options.cases.length - pending.length };
  progress.done = progress.skipped;
  options.onProgress?.({ ...progress });

  let stopped = false;
  const halted = () => stopped || options.signal?.aborted === true;

  async function attempt(testCase: C): Promise<CaseResult> {
    for (let n = 1; ; n++) {
      let result: CallResult;
      try {
        result = await options.call(testCase, n);
      } catch (err) {
        result = { output: null, latencyMs: 0, error: { message: (err as Error).message ?? String(err), retryable: true } };
      }
      const { error } = result;
      if (!error || !error.retryable || n >= maxAttempts || halted()) {
        return { id: testCase.id, output: result.output, latencyMs: result.latencyMs, ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }), ...(error ? { error: error.message } : {}), attempts: n };
      }
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
      await sleep(error.retryAfterMs ?? backoff * (0.5 + random() / 2));
    }
  }

  const ready: CaseResult[] = [];
  let readHead = 0;
  let next = 0;
  let running = 0;
  const failures: unknown[] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  async function worker() {
    while (next < pending.length && !halted()) {
      const result = await attempt(pending[next++]);
      progress.done++;
      if (result.error) progress.failed++;
      else progress.succeeded++;
      ready.push(result);
      options.onProgress?.({ ...progress });
      notify();
    }
  }

  running = Math.min(concurrency, pending.length);
  for (let i = 0; i < running; i++) {
    worker()
      .catch((error: unknown) => failures.push(error))
      .finally(() => {
        running--;
        notify();
      });
  }
  try {
    for (;;) {
      if (readHead < ready.length) {
        yield ready[readHead++];
        if (readHead === ready.length) ready.length = readHead = 0;
        continue;
      }
      if (failures.length) throw failures[0];
      if (running === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopped = true;
  }
}
