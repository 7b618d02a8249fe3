import { availableParallelism, loadavg } from 'node:os';

/** Bench output: exactly one JSON line per result on stdout; everything else (progress, notes) on stderr. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * The machine's 1-minute load average and CPU count, to print beside figures: on a shared machine other work
 * competes for the same cores, and a load above the CPU count means the figures are understated.
 */
export function machine(): { cpus: number; load_1m: number } {
  return { cpus: availableParallelism(), load_1m: Math.round(loadavg()[0] * 10) / 10 };
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Parses `--name value` and `--flag` arguments into a map. */
export function parseArgs(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) out.set(a.slice(2), args[++i]);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

export function intArg(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
}
