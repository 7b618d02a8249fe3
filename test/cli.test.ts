import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'charter-cli-'));
const env = { ...process.env, CHARTER_SQLITE_PATH: join(dir, 'charter.db'), CHARTER_LOG_LEVEL: 'silent', CHARTER_DATABASE_URL: '' };
const charter = (args: string[], extra: Record<string, string> = {}) =>
  run('bin/charter', args, { env: { ...env, ...extra } }).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

describe('the charter command', () => {
  it('seeds, creates a token, verifies and exports the ledger, and detects tampering offline', async () => {
    expect((await charter(['seed'])).stdout).toContain('seeded northwind');
    expect((await charter(['seed'])).stdout).toContain('already exists');
    const token = await charter(['token', 'create', '-e', 'olivia.owner@northwind.example', '--json']);
    expect(JSON.parse(token.stdout).token).toMatch(/^chr_pat_/);
    const verify = await charter(['ledger', 'verify', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const out = join(dir, 'ledger.jsonl');
    expect((await charter(['ledger', 'export', '-o', out])).code).toBe(0);
    expect((await charter(['ledger', 'verify', '--file', out])).stdout).toContain('ledger intact');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const entry = JSON.parse(lines[5]);
    entry.action = 'usecase.delete';
    lines[5] = JSON.stringify(entry);
    writeFileSync(out, `${lines.join('\n')}\n`);
    const broken = await charter(['ledger', 'verify', '--file', out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry 6 (modified)');
  });

  it('exits 2 on bad usage and on bad configuration, naming the setting', async () => {
    expect((await charter(['usecase', 'frobnicate'])).code).toBe(2);
    const bad = await charter(['migrate'], { CHARTER_PORT: 'eighty' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CHARTER_PORT');
  });

  it('exits 3 when Charter cannot be reached and 2 without a token', async () => {
    expect((await charter(['usecase', 'list'], { CHARTER_URL: 'http://127.0.0.1:9', CHARTER_TOKEN: 'chr_pat_x' })).code).toBe(3);
    expect((await charter(['usecase', 'list'], { CHARTER_TOKEN: '' })).code).toBe(2);
  });
});
