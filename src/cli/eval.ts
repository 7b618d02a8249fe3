import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { printJson, printTable } from './output.js';
import { describeProblem, type Remote, remote, RemoteError } from './remote.js';

interface Progress { status: string; total: number; done: number; succeeded: number; failed: number }
interface Interval { value: number | null; low: number | null; high: number | null; support: number }
interface RunView {
  id: string; progress: Progress; error: string | null;
  summary: { metrics: Record<string, Interval>; comparison: { baselineReleaseId: string; metrics: Record<string, { delta: number | null; significantRegression: boolean; method: string }> } | null } | null;
}
interface Criterion { id: string; status: string; value: unknown; threshold: string; reason: string }
interface DecisionView { id: string; passed: boolean; tier: string; pack: string; criteria: Criterion[]; counts: Record<string, number> }

const POLL_MS = 500;
const round = (v: number | null) => (v === null ? '' : Math.round(v * 10_000) / 10_000);

/** A progress bar on standard error: redrawn in place on a terminal, a line per tenth otherwise. */
function progressBar() {
  let lastTenth = -1;
  return (p: Progress) => {
    const share = p.total ? p.done / p.total : 1;
    const line = `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '-')}] ${p.done}/${p.total} cases${p.failed ? `, ${p.failed} failed` : ''} (${p.status})`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (Math.floor(share * 10) !== lastTenth) process.stderr.write(`${line}\n`);
    lastTenth = Math.floor(share * 10);
  };
}

async function follow(api: Remote, runId: string): Promise<RunView> {
  const draw = progressBar();
  for (;;) {
    const progress = await api.request<Progress>('GET', `/api/v1/eval-runs/${runId}/progress`);
    draw(progress);
    if (progress.status === 'completed' || progress.status === 'failed') break;
    await sleep(POLL_MS);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return api.request<RunView>('GET', `/api/v1/eval-runs/${runId}`);
}

function printRun(run: RunView): void {
  const metrics = Object.entries(run.summary?.metrics ?? {}).map(([metric, m]) => ({ metric, value: round(m.value), low: round(m.low), high: round(m.high), cases: m.support }));
  printTable(metrics, ['metric', 'value', 'low', 'high', 'cases']);
  const comparison = run.summary?.comparison;
  if (comparison) {
    process.stdout.write(`\ncompared with release ${comparison.baselineReleaseId}:\n`);
    printTable(Object.entries(comparison.metrics).map(([metric, c]) => ({ metric, change: round(c.delta), method: c.method, regression: c.significantRegression ? 'significant' : '' })), ['metric', 'change', 'method', 'regression']);
  }
}

/** `charter eval …` and `charter gate …`: evaluations and release gates in CI pipelines, through the HTTP API. */
export function evalCommands(program: Command): void {
  const evaluation = program.command('eval').description('evaluation runs and datasets (through the HTTP API: CHARTER_URL, CHARTER_TOKEN)');

  evaluation.command('run')
    .description('evaluate a release candidate on a dataset through the gateway, showing progress; exits 1 if the run fails')
    .requiredOption('--use-case <id>', 'the use case the release belongs to')
    .requiredOption('--release <id>', 'the release candidate')
    .requiredOption('--dataset <id>', 'the evaluation dataset')
    .option('--dataset-version <n>', 'the dataset version (default: the latest)', (v) => Number(v))
    .option('--concurrency <n>', 'calls in flight at once', (v) => Number(v))
    .option('--json', 'print the finished run as JSON')
    .action(async (opts: { useCase: string; release: string; dataset: string; datasetVersion?: number; concurrency?: number; json?: boolean }) => {
      const api = remote();
      const body = { datasetId: opts.dataset, useCaseId: opts.useCase, ...(opts.datasetVersion ? { version: opts.datasetVersion } : {}), ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) };
      const started = await api.request<RunView>('POST', `/api/v1/releases/${encodeURIComponent(opts.release)}/eval-runs`, body);
      process.stderr.write(`run ${started.id}\n`);
      const run = await follow(api, started.id);
      if (opts.json) printJson(run);
      else if (run.progress.status === 'completed') printRun(run);
      if (run.progress.status !== 'completed') {
        process.stderr.write(`charter: run ${run.id} failed: ${run.error ?? 'unknown error'}\n`);
        process.exitCode = 1;
      }
    });

  evaluation.command('import-promptfoo <config>')
    .description('create a dataset from a promptfoo config: its prompts × tests with their deterministic assertions')
    .option('--name <name>', 'dataset name (default: the file name)')
    .option('--use-case <id>', 'the use case the dataset tests')
    .option('--json', 'print JSON')
    .action(async (config: string, opts: { name?: string; useCase?: string; json?: boolean }) => {
      const query = new URLSearchParams({ name: opts.name ?? basename(config).replace(/\.(ya?ml|json)$/, '') });
      if (opts.useCase) query.set('useCaseId', opts.useCase);
      const res = await remote().raw('POST', `/api/v1/datasets/import-promptfoo?${query}`, readFileSync(config), { 'content-type': 'application/yaml' });
      const data = (await res.json()) as { dataset: { id: string; name: string; versions: { rows: number; contentHash: string }[] }; unsupported: { test: number | null; assertion?: number; reason: string }[] };
      if (!res.ok) throw new RemoteError(describeProblem(res.status, data), 1);
      if (opts.json) return printJson(data);
      const version = data.dataset.versions[0];
      process.stdout.write(`created dataset ${data.dataset.id} (${data.dataset.name}): ${version.rows} cases, sha256 ${version.contentHash}\n`);
      for (const u of data.unsupported) process.stdout.write(`  not imported${u.test === null ? '' : ` (test ${u.test}${u.assertion ? `, assertion ${u.assertion}` : ''})`}: ${u.reason}\n`);
    });

  program.command('gate').description('release gates (through the HTTP API: CHARTER_URL, CHARTER_TOKEN)')
    .command('check')
    .description("decide a release's gate now; exits 1 unless it passes")
    .requiredOption('--release <id>', 'the release candidate')
    .option('--junit <path>', 'also write the decision as JUnit XML')
    .option('--json', 'print the decision as JSON')
    .action(async (opts: { release: string; junit?: string; json?: boolean }) => {
      const api = remote();
      const decision = await api.request<DecisionView>('POST', `/api/v1/releases/${encodeURIComponent(opts.release)}/gate`);
      if (opts.junit) {
        const res = await api.raw('GET', `/api/v1/gate-decisions/${decision.id}?format=junit`);
        if (!res.ok) throw new RemoteError(describeProblem(res.status, await res.json()), 1);
        writeFileSync(opts.junit, await res.text());
      }
      if (opts.json) printJson(decision);
      else {
        process.stdout.write(`release gate ${decision.passed ? 'PASSED' : 'FAILED'} (${decision.tier}: ${decision.pack}, decision ${decision.id})\n`);
        printTable(decision.criteria.map((c) => ({ status: c.status, criterion: c.id, value: typeof c.value === 'number' ? round(c.value) : c.value, threshold: c.threshold, reason: c.reason })), ['status', 'criterion', 'value', 'threshold', 'reason']);
      }
      if (!decision.passed) process.exitCode = 1;
    });
}
