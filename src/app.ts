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
import { evalMigrations, type EvalWiring, productionStageGuard, releaseGateGuard, wireEvals } from './evals/index.js';
import { systemActor } from './kernel/actor.js';
import { type Measurement, measurementMigrationSets, wireMeasurement } from './metrics/index.js';
import { type PeopleDeps, peopleMigrationSets, type PeopleWiring, wirePeople } from './people/index.js';
import type { PolicyPack } from './policy/schema.js';
import { programmeSources } from './programme-sources.js';

/** Every capability's migrations, in one list: the order of blocks is the order of the schema. */
export const allMigrations = [kernelMigrations, portfolioMigrations, ...governanceMigrations, releaseMigrations, gatewayMigrations, evalMigrations, ...measurementMigrationSets, ...peopleMigrationSets];

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
  measurement: Measurement;
  evals: EvalWiring;
  people: PeopleWiring;
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

export interface CharterOptions extends BootOptions {
  /** Stand-ins for what people and programme read from other capabilities (tests that fix those figures). */
  peopleReads?: Partial<Pick<PeopleDeps, 'sources' | 'modelQuality' | 'adoption'>>;
}

/** The composition root: boots the kernel, migrates, wires capabilities and their routes. */
export async function createCharter(config: Config, opts: CharterOptions = {}): Promise<Charter> {
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
  const measurement = wireMeasurement(kernel, { portfolio: services.portfolio, releases: services.releases, packs: services.governance.policySource }, gateway.recorder);
  measurement.routes(api);
  closeTheLoop(gateway, measurement);
  const evals = wireEvals(kernel, {
    ...services,
    callCandidate: (tenantId, useCaseId, releaseId, body, signal) => gateway.core.callCandidate(tenantId, useCaseId, releaseId, body, signal),
    policyPack: services.governance.policySource,
    hasMonitoringThresholds: (tenantId, useCaseId) => measurement.services.monitors.hasThresholds(tenantId, useCaseId),
  });
  evals.routes(api);
  // Nothing carries production traffic, and no use case enters production, without a release gate that passed.
  services.releases.addActivationGuard(releaseGateGuard(evals.services.gates));
  services.portfolio.addGuard(productionStageGuard(evals.services.gates, services.releases));
  evals.onRunCompleted((run, figures) =>
    measurement.services.ingest.recordEvaluation(systemActor(run.tenantId, 'evaluations'), figures.map((f) => ({ useCaseId: run.useCaseId, runId: run.runId, at: run.at, ...f }))));
  const people = wirePeople(kernel, {
    portfolio: services.portfolio, keys: services.keys, endpoints: services.catalogue,
    policySource: async (conn, tenantId, tier, packVersion) => (await services.policy.governing(conn, tenantId, tier, packVersion)).pack,
    modelQuality: async (actor, useCase) => {
      const now = kernel.clock.now().getTime();
      const [card] = await measurement.services.scorecards.cards(actor, [useCase], now - MODEL_QUALITY_WINDOW_MS, now);
      return card.status.modelQuality;
    },
    sources: programmeSources(measurement.services, services, evals.services),
    ...opts.peopleReads,
  });
  services.approvals.addApproverGuard(people.approverGuard);
  people.routes(api);
  await kernel.scheduler.register();
  await http.ready();
  return {
    kernel,
    services,
    gateway,
    measurement,
    evals,
    people,
    http,
    async close() {
      await http.close();
      await evals.close();
      await gateway.close();
      await measurement.close();
      await kernel.close();
    },
  };
}

/** The window over which a use case's model quality is read for its adoption diagnosis. */
const MODEL_QUALITY_WINDOW_MS = 30 * 86_400_000;

/** What the gateway observes after a call reaches measurement, and what measurement contains reaches the gateway. */
function closeTheLoop(gateway: GatewayWiring, measurement: Measurement): void {
  const { feedback, containment } = measurement.services;
  gateway.resolver.useThrottles((tenantId, useCaseId) => containment.activeThrottle(tenantId, useCaseId));
  gateway.useFeedback((tenantId, responseId, score, comment, useCaseId) => feedback.recordFeedback(tenantId, responseId, score, comment, useCaseId));
  gateway.reviews.onDecided((tenantId, eventId, overridden) => feedback.recordReviewDecision(tenantId, eventId, overridden));
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
