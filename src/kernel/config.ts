import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Every setting Charter reads, validated once at start-up. Capability code receives this object; it never reads process.env. */
export const ConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** A postgres:// URL selects PostgreSQL; otherwise Charter uses the SQLite file below. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  sqlitePath: z.string().default('./data/charter.db'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimitBytes: z.coerce.number().int().positive().default(1_048_576),
  sessionTtlHours: z.coerce.number().positive().default(12),
  /** 32-byte key (base64) that encrypts upstream credentials and held answers at rest. */
  masterKey: z.string().regex(/^[A-Za-z0-9+/=_-]{43,44}$/, 'must be 32 bytes, base64').optional(),
  /** Earlier master keys (comma-separated), kept only to decrypt and re-encrypt what they sealed. */
  previousMasterKeys: z.string().default(''),
  /** Seed the demo tenant on first start when the database is empty. */
  demo: z.coerce.boolean().default(false),
  /** How often the job scheduler looks for due jobs. */
  schedulerIntervalMs: z.coerce.number().int().positive().default(5_000),
});
export type Config = z.infer<typeof ConfigSchema>;

const envNames: Record<keyof Config, string> = {
  host: 'CHARTER_HOST',
  port: 'CHARTER_PORT',
  databaseUrl: 'CHARTER_DATABASE_URL',
  sqlitePath: 'CHARTER_SQLITE_PATH',
  logLevel: 'CHARTER_LOG_LEVEL',
  bodyLimitBytes: 'CHARTER_BODY_LIMIT_BYTES',
  sessionTtlHours: 'CHARTER_SESSION_TTL_HOURS',
  masterKey: 'CHARTER_MASTER_KEY',
  previousMasterKeys: 'CHARTER_PREVIOUS_MASTER_KEYS',
  demo: 'CHARTER_DEMO',
  schedulerIntervalMs: 'CHARTER_SCHEDULER_INTERVAL_MS',
};

export class ConfigError extends Error {}

/** Reads the optional file named by CHARTER_CONFIG (JSON or YAML), then environment variables over it, then explicit overrides. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const fromFile = env.CHARTER_CONFIG ? readConfigFile(env.CHARTER_CONFIG) : {};
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = key === 'demo' ? value === 'true' || value === '1' : value;
  }
  const parsed = ConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${envNames[i.path[0] as keyof Config] ?? i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

function readConfigFile(path: string): Record<string, unknown> {
  let data: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`CHARTER_CONFIG=${path} cannot be read: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${path}: expected an object of settings`);
  return data as Record<string, unknown>;
}
