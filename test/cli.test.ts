import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCharter } from '../src/app.js';
import { loadConfig } from '../src/kernel/config.js';

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

  it('drives the portfolio through the HTTP API: list, show, create, import and export, with exit codes scripts can trust', { timeout: 180_000 }, async () => {
    await charter(['seed']);
    // A Charter serving the database the operator commands use, as `charter serve` would.
    const served = await createCharter(loadConfig({}, { sqlitePath: env.CHARTER_SQLITE_PATH, logLevel: 'silent', host: '127.0.0.1', port: 0 }));
    try {
      await served.http.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(served.http.server.address() as AddressInfo).port}`;
      const token = JSON.parse((await charter(['token', 'create', '-e', 'olivia.owner@northwind.example', '--json'])).stdout).token as string;
      const remote = { CHARTER_URL: url, CHARTER_TOKEN: token };
      const cli = (args: string[]) => charter(args, remote);

      const listed = await cli(['usecase', 'list', '--json']);
      expect(listed.code).toBe(0);
      const items: { id: string; title: string; priorityScore: { score: number } | null }[] = JSON.parse(listed.stdout);
      expect(items.length).toBeGreaterThanOrEqual(12);
      const scores = items.map((u) => u.priorityScore?.score ?? 0);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect((await cli(['usecase', 'list', '--stage', 'production', '--json'])).stdout).toContain('Claims triage assistant');
      expect((await cli(['usecase', 'list'])).stdout).toMatch(/^id\s+title\s+stage/);

      const shown = await cli(['usecase', 'show', items[0].id, '--json']);
      expect(JSON.parse(shown.stdout)).toMatchObject({ id: items[0].id, title: items[0].title });
      const missing = await cli(['usecase', 'show', 'uc_nothing_here']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('404');

      const streams = (await (await fetch(`${url}/api/v1/value-streams`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; name: string }[] };
      const claims = streams.items.find((v) => v.name === 'Claims')!.id;
      const body = (outcome: string) => JSON.stringify({ title: 'CLI admitted helper', outcome, valueStreamId: claims, dataClasses: { sensitivity: 'internal' } });
      writeFileSync(join(dir, 'vague.json'), body('use AI to help claims teams'));
      const vague = await cli(['usecase', 'create', '-f', join(dir, 'vague.json')]);
      expect(vague.code).toBe(1);
      for (const field of ['body.outcome.metric', 'body.outcome.target', 'body.outcome.control']) expect(vague.stderr).toContain(field);
      writeFileSync(join(dir, 'good.json'), body('Reduce claims triage time by 30% while preserving human review for high-risk cases'));
      const good = await cli(['usecase', 'create', '-f', join(dir, 'good.json')]);
      expect(good.code).toBe(0);
      expect(good.stdout).toMatch(/^created uc_\w+: Reduce claims triage time by 30%/);

      const header = 'title,owner_email,value_stream,outcome,data_sensitivity';
      writeFileSync(join(dir, 'bad.csv'), [header, 'CLI pilot one,olivia.owner@northwind.example,Claims,,internal', 'CLI pilot two,,Nowhere,,secret'].join('\n'));
      writeFileSync(join(dir, 'pilots.csv'), [header, 'CLI pilot one,olivia.owner@northwind.example,Claims,,internal', 'CLI pilot two,,,,internal'].join('\n'));
      const dry = await cli(['usecase', 'import', join(dir, 'bad.csv')]);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('dry run: 2 rows, 1 valid, 2 problem(s)');
      expect(dry.stdout).toContain('line 3 data_sensitivity');
      expect(dry.stdout).toContain('line 3 value_stream');
      const refused = await cli(['usecase', 'import', join(dir, 'bad.csv'), '--apply']);
      expect(refused.code).toBe(1);
      expect((await cli(['usecase', 'list', '--json'])).stdout).not.toContain('CLI pilot');
      const clean = await cli(['usecase', 'import', join(dir, 'pilots.csv'), '--json']);
      expect(clean.code).toBe(0);
      expect(JSON.parse(clean.stdout)).toMatchObject({ dryRun: true, total: 2, valid: 2, errors: [] });
      const applied = await cli(['usecase', 'import', join(dir, 'pilots.csv'), '--apply']);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('imported 2 use cases into intake');
      const orphans: { title: string; orphanReasons: string[] }[] = JSON.parse((await cli(['usecase', 'list', '--orphaned', '--json'])).stdout);
      expect(orphans.find((u) => u.title === 'CLI pilot two')?.orphanReasons).toEqual(['no business owner', 'no outcome metric']);
      expect(orphans.map((u) => u.title)).not.toContain('CLI admitted helper');

      const exported = join(dir, 'portfolio.json');
      expect((await cli(['usecase', 'export', '--format', 'json', '-o', exported])).code).toBe(0);
      expect(JSON.parse(readFileSync(exported, 'utf8')).map((u: { title: string }) => u.title)).toEqual(expect.arrayContaining(['CLI pilot one', 'CLI pilot two', 'CLI admitted helper']));
      const csv = await cli(['usecase', 'export']);
      expect(csv.stdout.split('\n')[0]).toMatch(/^id,title,stage/);
      expect(csv.stdout).toContain('CLI pilot two');

      // Tokens are revoked by id (their owner sees it in the API) and an unknown id is a failure, not a silent success.
      const second = JSON.parse((await charter(['token', 'create', '-e', 'olivia.owner@northwind.example', '-n', 'to revoke', '--json'])).stdout);
      expect((await charter(['token', 'revoke', second.id])).code).toBe(0);
      expect((await charter(['token', 'revoke', 'tok_nothing_here'])).code).toBe(1);
      const tokens = (await (await fetch(`${url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; revokedAt: string | null }[] };
      expect(tokens.items.find((t) => t.id === second.id)?.revokedAt).toEqual(expect.any(String));

      // Everything the API wrote is on the chain, which still verifies.
      const verified = await charter(['ledger', 'verify', '--json']);
      expect(verified.code).toBe(0);
      expect(JSON.parse(verified.stdout).ok).toBe(true);
    } finally {
      await served.close();
    }
  });
});
