/**
 * The Portkey gateway as the anchor: installed on first use into the git-ignored bench/.anchors/portkey (never a
 * project dependency), with an npm `overrides` entry forcing @hono/node-server 2.1.9, because the 1.19 line that
 * @portkey-ai/gateway 1.15 pulls in breaks streaming (`TypeError: immutable`). Everything here fails soft: the caller
 * gets a reason instead of an exception, so the bench still measures the other targets.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PORTKEY_VERSION = '1.15.2';
export const HONO_NODE_SERVER = '2.1.9';

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const ANCHOR_DIR = join(benchDir, '.anchors', 'portkey');
export const PORTKEY_ENTRY = join(ANCHOR_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

function installedVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(ANCHOR_DIR, 'node_modules', '@portkey-ai', 'gateway', 'package.json'), 'utf8')) as { version?: string };
    const hono = JSON.parse(readFileSync(join(ANCHOR_DIR, 'node_modules', '@hono', 'node-server', 'package.json'), 'utf8')) as { version?: string };
    return hono.version === HONO_NODE_SERVER && existsSync(PORTKEY_ENTRY) ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Installs Portkey unless the right version is already there. Resolves to the installed version, or to
 * `{ reason }` when it cannot be installed (no network, no npm, a registry without the package).
 */
export async function ensurePortkey(log: (m: string) => void, timeoutMs = 300_000): Promise<{ version: string } | { reason: string }> {
  const have = installedVersion();
  if (have === PORTKEY_VERSION) return { version: have };
  mkdirSync(ANCHOR_DIR, { recursive: true });
  writeFileSync(join(ANCHOR_DIR, 'package.json'), `${JSON.stringify({
    name: 'charter-bench-anchor-portkey',
    private: true,
    description: 'Installed by `npm run bench -- gateway`; git-ignored; not a dependency of Charter.',
    dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
    overrides: { '@hono/node-server': HONO_NODE_SERVER },
  }, null, 2)}\n`);
  log(`installing @portkey-ai/gateway@${PORTKEY_VERSION} (with @hono/node-server ${HONO_NODE_SERVER}) into ${ANCHOR_DIR}`);
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    // --prefix keeps npm from walking up to Charter's own package.json and its workspaces.
    const child = spawn('npm', ['install', '--prefix', ANCHOR_DIR, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: ANCHOR_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_workspaces: 'false' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, output: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
  const now = installedVersion();
  if (result.code === 0 && now === PORTKEY_VERSION) return { version: now };
  const tail = result.output.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
  return { reason: `could not install @portkey-ai/gateway@${PORTKEY_VERSION}: npm exited with ${result.code}${tail ? ` (${tail})` : ''}` };
}

/** Portkey's command line: it always listens on every interface, so the bench runs it inside `unshare -n`. */
export function portkeyArgs(port: number): string[] {
  return [PORTKEY_ENTRY, `--port=${port}`, '--headless'];
}

/** Headers that make Portkey forward to the mock as an OpenAI-compatible custom host (it trusts 127.0.0.1). */
export function portkeyHeaders(mockPort: number): Record<string, string> {
  return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${mockPort}/v1` };
}
