#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createCharter } from '../app.js';
import { ConfigError, loadConfig } from '../kernel/config.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TENANT } from '../seed/cast.js';
import { seedDemo } from '../seed/demo.js';
import { evalCommands } from './eval.js';
import { ledgerCommands } from './ledger.js';
import { withLocal } from './local.js';
import { RemoteError } from './remote.js';
import { tokenCommands } from './token.js';
import { useCaseCommands } from './usecase.js';

const program = new Command('charter')
  .description('Charter: the control plane for an enterprise AI operating model')
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description('migrate, optionally seed the demo tenant, and serve the API (and UI) on CHARTER_HOST:CHARTER_PORT')
  .option('--demo', 'seed the demo tenant on first start')
  .option('-p, --port <port>', 'port (overrides CHARTER_PORT)', (v) => Number(v))
  .action(async (opts: { demo?: boolean; port?: number }) => {
    const config = loadConfig(process.env, { ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.demo ? { demo: true } : {}) });
    const charter = await createCharter(config);
    const seeded = config.demo ? await seedDemo(charter, charter.http) : false;
    await charter.http.listen({ host: config.host, port: config.port });
    charter.kernel.scheduler.start(config.schedulerIntervalMs);
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.sqlitePath}`;
    const url = `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
    process.stdout.write(`\nCharter is running at ${url}  (${where})\n  API reference: ${url}/api/docs   OpenAPI: ${url}/openapi.json\n`);
    if (config.demo) {
      process.stdout.write(`${seeded ? '  Seeded' : '  Using'} the demo tenant "${DEMO_TENANT}". Sign in as any of these, password "${DEMO_PASSWORD}":\n`);
      for (const p of DEMO_PEOPLE) process.stdout.write(`    ${p.email.padEnd(34)} ${p.roles.join(', ')}\n`);
    }
    const stop = async () => {
      await charter.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    await withLocal(async () => void process.stdout.write('database is up to date\n'));
  });

program
  .command('seed')
  .description(`seed the demo tenant "${DEMO_TENANT}" if it is not there`)
  .action(async () => {
    await withLocal(async (c) => {
      process.stdout.write((await seedDemo(c, c.http)) ? `seeded ${DEMO_TENANT}\n` : `${DEMO_TENANT} already exists\n`);
    });
  });

program
  .command('reseal')
  .description('re-encrypt stored upstream credentials with the current CHARTER_MASTER_KEY (keep the old key in CHARTER_PREVIOUS_MASTER_KEYS while this runs)')
  .action(async () => {
    await withLocal(async (c) => {
      const n = await c.services.catalogue.resealCredentials();
      process.stdout.write(`resealed ${n} credential(s) with master key ${c.kernel.keyring.currentId}\n`);
    });
  });

tokenCommands(program);
evalCommands(program);
useCaseCommands(program);
ledgerCommands(program);

/** Exit codes scripts can trust: 0 ok, 1 the operation failed or found a problem, 2 bad usage or configuration, 3 cannot reach Charter. */
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  if (err instanceof RemoteError) {
    process.stderr.write(`charter: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`charter: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`charter: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}
