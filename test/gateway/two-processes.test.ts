import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, PG_URL } from '../support/databases.js';
import { liveUseCase, type LiveUseCase } from '../support/gateway.js';
import { type Harness, startHarness, TEST_MASTER_KEY } from '../support/harness.js';
import { pgSchemaOf } from '../kernel/helpers.js';

/** Polls until `check` passes; gives up after `ms`. Returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${ms} ms`);
}

describeEachDb('two Charter processes on one PostgreSQL', (db) => {
  let h: Harness;
  let live: LiveUseCase;
  let child: ChildProcess | undefined;
  let other: OpenAI;

  beforeAll(async () => {
    h = await startHarness(db);
    // The other process keeps real time, so the key must be valid in real time too.
    h.clock.set(new Date());
    live = await liveUseCase(h, { tier: 'limited' });
    if (db !== 'postgres') return;
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${await pgSchemaOf(h)}`);
    child = spawn('bin/charter', ['serve', '--port', '0'], {
      env: { ...process.env, CHARTER_DATABASE_URL: url.toString(), CHARTER_MASTER_KEY: TEST_MASTER_KEY, CHARTER_LOG_LEVEL: 'info', CHARTER_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await within(20_000, async () => /listening at http:\/\/127\.0\.0\.1:(\d+)/.test(out));
    const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1];
    other = new OpenAI({ apiKey: live.key, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await h?.close();
  });

  it('stops a suspended use case on the other process within 5 seconds, and lets it through again on resume', async () => {
    if (db !== 'postgres') {
      // One process on SQLite: the in-process feed is covered by the client tests.
      expect(child).toBeUndefined();
      return;
    }
    const call = () => other.chat.completions.create({ model: live.endpointName, messages: [{ role: 'user', content: 'hello' }] }).then(() => 'ok', (e) => (e as { code?: string }).code ?? 'error');
    expect(await call()).toBe('ok');
    await h.charter.services.portfolio.transition(h.acme.actors.platform_admin, live.useCaseId, 'suspended', { reason: 'incident' });
    const stopped = await within(5_000, async () => (await call()) === 'use_case_suspended');
    expect(stopped).toBeLessThan(5_000);
    await h.charter.services.portfolio.transition(h.acme.actors.platform_admin, live.useCaseId, 'pilot', { reason: 'resumed' });
    await within(5_000, async () => (await call()) === 'ok');
  });
});
