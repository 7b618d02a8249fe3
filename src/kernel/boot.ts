import pino, { type Logger } from 'pino';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Kernel } from './context.js';
import { keyringFromConfig } from './crypto.js';
import { connect, type DbHandle } from './db/connect.js';
import { localFeed, postgresFeed } from './feed.js';
import { Ledger } from './ledger/service.js';
import { Observability } from './observability.js';
import { Scheduler } from './scheduler.js';

export interface BootOptions {
  clock?: Clock;
  log?: Logger;
  /** PostgreSQL schema to isolate in (tests). */
  schema?: string;
}

/** Secrets never reach the logs: headers that carry them are redacted at the logger. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'headers.authorization', '*.password', '*.apiKey', '*.secret', '*.token'],
      censor: '[redacted]',
    },
  });
}

export async function bootKernel(config: Config, opts: BootOptions = {}): Promise<Kernel & { handle: DbHandle; close(): Promise<void> }> {
  const log = opts.log ?? createLogger(config.logLevel);
  const keyring = keyringFromConfig(config);
  const clock = opts.clock ?? systemClock;
  const handle = connect({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, schema: opts.schema });
  const feed = handle.pool ? await postgresFeed(handle.pool, (err) => log.warn({ err }, 'change feed error')) : localFeed();
  const ledger = Ledger.of(handle, clock);
  const scheduler = new Scheduler(handle.db, handle.dialect, clock, log);
  return {
    config, db: handle.db, dialect: handle.dialect, clock, log, feed, ledger, scheduler, keyring, obs: new Observability(), handle,
    async close() {
      scheduler.stop();
      await feed.close();
      await handle.close();
    },
  };
}
