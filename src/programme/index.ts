import type { GatewayKeyService } from '../gateway/keys/service.js';
import type { Kernel } from '../kernel/context.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PeopleServices } from '../people/index.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { CatalogueService } from '../releases/catalogue.js';
import { assetRoutes } from './assets-routes.js';
import { AssetService } from './assets-service.js';
import { FactsService } from './facts-service.js';
import { forumRoutes } from './forum-routes.js';
import { ForumService } from './forum-service.js';
import { chromiumPrinter, type PdfPrinter } from './pdf.js';
import { planRoutes } from './plan-routes.js';
import { PlanService } from './plan-service.js';
import { RecognitionService } from './recognition.js';
import { ReviewService } from './review-service.js';
import type { ProgrammeSources } from './sources.js';

export interface ProgrammeDeps {
  portfolio: PortfolioService;
  keys: GatewayKeyService;
  endpoints: CatalogueService;
  people: PeopleServices;
  /** Measurement, incidents, evaluations and governance, as they are wired; a missing one is said so in the pack. */
  sources?: ProgrammeSources;
  /** Prints review packs to PDF; Debian's Chromium by default. */
  printer?: PdfPrinter;
}

export interface ProgrammeServices {
  assets: AssetService;
  forum: ForumService;
  reviews: ReviewService;
  recognition: RecognitionService;
  plans: PlanService;
}

/** How often the cadence job looks for a review date that has passed without a pack. */
const CADENCE_CHECK_MS = 60 * 60_000;

/** Reusable assets, the portfolio forum with its review cadence, recognition, the 90-day plan and maturity. */
export function wireProgramme(k: Kernel, deps: ProgrammeDeps): { services: ProgrammeServices; routes(api: ZodApp): void } {
  const sources = deps.sources ?? {};
  const assets = new AssetService(k, deps.portfolio);
  const forum = new ForumService(k, deps.portfolio);
  const reviews = new ReviewService(k, { portfolio: deps.portfolio, people: deps.people, assets, forum, sources, printer: deps.printer ?? chromiumPrinter() });
  const recognition = new RecognitionService(k, deps.people);
  const facts = new FactsService(k, { portfolio: deps.portfolio, keys: deps.keys, endpoints: deps.endpoints, people: deps.people, reviews, sources });
  const plans = new PlanService(k, facts);
  k.scheduler.every('programme.portfolio-reviews', CADENCE_CHECK_MS, async (now) => void (await reviews.runCadence(now)));
  return {
    services: { assets, forum, reviews, recognition, plans },
    routes(api) {
      assetRoutes(api, assets);
      forumRoutes(api, reviews, forum, recognition);
      planRoutes(api, plans);
    },
  };
}
