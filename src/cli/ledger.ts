import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ChainVerifier, type VerifyResult } from '../kernel/ledger/model.js';
import { rowToRecord } from '../kernel/ledger/service.js';
import { RemoteError } from './remote.js';
import { tenantId, withLocal } from './local.js';
import { printJson } from './output.js';

function report(result: VerifyResult, json: boolean): void {
  if (json) printJson(result);
  else if (result.ok) process.stdout.write(`ledger intact: ${result.entries} entries, head ${result.headSeq} ${result.headHash}\n`);
  else process.stdout.write(`ledger BROKEN at entry ${result.firstBreak!.seq} (${result.firstBreak!.kind}): ${result.firstBreak!.detail}\n`);
  if (!result.ok) process.exitCode = 1;
}

export function ledgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('verify and export the audit ledger (reads the database directly)');

  ledger
    .command('verify')
    .description('recompute the hash chain and report the first entry that was modified, deleted or reordered (exit 1 if broken)')
    .option('-t, --tenant <slug>', 'tenant slug', 'northwind')
    .option('-f, --file <path>', 'verify an exported JSONL file offline instead of the database')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { tenant: string; file?: string; json?: boolean }) => {
      if (opts.file) return report(await verifyFile(opts.file), !!opts.json);
      await withLocal(async (c) => report(await c.kernel.ledger.verify(c.kernel.db, await tenantId(c, opts.tenant)), !!opts.json));
    });

  ledger
    .command('export')
    .description('write the chain as JSONL (one entry a line) that `ledger verify --file` checks offline')
    .option('-t, --tenant <slug>', 'tenant slug', 'northwind')
    .option('-o, --out <path>', 'output file (default: standard output)')
    .action(async (opts: { tenant: string; out?: string }) => {
      await withLocal(async (c) => {
        const id = await tenantId(c, opts.tenant);
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        for await (const row of c.kernel.ledger.walk(c.kernel.db, id)) {
          if (!out.write(`${JSON.stringify(rowToRecord(row))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        if (opts.out) await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
      });
    });
}

async function verifyFile(path: string): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new RemoteError(`${path}:${n} is not JSON`, 1);
    }
    if (!verifier.push(entry)) break;
  }
  return verifier.finish();
}
