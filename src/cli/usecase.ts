import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describeProblem, remote, RemoteError } from './remote.js';
import { printJson, printTable } from './output.js';

interface UseCaseView {
  id: string; title: string; stage: string; riskTier: string | null; outcomeSentence: string | null;
  valueStream: { name: string } | null; owner: { name: string } | null; priorityScore: { score: number } | null; orphanReasons: string[];
}

const row = (u: UseCaseView) => ({
  id: u.id, title: u.title, stage: u.stage, tier: u.riskTier ?? '', stream: u.valueStream?.name ?? '', owner: u.owner?.name ?? '',
  priority: u.priorityScore?.score ?? '', orphaned: u.orphanReasons.length ? 'yes' : '',
});

export function useCaseCommands(program: Command): void {
  const uc = program.command('usecase').description('the use-case portfolio (through the HTTP API: CHARTER_URL, CHARTER_TOKEN)');

  uc.command('list')
    .description('list use cases, ranked by priority')
    .option('-s, --stage <stages>', 'comma-separated stages')
    .option('--tier <tiers>', 'comma-separated risk tiers')
    .option('--orphaned', 'only orphaned experiments (no owner, no outcome metric, or no activity in --orphan-days)')
    .option('--orphan-days <n>', 'days without activity that make an experiment orphaned (default 30)', (v) => Number(v))
    .option('-l, --limit <n>', 'at most this many (all pages are followed)', (v) => Number(v), 1000)
    .option('--json', 'print JSON')
    .action(async (opts: { stage?: string; tier?: string; orphaned?: boolean; orphanDays?: number; limit: number; json?: boolean }) => {
      const api = remote();
      const items: UseCaseView[] = [];
      let cursor: string | null = null;
      do {
        const q = new URLSearchParams({ limit: String(Math.min(200, opts.limit - items.length)) });
        if (opts.stage) q.set('stage', opts.stage);
        if (opts.tier) q.set('tier', opts.tier);
        if (opts.orphaned) q.set('orphaned', 'true');
        if (opts.orphanDays !== undefined) q.set('orphanDays', String(opts.orphanDays));
        if (cursor) q.set('cursor', cursor);
        const page: { items: UseCaseView[]; nextCursor: string | null } = await api.request('GET', `/api/v1/use-cases?${q}`);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < opts.limit);
      if (opts.json) printJson(items);
      else printTable(items.map(row), ['id', 'title', 'stage', 'tier', 'stream', 'owner', 'priority', 'orphaned']);
    });

  uc.command('show <id>')
    .description('one use case')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const u = await remote().request<UseCaseView & Record<string, unknown>>('GET', `/api/v1/use-cases/${encodeURIComponent(id)}`);
      if (opts.json) return printJson(u);
      process.stdout.write(`${u.title} (${u.id})\n  stage: ${u.stage}   tier: ${u.riskTier ?? 'not screened'}   priority: ${u.priorityScore?.score ?? '-'}\n  outcome: ${u.outcomeSentence ?? '(none)'}\n  value stream: ${u.valueStream?.name ?? '-'}   owner: ${u.owner?.name ?? '-'}\n`);
      if (u.orphanReasons.length) process.stdout.write(`  orphaned: ${u.orphanReasons.join('; ')}\n`);
    });

  uc.command('create')
    .description('admit a use case from a JSON file (the body of POST /api/v1/use-cases)')
    .requiredOption('-f, --file <path>', 'JSON file, or - for standard input')
    .option('--json', 'print JSON')
    .action(async (opts: { file: string; json?: boolean }) => {
      const text = readFileSync(opts.file === '-' ? 0 : opts.file, 'utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new RemoteError(`${opts.file} is not JSON: ${(err as Error).message}`, 2);
      }
      const u = await remote().request<UseCaseView>('POST', '/api/v1/use-cases', body);
      if (opts.json) printJson(u);
      else process.stdout.write(`created ${u.id}: ${u.outcomeSentence}\n`);
    });

  uc.command('import <file>')
    .description('import an inventory of pilots (CSV with header, or a JSON array); dry run unless --apply')
    .option('--apply', 'import for real (all rows or none)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { apply?: boolean; json?: boolean }) => {
      const format = file.endsWith('.json') ? 'json' : 'csv';
      const res = await remote().raw('POST', `/api/v1/use-cases/import?dryRun=${opts.apply ? 'false' : 'true'}&format=${format}`, readFileSync(file), {
        'content-type': format === 'json' ? 'application/json' : 'text/csv',
      });
      const data = (await res.json()) as { report?: { dryRun: boolean; total: number; valid: number; errors: { line: number; field?: string; reason: string }[]; imported: unknown[] } } & Record<string, unknown>;
      const report = (res.ok ? data : data.report) as NonNullable<typeof data.report> | undefined;
      if (opts.json) printJson(data);
      else if (report) {
        process.stdout.write(`${report.dryRun ? 'dry run' : 'import'}: ${report.total} rows, ${report.valid} valid, ${report.errors.length} problem(s)\n`);
        for (const e of report.errors) process.stdout.write(`  line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.reason}\n`);
        if (!report.dryRun && res.ok) process.stdout.write(`imported ${report.imported.length} use cases into intake\n`);
      }
      if (!res.ok) {
        if (!report) process.stderr.write(`${describeProblem(res.status, data)}\n`);
        process.exitCode = 1;
      } else if (report?.errors.length) process.exitCode = 1;
    });

  uc.command('export')
    .description('export the portfolio')
    .option('--format <format>', 'csv or json', 'csv')
    .option('-o, --out <path>', 'output file (default: standard output)')
    .action(async (opts: { format: string; out?: string }) => {
      const res = await remote().raw('GET', `/api/v1/use-cases/export?format=${opts.format}`);
      const text = await res.text();
      if (!res.ok) throw new RemoteError(describeProblem(res.status, JSON.parse(text)), 1);
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
