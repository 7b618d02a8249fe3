import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { createDataset, type EvalFixture, evalFixture, ticketsJsonl } from './evals-fixtures.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'charter-eval-cli-'));

describe('charter eval and charter gate in a CI pipeline', () => {
  let h: Harness;
  let fx: EvalFixture;
  let env: NodeJS.ProcessEnv;
  const charter = (args: string[]) =>
    run('bin/charter', args, { env }).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  beforeAll(async () => {
    h = await startHarness('sqlite');
    fx = await evalFixture(h, h.acme, 'minimal');
    await h.charter.http.listen({ host: '127.0.0.1', port: 0 });
    const { port } = h.charter.http.server.address() as AddressInfo;
    env = { ...process.env, CHARTER_URL: `http://127.0.0.1:${port}`, CHARTER_TOKEN: h.acme.headers.builder.authorization.slice('Bearer '.length) };
  });
  afterAll(async () => h?.close());

  it('runs an evaluation with a progress bar, then passes the gate, writing JUnit XML either way', async () => {
    const releaseId = await fx.release('ci candidate', await fx.endpoint('sim-ci', { accuracy: 0.95 }));
    const datasetId = await createDataset(h, h.acme, 'ci-set', ticketsJsonl(40), fx.useCaseId);
    const junit = join(dir, 'gate.xml');

    const before = await charter(['gate', 'check', '--release', releaseId, '--junit', junit]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('release gate FAILED');
    expect(readFileSync(junit, 'utf8')).toContain('<failure type="missing-evidence"');

    const evaluated = await charter(['eval', 'run', '--use-case', fx.useCaseId, '--release', releaseId, '--dataset', datasetId]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stderr).toMatch(/\[#{30}\] 40\/40 cases \(completed\)/);
    expect(evaluated.stdout).toMatch(/^f1\s+0\.\d+/m);

    const after = await charter(['gate', 'check', '--release', releaseId, '--junit', junit]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('release gate PASSED');
    expect(readFileSync(junit, 'utf8')).toContain('failures="0"');
  });

  it('exits 1 naming the problem when the release and use case do not match', async () => {
    const releaseId = await fx.release('mismatch', await fx.endpoint('sim-mismatch', {}));
    const res = await charter(['eval', 'run', '--use-case', 'uc_elsewhere', '--release', releaseId, '--dataset', 'ds_none']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`409 Conflict: release ${releaseId} belongs to use case ${fx.useCaseId}, not uc_elsewhere`);
  });

  it('imports a promptfoo config as a dataset', async () => {
    const config = join(dir, 'promptfooconfig.yaml');
    writeFileSync(config, ['prompts: ["Reply to: {{msg}}"]', 'tests:', '  - vars: { msg: hello }', '    assert: [{ type: contains, value: hi }, { type: javascript, value: "true" }]'].join('\n'));
    const res = await charter(['eval', 'import-promptfoo', config]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/created dataset ds_\w+ \(promptfooconfig\): 1 cases/);
    expect(res.stdout).toContain('not imported (test 1, assertion 2)');
  });
});
