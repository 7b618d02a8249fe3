import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db, Dialect } from './db/connect.js';
import type { Keyring } from './crypto.js';
import type { ChangeFeed } from './feed.js';
import type { Ledger } from './ledger/service.js';
import type { Observability } from './observability.js';
import type { Scheduler } from './scheduler.js';

/** What every capability is built from. Created once by the composition root (src/app.ts). */
export interface Kernel {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  feed: ChangeFeed;
  ledger: Ledger;
  scheduler: Scheduler;
  /** Seals secrets at rest (upstream credentials, held answers). */
  keyring: Keyring;
  obs: Observability;
}
