import { createCharter, type Charter } from '../app.js';
import { loadConfig } from '../kernel/config.js';
import { RemoteError } from './remote.js';

/** Opens the configured database directly, for operator commands (migrate, seed, tokens, ledger). */
export async function openLocal(): Promise<Charter> {
  return createCharter(loadConfig(process.env, { logLevel: 'warn' }));
}

export async function tenantId(charter: Charter, slug: string): Promise<string> {
  const row = await charter.kernel.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new RemoteError(`no tenant with slug ${slug}`, 1);
  return row.id;
}

export async function withLocal<T>(fn: (charter: Charter) => Promise<T>): Promise<T> {
  const charter = await openLocal();
  try {
    return await fn(charter);
  } finally {
    await charter.close();
  }
}
