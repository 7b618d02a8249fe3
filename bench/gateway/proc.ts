/** Child processes of the gateway bench: pinned with taskset, observed through the probe, stopped cleanly. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const PROBE = join(here, 'probe.cjs');

/** What the probe reports for a window (see probe.cjs). */
export interface ProbeStats {
  wallMs: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  cpuPct: number;
  gcMs: number;
  gcCount: number;
  gcMaxMs: number;
  gcPct: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Whether `taskset` can pin to both CPUs 0 and 1 here. */
export function canPin(): boolean {
  const r = spawnSync('taskset', ['-c', '0,1', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Whether this user can make a network namespace with only loopback (unshare -n, then `ip link set lo up`). */
export function canUnshare(): boolean {
  const r = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** Node's arguments for running a .ts file the way this process runs (tsx's loader), minus profiling flags. */
export function nodeArgs(): string[] {
  return process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--prof') && !a.startsWith('--inspect'));
}

export class Child {
  readonly lines: string[] = [];
  private exited = false;
  private readonly exit: Promise<number | null>;

  constructor(readonly name: string, readonly proc: ChildProcess) {
    this.exit = new Promise((resolve) => proc.on('exit', (code) => {
      this.exited = true;
      resolve(code);
    }));
    const keep = (d: Buffer) => {
      for (const line of d.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.lines.push(line);
        if (this.lines.length > 40) this.lines.shift();
      }
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** The first stdout line that parses as JSON (the child's ready line). */
  ready<T>(timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => done(new Error(`${this.name} did not start within ${timeoutMs} ms: ${this.tail()}`)), timeoutMs);
      const onData = (d: Buffer) => {
        buf += d.toString('utf8');
        for (const line of buf.split('\n').slice(0, -1)) {
          try {
            const v = JSON.parse(line) as T;
            if (v && typeof v === 'object') return done(undefined, v);
          } catch {
            // a log line: keep reading
          }
        }
      };
      const onExit = () => done(new Error(`${this.name} exited before it was ready: ${this.tail()}`));
      const done = (err?: Error, v?: T) => {
        clearTimeout(timer);
        this.proc.stdout?.off('data', onData);
        this.proc.off('exit', onExit);
        if (err) reject(err);
        else resolve(v!);
      };
      this.proc.stdout?.on('data', onData);
      this.proc.on('exit', onExit);
    });
  }

  tail(n = 6): string {
    return this.lines.slice(-n).join(' | ').slice(0, 600);
  }

  /** Asks the probe (needs an IPC channel) and waits for its answer. */
  probe(what: 'reset'): Promise<void>;
  probe(what: 'stats'): Promise<ProbeStats | undefined>;
  probe(what: 'reset' | 'stats'): Promise<ProbeStats | undefined | void> {
    if (!this.proc.connected) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.proc.off('message', onMessage);
        resolve(undefined);
      }, 5_000);
      const onMessage = (m: { probe?: string } & Partial<ProbeStats>) => {
        if (m?.probe !== what) return;
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        resolve(what === 'stats' ? (m as ProbeStats) : undefined);
      };
      this.proc.on('message', onMessage);
      this.proc.send({ probe: what });
    });
  }

  /** SIGTERM, then SIGKILL if it lingers. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

/** Starts `node [nodeFlags] script args`, pinned to `cpu` when given, with the probe preloaded when `probe`. */
export function startNode(name: string, script: string, args: string[], opts: { cpu?: string; probe?: boolean; nodeFlags?: string[]; tsx?: boolean; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Child {
  const node = [process.execPath, ...(opts.tsx === false ? [] : nodeArgs()), ...(opts.nodeFlags ?? []), ...(opts.probe ? ['--require', PROBE] : []), script, ...args];
  const [cmd, ...rest] = opts.cpu ? ['taskset', '-c', opts.cpu, ...node] : node;
  const proc = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe', ...(opts.probe ? ['ipc' as const] : [])], cwd: opts.cwd, env: opts.env ?? process.env });
  return new Child(name, proc);
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime and stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process is nearly idle (under 5 % of a core over 250 ms), at most `maxMs`: a gateway that fell
 * behind keeps working through its backlog after the load generator has gone, and must not steal the next run's CPU.
 */
export async function settle(pid: number, maxMs = 15_000): Promise<void> {
  const until = Date.now() + maxMs;
  let before = cpuSeconds(pid);
  while (before !== undefined && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuSeconds(pid);
    if (now === undefined || now - before < 0.0125) return;
    before = now;
  }
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs: number, child?: Child): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (child && !child.alive) throw new Error(`${child.name} exited: ${child.tail()}`);
    if (Date.now() > until) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms${child ? `: ${child.tail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
