import type { Kernel } from '../kernel/context.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { CatalogueService } from '../releases/catalogue.js';
import type { PromptService } from '../releases/prompts.js';
import type { ReleaseService } from '../releases/service.js';
import { BaselineService } from './baseline-service.js';
import { type CallCandidate, CandidateCaller } from './candidate-service.js';
import { DatasetService } from './dataset-service.js';
import { RunExecutor, type RunListener } from './execution-service.js';
import { GateService, type MonitoringCheck, type PolicyPackSource } from './gate-service.js';
import { evalMigrations } from './migrations.js';
import { RedTeamService } from './red-team-service.js';
import { evalRoutes, type EvalServices } from './routes.js';
import { EvalRunService } from './run-service.js';

export { evalMigrations } from './migrations.js';
export { productionStageGuard, releaseGateGuard } from './gate-service.js';
export type { CallCandidate } from './candidate-service.js';
export type { EvalServices } from './routes.js';

/** How often an instance looks for runs another instance left unfinished. */
const RESUME_EVERY_MS = 30_000;

export interface EvalDeps {
  portfolio: PortfolioService;
  catalogue: CatalogueService;
  prompts: PromptService;
  releases: ReleaseService;
  /** the gateway's call of a release candidate under the use case's policies */
  callCandidate: CallCandidate;
  policyPack: PolicyPackSource;
  hasMonitoringThresholds: MonitoringCheck;
}

export interface EvalWiring {
  services: EvalServices;
  routes(api: ZodApp): void;
  migrations: typeof evalMigrations;
  /** Told of each completed run with its figures (measurement records them as `eval.<metric>`). */
  onRunCompleted(listener: RunListener): void;
  /** stops starting new calls; unfinished runs are resumed by the next instance */
  close(): Promise<void>;
}

/** Builds the evaluations capability and schedules the resumption of abandoned runs (register before the scheduler starts). */
export function wireEvals(k: Kernel, deps: EvalDeps): EvalWiring {
  const datasets = new DatasetService(k, deps.portfolio);
  const redTeam = new RedTeamService(k);
  const caller = new CandidateCaller(k, deps.catalogue, deps.prompts, deps.callCandidate);
  const baselines = new BaselineService(deps.releases);
  const executor = new RunExecutor(k, { datasets, releases: deps.releases, caller, baselines });
  const runs = new EvalRunService(k, { datasets, releases: deps.releases, portfolio: deps.portfolio, redTeam, caller, executor });
  const gates = new GateService(k, { releases: deps.releases, portfolio: deps.portfolio, datasets, baselines, policyPack: deps.policyPack, hasMonitoringThresholds: deps.hasMonitoringThresholds });
  k.scheduler.every('evals.resume', RESUME_EVERY_MS, async (now) => void (await runs.resumeAbandoned(now)));
  const services: EvalServices = { datasets, runs, redTeam, gates };
  return {
    services,
    routes: (api) => evalRoutes(api, services),
    migrations: evalMigrations,
    onRunCompleted: (listener) => executor.onCompleted(listener),
    close: () => runs.close(),
  };
}
