import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authRoutes } from './kernel/auth/routes.js';
import { AuthService } from './kernel/auth/service.js';
import { bootKernel, type BootOptions } from './kernel/boot.js';
import type { Config } from './kernel/config.js';
import type { Kernel } from './kernel/context.js';
import { migrateToLatest } from './kernel/db/migrations.js';
import { createServer } from './kernel/http/server.js';
import { serveWebApp } from './kernel/http/web.js';
import { ledgerRoutes } from './kernel/ledger/routes.js';
import { kernelMigrations } from './kernel/schema-migrations.js';
import { portfolioMigrations } from './portfolio/migrations.js';
import { portfolioRoutes } from './portfolio/routes.js';
import { PortfolioService } from './portfolio/service.js';
import { CatalogueService } from './releases/catalogue.js';
import { releaseMigrations } from './releases/migrations.js';
import { PromptService } from './releases/prompts.js';
import { releaseRoutes } from './releases/routes.js';
import { ReleaseService } from './releases/service.js';
import { gatewayMigrations } from './gateway/migrations.js';
import { GatewayKeyService } from './gateway/keys/service.js';
import { createGateway, type GatewayWiring } from './gateway/index.js';
import { compileRuntime, type RuntimePolicy } from './gateway/runtime.js';
import type { PolicySource } from './gateway/resolver.js';
import { governanceMigrations, type GovernanceServices, type GovernanceWiring, wireGovernance } from './governance/index.js';
import type { PolicyPack } from './policy/schema.js';

/** Every capability's migrations, in one list: the order of blocks is the order of the schema. */
export const allMigrations = [kernelMigrations, portfolioMigrations, ...governanceMigrations, releaseMigrations, gatewayMigrations];

/** The services of every capability, wired once. A capability reaches another only through these. */
export interface Services extends GovernanceServices {
  governance: GovernanceWiring;
  auth: AuthService;
  portfolio: PortfolioService;
  catalogue: CatalogueService;
  prompts: PromptService;
  releases: ReleaseService;
  keys: GatewayKeyService;
}

export interface Charter {
  kernel: Kernel;
  services: Services;
  gateway: GatewayWiring;
  http: FastifyInstance;
  close(): Promise<void>;
}

export function createServices(k: Kernel): Services {
  const auth = new AuthService(k);
  const portfolio = new PortfolioService(k);
  const catalogue = new CatalogueService(k);
  const prompts = new PromptService(k, portfolio);
  const releases = new ReleaseService(k, portfolio, prompts);
  const keys = new GatewayKeyService(k, portfolio);
  const governance = wireGovernance(k, { portfolio });
  return { auth, portfolio, catalogue, prompts, releases, keys, ...governance.services, governance };
}

/** The composition root: boots the kernel, migrates, wires capabilities and their routes. */
export async function createCharter(config: Config, opts: BootOptions = {}): Promise<Charter> {
  const kernel = await bootKernel(config, opts);
  await migrateToLatest(kernel.db, allMigrations);
  const services = createServices(kernel);
  const http = await createServer(kernel, services.auth);
  const api = http.withTypeProvider<ZodTypeProvider>();
  authRoutes(api, services.auth, false);
  ledgerRoutes(api, kernel);
  portfolioRoutes(api, kernel, services.portfolio);
  await serveWebApp(http);
  releaseRoutes(api, services.catalogue, services.prompts, services.releases);
  services.governance.routes(api);
  const gateway = createGateway(kernel, { ...services, policy: compiledPolicy(services.governance.policySource) });
  gateway.routes(http, api);
  await kernel.scheduler.register();
  await http.ready();
  return {
    kernel,
    services,
    gateway,
    http,
    async close() {
      await http.close();
      await gateway.close();
      await kernel.close();
    },
  };
}

/** The governing pack of a use case, compiled once per pack version (published versions are immutable). */
function compiledPolicy(source: GovernanceWiring['policySource']): PolicySource {
  const compiled = new WeakMap<PolicyPack, RuntimePolicy>();
  return async (tenantId, tier, packVersion) => {
    const pack = await source(tenantId, tier, packVersion);
    let policy = compiled.get(pack);
    if (!policy) compiled.set(pack, (policy = compileRuntime(pack)));
    return policy;
  };
}
