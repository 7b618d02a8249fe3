/**
 * `npm run bench -- <name> [args]` runs bench/<name>.ts, whose `run(args)` prints one JSON line per result on
 * stdout (progress goes to stderr). npm prints its own banner on stdout too: `npm run -s bench -- <name>` (or
 * `npx tsx bench/run.ts <name>`) leaves only the JSON lines.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

const [name, ...args] = process.argv.slice(2);
const benches = available();
if (!name || !benches.includes(name)) {
  process.stderr.write(`${name ? `unknown bench: ${name}\n` : ''}usage: npm run bench -- <name> [args]\navailable benches: ${benches.join(', ')}\n`);
  process.exit(2);
}

// Ctrl-C still runs the 'exit' handlers that remove temporary databases (see lib/tmp.ts).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const mod = (await import(pathToFileURL(`${here}/${name}.ts`).href)) as { run?: (args: string[]) => Promise<void> };
if (typeof mod.run !== 'function') {
  process.stderr.write(`bench/${name}.ts does not export run(args)\n`);
  process.exit(2);
}
try {
  await mod.run(args);
} catch (err) {
  process.stderr.write(`bench ${name} failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}
// Pools, timers and servers a bench forgot to close must not keep the process alive.
process.exit(0);
