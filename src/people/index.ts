import type { GatewayKeyService } from '../gateway/keys/service.js';
import type { Kernel } from '../kernel/context.js';
import type { MigrationSet } from '../kernel/db/migrations.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PortfolioService } from '../portfolio/service.js';
import { type ProgrammeServices, wireProgramme } from '../programme/index.js';
import { programmeMigrations } from '../programme/migrations.js';
import type { PdfPrinter } from '../programme/pdf.js';
import type { ProgrammeSources } from '../programme/sources.js';
import type { CatalogueService } from '../releases/catalogue.js';
import { type ApproverSkillGuard, approverGuard, keyHolderGuard, type PolicySource } from './access.js';
import { type AdoptionSource, AdoptionService, type ModelQualitySource } from './adoption-service.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { SkillCatalogue } from './catalogue-service.js';
import { changeRoutes } from './change-routes.js';
import { ChangeService } from './change-service.js';
import { CoverageService } from './coverage-service.js';
import { interimGatewayAdoption } from './interim-gateway-adoption.js';
import { LearningService } from './learning-service.js';
import { peopleMigrations } from './migrations.js';
import { PeopleService } from './person-service.js';
import { peopleRoutes } from './routes.js';

/** The tables of people (600-649) and programme (650-699), for the composition root's list of migrations. */
export const peopleMigrationSets: MigrationSet[] = [peopleMigrations, programmeMigrations];

export interface PeopleDeps {
  portfolio: PortfolioService;
  keys: GatewayKeyService;
  endpoints: CatalogueService;
  /** The pack governing a tier and recorded version, on the caller's connection (governance's policy.governing). */
  policySource: PolicySource;
  /** Adoption by end-user role (measurement's); until then Charter reads the gateway's records (interim-gateway-adoption.ts). */
  adoption?: AdoptionSource;
  /** A use case's model-quality status on its scorecard (measurement's); 'no_data' without it. */
  modelQuality?: ModelQualitySource;
  /** Scorecards, incidents, gate decisions and expiring exceptions for the review pack and the programme. */
  sources?: ProgrammeSources;
  printer?: PdfPrinter;
}

export interface PeopleServices {
  catalogue: SkillCatalogue;
  people: PeopleService;
  learning: LearningService;
  coverage: CoverageService;
  change: ChangeService;
  adoption: AdoptionService;
}

export interface PeopleWiring {
  services: PeopleServices & ProgrammeServices;
  routes(api: ZodApp): void;
  migrations: MigrationSet[];
  /** For governance: `approvals.addApproverGuard(people.approverGuard)`. */
  approverGuard: ApproverSkillGuard;
}

/**
 * People and programme (seed sections 5, 6, 8 and 9): skilling with role-based paths, labs and coverage; the pack's
 * people section on gateway keys (registered here) and approvals (`approverGuard`, for governance to register);
 * change plans and adoption by role; reusable assets; the portfolio forum and its review cadence; the 90-day plan.
 */
export function wirePeople(k: Kernel, deps: PeopleDeps): PeopleWiring {
  const catalogue = new SkillCatalogue(k);
  const people = new PeopleService(k, catalogue, deps.portfolio);
  const learning = new LearningService(k, catalogue, people, deps.portfolio);
  const coverage = new CoverageService(people, deps.portfolio);
  const change = new ChangeService(k, deps.portfolio);
  const adoption = new AdoptionService(k, deps.portfolio, change, people, deps.adoption ?? interimGatewayAdoption(k.db), deps.modelQuality);
  const services: PeopleServices = { catalogue, people, learning, coverage, change, adoption };
  const access = { people, portfolio: deps.portfolio, policySource: deps.policySource };
  deps.keys.addIssueGuard(keyHolderGuard(access));
  const programme = wireProgramme(k, { portfolio: deps.portfolio, keys: deps.keys, endpoints: deps.endpoints, people: services, sources: deps.sources, printer: deps.printer });
  return {
    services: { ...services, ...programme.services },
    routes(api) {
      peopleRoutes(api, people, learning);
      catalogueRoutes(api, catalogue, coverage);
      changeRoutes(api, change, adoption);
      programme.routes(api);
    },
    migrations: peopleMigrationSets,
    approverGuard: approverGuard(access),
  };
}
