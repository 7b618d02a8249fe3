import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCharter, type Charter } from '../../../src/app.js';
import { loadConfig } from '../../../src/kernel/config.js';
import { WEB_DIST } from '../../../src/kernel/http/web.js';
import { seedDemo } from '../../../src/seed/demo.js';

export interface RunningCharter {
  charter: Charter;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a Charter on 127.0.0.1 and a free port, with a fresh SQLite file, the built web app and the demo tenant.
 * With `gatewayStory` the demo is seeded as `serve --demo` seeds it (endpoint, releases through their gates, keys,
 * traffic, production); without it there is no gateway story, for tests that build it through the UI.
 */
export async function startCharter(opts: { gatewayStory?: boolean } = {}): Promise<RunningCharter> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the web app is not built at ${WEB_DIST}; run npm run build:web first (npm test does)`);
  const dir = mkdtempSync(join(tmpdir(), 'charter-e2e-'));
  const config = loadConfig({}, { logLevel: 'silent', host: '127.0.0.1', port: 0, sqlitePath: join(dir, 'charter.db'), demo: true });
  const charter = await createCharter(config);
  await seedDemo(charter, opts.gatewayStory ? charter.http : undefined);
  await charter.http.listen({ host: config.host, port: 0 });
  const { port } = charter.http.server.address() as AddressInfo;
  return {
    charter,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await charter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
