import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('loadConfig accepted an invalid configuration');
}

describe('loadConfig', () => {
  it('has working defaults: SQLite at ./data/charter.db on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, sqlitePath: './data/charter.db', logLevel: 'info', demo: false });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads CHARTER_* environment variables and coerces their types', () => {
    const c = loadConfig({ CHARTER_PORT: '9090', CHARTER_DATABASE_URL: 'postgres://u@db:5432/charter', CHARTER_DEMO: 'true', CHARTER_SESSION_TTL_HOURS: '1.5', CHARTER_LOG_LEVEL: 'warn' });
    expect(c).toMatchObject({ port: 9090, databaseUrl: 'postgres://u@db:5432/charter', demo: true, sessionTtlHours: 1.5, logLevel: 'warn' });
    expect(loadConfig({ CHARTER_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ CHARTER_DEMO: '1' }).demo).toBe(true);
  });

  it('ignores empty variables', () => {
    expect(loadConfig({ CHARTER_PORT: '' }).port).toBe(8080);
  });

  it.each([
    ['CHARTER_PORT', 'eighty'],
    ['CHARTER_PORT', '70000'],
    ['CHARTER_DATABASE_URL', 'mysql://root@localhost/charter'],
    ['CHARTER_LOG_LEVEL', 'loud'],
    ['CHARTER_BODY_LIMIT_BYTES', '-1'],
    ['CHARTER_SESSION_TTL_HOURS', '0'],
    ['CHARTER_SCHEDULER_INTERVAL_MS', 'soon'],
    ['CHARTER_MASTER_KEY', 'too-short'],
  ])('names the environment variable in the error: %s=%s', (name, value) => {
    const message = configError({ [name]: value });
    expect(message).toContain('invalid configuration');
    expect(message).toContain(`${name}:`);
  });

  it('says why a database URL is refused', () => {
    expect(configError({ CHARTER_DATABASE_URL: 'mysql://x' })).toContain('CHARTER_DATABASE_URL: must be a postgres:// URL');
  });

  it('reports every invalid variable at once, one per line', () => {
    const message = configError({ CHARTER_PORT: 'x', CHARTER_LOG_LEVEL: 'loud' });
    expect(message.split('\n').filter((l) => l.startsWith('  CHARTER_'))).toHaveLength(2);
  });

  it('reads a JSON or YAML file named by CHARTER_CONFIG, with the environment and overrides on top', () => {
    const json = file('charter.json', JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'debug' }));
    expect(loadConfig({ CHARTER_CONFIG: json })).toMatchObject({ port: 7000, host: '0.0.0.0', logLevel: 'debug' });
    expect(loadConfig({ CHARTER_CONFIG: json, CHARTER_PORT: '7001' }).port).toBe(7001);
    expect(loadConfig({ CHARTER_CONFIG: json, CHARTER_PORT: '7001' }, { port: 7002 }).port).toBe(7002);
    const yaml = file('charter.yaml', 'port: 7100\nsqlitePath: /tmp/x.db\n');
    expect(loadConfig({ CHARTER_CONFIG: yaml })).toMatchObject({ port: 7100, sqlitePath: '/tmp/x.db' });
  });

  it('names the setting when a value from the file is invalid', () => {
    const bad = file('bad.json', JSON.stringify({ port: 'eighty' }));
    expect(configError({ CHARTER_CONFIG: bad })).toContain('CHARTER_PORT:');
  });

  it('refuses a config file that is not an object of settings, naming the file', () => {
    const list = file('list.yaml', '- a\n- b\n');
    expect(configError({ CHARTER_CONFIG: list })).toContain(list);
  });

  it('names CHARTER_CONFIG when the file is missing or unreadable', () => {
    const missing = join(dir, 'nope.yaml');
    const message = configError({ CHARTER_CONFIG: missing });
    expect(message).toContain('CHARTER_CONFIG');
    expect(message).toContain(missing);
    const broken = file('broken.json', '{"port": ');
    expect(configError({ CHARTER_CONFIG: broken })).toContain('CHARTER_CONFIG');
  });
});
