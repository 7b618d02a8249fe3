/**
 * The gateway's added latency and capacity, side by side with a bare proxy and the Portkey gateway, in one run on
 * one machine:
 *   direct   the load generator straight to the mock upstream (the baseline every "added" figure subtracts)
 *   bare     a bare undici pass-through proxy (bench/gateway/bare.ts): the floor for any Node proxy here
 *   portkey  the Portkey gateway from npm (@portkey-ai/gateway 1.15), installed on first use into the git-ignored
 *            bench/.anchors/portkey with @hono/node-server forced to 2.1.9 (its streaming breaks on 1.19)
 *   charter  Charter with the default `high` pack (bench/gateway/charter.ts): key, stage, allowlists, detectors,
 *            CEL rules, budgets, redacted logging and durable Merkle-anchored records on every call
 * against a mock upstream (bench/gateway/mock.ts) that answers an OpenAI chat completion after a fixed 20 ms, whole or
 * streamed.
 *
 * Layout: the whole bench runs inside `unshare -n` (a network namespace with only loopback) because Portkey listens
 * on every interface; each gateway is its own process pinned to CPU 0 (`taskset -c 0`), the mock and the load
 * generator to CPU 1. The load generator (bench/gateway/load.ts) is open-loop: request i is due at start + i/rate,
 * latency runs from that scheduled time, so a stalled target shows its queue. Each run is a warm-up then a measured
 * window at one fixed rate; targets alternate within a round (direct next to each) and the order rotates between
 * rounds; figures are medians over rounds, and "added" is target − direct of the same round and rate.
 * Then a rate ladder (from above the highest matrix rate each target passed, ×1.5 steps, every live target at each
 * step, then two bisections) finds each target's highest rate served with no errors, at least 97 % of the offered rate
 * completed in the window, and p99 under --max-p99-ms (200 ms: ten times the mock's latency).
 * A probe preloaded into every gateway (bench/gateway/probe.cjs) reports GC time, event-loop delay, CPU and RSS.
 *
 * Output, one JSON line each:
 *   {"bench":"gateway","target":"charter"|"portkey"|"bare","rate":500,"added_p50_ms":…,"added_p99_ms":…,"errors":0,…}
 *   per target and rate, then {"bench":"gateway","target":…,"max_rps":…,"rss_mb":…,…} per target; then the same
 *   rate lines for streamed answers with "mode":"stream". When Portkey cannot be installed or run, its lines carry
 *   null figures and a "reason", and the bench still succeeds.
 *
 *   npm run bench -- gateway [--rounds 3] [--rates 200,500,1000] [--duration 10] [--warmup 3] [--max-rounds 3]
 *                            [--ladder-max 5000] [--max-p99-ms 200] [--no-portkey] [--no-stream]
 *                            [--no-ladder] [--targets bare,portkey,charter] [--quick] [--profile] [--pii]
 *   --profile writes a V8 CPU profile of Charter (node --cpu-prof) to bench/.anchors/profiles/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOpenLoop, type OpenLoopResult, type OpenLoopSpec } from './gateway/load.js';
import { ensurePortkey, PORTKEY_VERSION, portkeyArgs, portkeyHeaders } from './gateway/portkey.js';
import { canPin, canUnshare, type Child, type ProbeStats, settle, startNode, waitForPort } from './gateway/proc.js';
import { emit, machine, parseArgs, progress } from './lib/out.js';
import { median, round } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';

const here = dirname(fileURLToPath(import.meta.url));
const NETNS_ENV = 'CHARTER_BENCH_GATEWAY_NETNS';
const PORTKEY_ENV = 'CHARTER_BENCH_GATEWAY_PORTKEY';

type TargetName = 'direct' | 'bare' | 'portkey' | 'charter';
const GATEWAYS: Exclude<TargetName, 'direct'>[] = ['bare', 'portkey', 'charter'];

interface Target {
  name: TargetName;
  url: string;
  headers: Record<string, string>;
  model: string;
  child?: Child;
}

interface Options {
  rounds: number;
  rates: number[];
  durationS: number;
  warmupS: number;
  maxRounds: number;
  ladderMax: number;
  maxP99Ms: number;
  stream: boolean;
  ladder: boolean;
  portkey: boolean;
  targets: Exclude<TargetName, 'direct'>[];
  profile: boolean;
  pii: boolean;
  connections: number;
  quick: boolean;
}

function options(args: Map<string, string>): Options {
  const quick = args.has('quick');
  const num = (name: string, fallback: number) => {
    const v = args.get(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${v}`);
    return n;
  };
  const list = (name: string, fallback: string) => (args.get(name) ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  const targets = list('targets', GATEWAYS.join(','));
  for (const t of targets) if (!GATEWAYS.includes(t as never)) throw new Error(`--targets: unknown target ${t}`);
  return {
    rounds: num('rounds', quick ? 1 : 3),
    rates: list('rates', '200,500,1000').map(Number),
    durationS: num('duration', quick ? 4 : 10),
    warmupS: num('warmup', quick ? 1 : 3),
    maxRounds: num('max-rounds', quick ? 1 : 3),
    ladderMax: num('ladder-max', 5000),
    maxP99Ms: num('max-p99-ms', 200),
    stream: !args.has('no-stream'),
    ladder: !args.has('no-ladder'),
    portkey: !args.has('no-portkey') && targets.includes('portkey'),
    targets: targets as Options['targets'],
    profile: args.has('profile'),
    pii: args.has('pii'),
    connections: num('connections', 256),
    quick,
  };
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const opts = options(args);
  if (process.env[NETNS_ENV] === '1') {
    await bench(opts, JSON.parse(process.env[PORTKEY_ENV] ?? '{"reason":"not prepared"}') as PortkeyStatus);
    return;
  }
  // Outside the namespace (where the network is): install Portkey, then run the bench inside `unshare -n`.
  let portkey: PortkeyStatus = opts.portkey ? await ensurePortkey(progress).catch((err: Error) => ({ reason: err.message })) : { reason: 'not requested (--no-portkey)' };
  if (canUnshare()) {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...process.execArgv, join(here, 'run.ts'), 'gateway', ...argv], {
        stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1', [PORTKEY_ENV]: JSON.stringify(portkey) },
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`the bench inside unshare -n exited with ${code}`);
    return;
  }
  progress('cannot create a network namespace here (unshare -n needs root or user namespaces); running on the host network without Portkey');
  if ('version' in portkey) portkey = { reason: 'no network namespace here (unshare -n failed), and Portkey listens on every interface, so it was not started' };
  await bench(opts, portkey);
}

type PortkeyStatus = { version: string } | { reason: string };

function requestBody(model: string, pii: boolean, stream: boolean): string {
  const claim = pii
    ? 'Claim CLM-20931 from Jane Whitfield (jane.whitfield@example.com, +44 20 7946 0958): a pipe burst under the kitchen sink overnight and soaked the floor and the lower cabinets.'
    : 'Claim CLM-20931: a pipe burst under the kitchen sink overnight and soaked the floor and the lower cabinets. The policyholder turned off the water at the mains and called a plumber the next morning.';
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You triage home insurance claims. Answer with one sentence naming the team that should handle the claim and why.' },
      { role: 'user', content: `Triage this claim. ${claim} The photos show swollen floorboards and water marks about ten centimetres up the cabinet doors.` },
    ],
    temperature: 0.2,
    max_tokens: 120,
    user: 'adjuster-17',
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

interface RunFigures {
  load: OpenLoopResult;
  gateway?: ProbeStats;
}

async function measure(t: Target, rate: number, opts: Options, cpus: { gateway?: string; harness?: string }, stream: boolean, durationS = opts.durationS, warmupS = opts.warmupS): Promise<RunFigures> {
  const spec: OpenLoopSpec = {
    url: t.url, headers: t.headers, body: requestBody(t.model, opts.pii, stream), rate, durationS, warmupS,
    connections: opts.connections, timeoutMs: 10_000, stream, cpu: cpus.harness,
  };
  // The probe's window is the measured part: reset it when the warm-up ends.
  const reset = t.child ? setTimeout(() => void t.child!.probe('reset'), warmupS * 1000 + 150) : undefined;
  const load = await runOpenLoop(spec);
  clearTimeout(reset);
  const gateway = t.child ? await t.child.probe('stats') : undefined;
  if (t.child) await settle(t.child.pid);
  return { load, gateway };
}

const fmt = (n: number | undefined | null, d = 2) => (n === undefined || n === null || Number.isNaN(n) ? '–' : n.toFixed(d));

function describe(t: TargetName, rate: number, f: RunFigures, label = ''): string {
  const l = f.load;
  const g = f.gateway;
  return `${label}${t.padEnd(7)} ${String(rate).padStart(5)}/s  p50 ${fmt(l.p50Ms)} p99 ${fmt(l.p99Ms)} max ${fmt(l.maxMs, 1)} ms  done ${fmt(l.achievedRps, 0)}/s  errors ${l.errors}${l.firstError ? ` (${l.firstError})` : ''}`
    + `  loadgen ${fmt(l.cpuPct, 0)}%${g ? `  gw cpu ${fmt(g.cpuPct, 0)}% (${fmt((g.cpuPct * 10) / rate, 3)} ms/req) gc ${fmt(g.gcPct, 1)}% (max ${fmt(g.gcMaxMs, 1)} ms) loop p99 ${fmt(g.loopDelayP99Ms, 1)} ms rss ${fmt(g.rssMb, 0)} MB heap ${fmt(g.heapUsedMb, 0)} MB` : ''}`;
}

async function bench(opts: Options, portkey: PortkeyStatus): Promise<void> {
  const pin = canPin();
  const cpus = pin ? { gateway: '0', harness: '1' } : {};
  if (!pin) progress('taskset cannot pin to CPUs 0 and 1 here: running unpinned (gateway and harness compete for CPU)');
  progress(`machine: ${JSON.stringify(machine())}; ${pin ? 'gateways on CPU 0, mock and load generator on CPU 1' : 'unpinned'}`);
  const dir = tempDir('gateway');
  const children: Child[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
  };
  try {
    const mock = startNode('mock', join(here, 'gateway', 'mock.ts'), ['--latency-ms', '20'], { cpu: cpus.harness });
    children.push(mock);
    const { port: mockPort } = await mock.ready<{ port: number }>(30_000);
    const mockV1 = `http://127.0.0.1:${mockPort}/v1`;
    const upstreamHeaders = { authorization: 'Bearer sk-bench-upstream' };
    const targets: Target[] = [{ name: 'direct', url: `${mockV1}/chat/completions`, headers: upstreamHeaders, model: 'gpt-4o-mini' }];
    const reasons = new Map<TargetName, string>();

    if (opts.targets.includes('bare')) {
      const bare = startNode('bare', join(here, 'gateway', 'bare.ts'), ['--upstream', `http://127.0.0.1:${mockPort}`], { cpu: cpus.gateway, probe: true });
      children.push(bare);
      const { port } = await bare.ready<{ port: number }>(30_000);
      targets.push({ name: 'bare', url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: upstreamHeaders, model: 'gpt-4o-mini', child: bare });
    }
    if (opts.targets.includes('portkey')) {
      if ('reason' in portkey) reasons.set('portkey', portkey.reason);
      else {
        const port = 8787;
        const pk = startNode('portkey', portkeyArgs(port)[0], portkeyArgs(port).slice(1), { cpu: cpus.gateway, probe: true, tsx: false, cwd: dirname(portkeyArgs(port)[0]) });
        children.push(pk);
        try {
          await waitForPort(port, 30_000, pk);
          targets.push({ name: 'portkey', url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: { ...upstreamHeaders, ...portkeyHeaders(mockPort) }, model: 'gpt-4o-mini', child: pk });
        } catch (err) {
          reasons.set('portkey', `Portkey ${PORTKEY_VERSION} did not start: ${(err as Error).message}`);
          await pk.stop();
        }
      }
    }
    if (opts.targets.includes('charter')) {
      const flags = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(here, '.anchors', 'profiles')}`] : [];
      if (opts.profile) mkdirSync(join(here, '.anchors', 'profiles'), { recursive: true });
      const charter = startNode('charter', join(here, 'gateway', 'charter.ts'), ['--upstream', mockV1, '--dir', dir.path], { cpu: cpus.gateway, probe: true, nodeFlags: flags });
      children.push(charter);
      const ready = await charter.ready<{ port: number; key: string; model: string }>(60_000);
      targets.push({ name: 'charter', url: `http://127.0.0.1:${ready.port}/v1/chat/completions`, headers: { authorization: `Bearer ${ready.key}` }, model: ready.model, child: charter });
    }

    // Each target must answer both ways before it is measured; one that cannot is reported with its reason.
    for (const t of [...targets]) {
      const problem = await check(t, opts.pii);
      if (problem) {
        if (t.name === 'direct' || t.name === 'bare' || t.name === 'charter') throw new Error(`${t.name}: ${problem}`);
        reasons.set(t.name, `${t.name} failed its check request: ${problem}`);
        targets.splice(targets.indexOf(t), 1);
        await t.child?.stop();
      }
    }
    for (const [name, why] of reasons) progress(`${name}: ${why}`);
    const idleRss = new Map<TargetName, number>();
    for (const t of targets) {
      const s = await t.child?.probe('stats');
      if (s) idleRss.set(t.name, s.rssMb);
    }

    progress(`warming up every target (${opts.quick ? 2 : 5} s at 500/s)`);
    for (const t of targets) progress(describe(t.name, 500, await measure(t, 500, opts, cpus, false, opts.quick ? 2 : 5, 1), 'warm-up '));

    // The rate matrix: rounds × rates × targets, the order rotating each round, direct measured in every slot.
    const byRate = new Map<string, RunFigures[]>(); // `${mode}:${target}:${rate}` → one per round
    const key = (mode: string, t: TargetName, rate: number) => `${mode}:${t}:${rate}`;
    const add = (k: string, f: RunFigures) => byRate.set(k, [...(byRate.get(k) ?? []), f]);
    const gateways = targets.filter((t) => t.name !== 'direct');
    const direct = targets[0];
    const plan: { rate: number; stream: boolean }[] = [...opts.rates.map((rate) => ({ rate, stream: false })), ...(opts.stream ? [{ rate: 500, stream: true }] : [])];
    for (let r = 0; r < opts.rounds; r++) {
      for (const { rate, stream } of plan) {
        const mode = stream ? 'stream' : 'json';
        const order = rotate([direct, ...gateways], r);
        for (const t of order) {
          const f = await measure(t, rate, opts, cpus, stream);
          add(key(mode, t.name, rate), f);
          progress(describe(t.name, rate, f, `round ${r + 1}/${opts.rounds} ${mode.padEnd(6)} `));
        }
      }
    }

    // The ladder: the highest rate served with no errors, ≥ 97 % completed in the window, p99 under the ceiling.
    // Each target starts above the highest matrix rate it passed in every round (or at the lowest, if none), climbs
    // ×1.5 a step (every live target at each step, in rotating order), then bisects twice.
    const maxRps = new Map<TargetName, number[]>();
    const atMax = new Map<TargetName, RunFigures[]>();
    const passes = (f: RunFigures, rate: number) => f.load.errors === 0 && f.load.achievedRps >= 0.97 * rate && f.load.p99Ms <= opts.maxP99Ms;
    if (opts.ladder) {
      const known = new Map<TargetName, number>();
      for (const t of targets) {
        const ok = opts.rates.filter((rate) => (byRate.get(key('json', t.name, rate)) ?? []).every((f) => passes(f, rate)) && byRate.has(key('json', t.name, rate)));
        known.set(t.name, ok.length ? Math.max(...ok) : 0);
      }
      const stepS = Math.min(opts.durationS, 5);
      for (let r = 0; r < opts.maxRounds; r++) {
        const best = new Map<TargetName, { rate: number; f?: RunFigures }>();
        const failedAt = new Map<TargetName, number>();
        const next = new Map<TargetName, number>();
        for (const t of targets) {
          const k0 = known.get(t.name)!;
          if (k0) best.set(t.name, { rate: k0 });
          next.set(t.name, k0 ? Math.round(k0 * 1.5) : Math.min(...opts.rates));
        }
        let live = rotate(targets, r).filter((t) => next.get(t.name)! <= opts.ladderMax);
        while (live.length) {
          for (const t of live) {
            const rate = next.get(t.name)!;
            const f = await measure(t, rate, opts, cpus, false, stepS, 2);
            progress(describe(t.name, rate, f, `ladder ${r + 1}/${opts.maxRounds} `));
            if (passes(f, rate)) {
              best.set(t.name, { rate, f });
              next.set(t.name, Math.round(rate * 1.5));
            } else failedAt.set(t.name, rate);
          }
          live = live.filter((t) => !failedAt.has(t.name) && next.get(t.name)! <= opts.ladderMax);
        }
        // Two bisections between the last pass and the first failure.
        for (let b = 0; b < 2; b++) {
          for (const t of rotate(targets, r)) {
            const fail = failedAt.get(t.name);
            const pass = best.get(t.name)?.rate ?? 0;
            if (fail === undefined) continue;
            const mid = Math.round((pass + fail) / 2 / 10) * 10;
            if (mid <= pass || mid >= fail) continue;
            const f = await measure(t, mid, opts, cpus, false, stepS, 2);
            progress(describe(t.name, mid, f, `ladder ${r + 1}/${opts.maxRounds} bisect `));
            if (passes(f, mid)) best.set(t.name, { rate: mid, f });
            else failedAt.set(t.name, mid);
          }
        }
        for (const t of targets) {
          const b = best.get(t.name);
          maxRps.set(t.name, [...(maxRps.get(t.name) ?? []), b?.rate ?? 0]);
          if (b?.f) atMax.set(t.name, [...(atMax.get(t.name) ?? []), b.f]);
        }
        progress(`ladder round ${r + 1}: ${targets.map((t) => `${t.name} ${best.get(t.name)?.rate ?? 0}/s${failedAt.has(t.name) ? '' : ` (not limited below --ladder-max ${opts.ladderMax})`}`).join(', ')}`);
      }
    }

    // Final memory figures come from the probes (peak over the whole run).
    const finalStats = new Map<TargetName, ProbeStats>();
    for (const t of targets) {
      const s = await t.child?.probe('stats');
      if (s) finalStats.set(t.name, s);
    }

    // Output.
    const m = machine();
    const med = (xs: number[]) => round(median(xs), 3);
    const figures = (mode: 'json' | 'stream', name: TargetName, rate: number) => {
      const runs = byRate.get(key(mode, name, rate));
      const base = byRate.get(key(mode, 'direct', rate));
      if (!runs || !base) return undefined;
      const added = (p: 'p50Ms' | 'p99Ms') => med(runs.map((f, i) => f.load[p] - base[i].load[p]));
      return {
        added_p50_ms: added('p50Ms'), added_p99_ms: added('p99Ms'),
        errors: runs.reduce((n, f) => n + f.load.errors, 0),
        p50_ms: med(runs.map((f) => f.load.p50Ms)), p99_ms: med(runs.map((f) => f.load.p99Ms)),
        direct_p50_ms: med(base.map((f) => f.load.p50Ms)), direct_p99_ms: med(base.map((f) => f.load.p99Ms)),
        ...(mode === 'stream' ? { added_ttfb_p50_ms: med(runs.map((f, i) => f.load.ttfbP50Ms - base[i].load.ttfbP50Ms)) } : {}),
        gateway_cpu_pct: runs[0].gateway ? round(median(runs.map((f) => f.gateway?.cpuPct ?? NaN)), 1) : undefined,
        // CPU per request is steadier than latency on a shared machine: other work delays a gateway more than it inflates its CPU.
        gateway_cpu_ms_per_req: runs[0].gateway ? round(median(runs.map((f) => ((f.gateway?.cpuPct ?? NaN) * 10) / rate)), 3) : undefined,
        gc_pct: runs[0].gateway ? round(median(runs.map((f) => f.gateway?.gcPct ?? NaN)), 2) : undefined,
        gc_max_ms: runs[0].gateway ? round(median(runs.map((f) => f.gateway?.gcMaxMs ?? NaN)), 2) : undefined,
        loadgen_cpu_pct: round(median(runs.map((f) => f.load.cpuPct)), 1),
        rounds: runs.length,
      };
    };
    const names = opts.targets;
    for (const mode of ['json', 'stream'] as const) {
      if (mode === 'stream' && !opts.stream) continue;
      for (const rate of mode === 'json' ? opts.rates : [500]) {
        for (const name of names) {
          const f = figures(mode, name, rate);
          const tag = mode === 'stream' ? { mode } : {};
          if (f) emit({ bench: 'gateway', target: name, rate, ...f, ...tag });
          else emit({ bench: 'gateway', target: name, rate, added_p50_ms: null, added_p99_ms: null, errors: null, ...tag, reason: reasons.get(name) ?? 'not measured' });
        }
      }
    }
    const harnessMax = maxRps.get('direct');
    for (const name of names) {
      const s = finalStats.get(name);
      const maxes = maxRps.get(name);
      if (!s && !maxes) {
        emit({ bench: 'gateway', target: name, max_rps: null, rss_mb: null, reason: reasons.get(name) ?? 'not measured' });
        continue;
      }
      const at = atMax.get(name) ?? [];
      emit({
        bench: 'gateway', target: name,
        max_rps: maxes ? round(median(maxes)) : null,
        rss_mb: s ? round(s.peakRssMb, 1) : null,
        rss_idle_mb: idleRss.has(name) ? round(idleRss.get(name)!, 1) : undefined,
        max_rps_rounds: maxes,
        p99_at_max_ms: at.length ? round(median(at.map((f) => f.load.p99Ms)), 2) : undefined,
        gateway_cpu_pct_at_max: at.length && at[0].gateway ? round(median(at.map((f) => f.gateway?.cpuPct ?? NaN)), 1) : undefined,
        loadgen_cpu_pct_at_max: at.length ? round(median(at.map((f) => f.load.cpuPct)), 1) : undefined,
        harness_max_rps: harnessMax ? round(median(harnessMax)) : undefined,
        ...(name === 'portkey' && 'version' in portkey ? { version: portkey.version } : {}),
        pinned: pin, ...m,
      });
    }
    verdict(opts, figures, maxRps, harnessMax);
  } finally {
    await stopAll();
    dir.remove();
  }
}

/** The issue's goal, checked on this run's figures (stderr only). */
function verdict(opts: Options, figures: (mode: 'json', t: TargetName, rate: number) => { added_p50_ms: number; added_p99_ms: number; errors: number } | undefined, maxRps: Map<TargetName, number[]>, harnessMax: number[] | undefined) {
  const c = figures('json', 'charter', 500);
  const b = figures('json', 'bare', 500);
  const p = figures('json', 'portkey', 500);
  const mx = (n: TargetName) => (maxRps.get(n) ? median(maxRps.get(n)!) : undefined);
  const lines: string[] = [];
  const check = (label: string, ok: boolean | undefined) => lines.push(`${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL'}  ${label}`);
  if (c && b) {
    check(`added p50 at 500/s within 0.3 ms of bare: charter ${c.added_p50_ms} vs bare ${b.added_p50_ms}`, c.added_p50_ms <= b.added_p50_ms + 0.3);
    check(`added p99 at 500/s within 1.5× bare: charter ${c.added_p99_ms} vs 1.5 × ${b.added_p99_ms}`, c.added_p99_ms <= 1.5 * b.added_p99_ms);
  }
  check(`added p99 at 500/s under a third of Portkey's: charter ${c?.added_p99_ms} vs ${p?.added_p99_ms} / 3`, c && p ? c.added_p99_ms < p.added_p99_ms / 3 : undefined);
  const cm = mx('charter');
  const bm = mx('bare');
  const pm = mx('portkey');
  check(`max error-free rate ≥ 70 % of bare: charter ${cm} vs 0.7 × ${bm}${harnessMax && bm && bm >= median(harnessMax) * 0.95 ? ' (bare reached the harness limit)' : ''}`, cm !== undefined && bm ? cm >= 0.7 * bm : undefined);
  check(`max error-free rate ≥ 1.5× Portkey: charter ${cm} vs 1.5 × ${pm}`, cm !== undefined && pm ? cm >= 1.5 * pm : undefined);
  progress(`goal (issue 4, at 500/s and max rate):\n  ${lines.join('\n  ')}`);
  void opts;
}

async function check(t: Target, pii: boolean): Promise<string | undefined> {
  for (const stream of [false, true]) {
    try {
      const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: requestBody(t.model, pii, stream), signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      if (res.status !== 200) return `${stream ? 'streamed' : 'whole'} answer: HTTP ${res.status} ${text.slice(0, 200)}`;
      if (stream ? !text.includes('data: [DONE]') : !text.includes('"chat.completion"')) return `${stream ? 'streamed' : 'whole'} answer malformed: ${text.slice(0, 200)}`;
    } catch (err) {
      return `${stream ? 'streamed' : 'whole'} answer: ${(err as Error).message}`;
    }
  }
  return undefined;
}

function rotate<T>(xs: T[], by: number): T[] {
  const n = xs.length;
  if (n === 0) return [];
  const k = by % n;
  return [...xs.slice(k), ...xs.slice(0, k)];
}
