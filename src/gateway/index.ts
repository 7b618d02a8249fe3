import type { FastifyInstance } from 'fastify';
import type { Kernel } from '../kernel/context.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { CatalogueService } from '../releases/catalogue.js';
import type { PromptService } from '../releases/prompts.js';
import type { ReleaseService } from '../releases/service.js';
import { CircuitBreakers } from './circuit.js';
import { EndUsers } from './end-users.js';
import { GatewayCore } from './gateway.js';
import { gatewayKeyRoutes } from './keys/routes.js';
import type { GatewayKeyService } from './keys/service.js';
import { Limiter } from './limits.js';
import { UpstreamPools } from './providers/index.js';
import { GatewayRecorder } from './recorder.js';
import { type PolicySource, KeyResolver } from './resolver.js';
import { callRoutes } from './events-routes.js';
import { proofRoutes } from './proof.js';
import { scheduleRetention } from './retention.js';
import { settingsRoutes } from './settings.js';
import { reviewRoutes } from './review-routes.js';
import { ReviewService } from './reviews/service.js';
import type { FeedbackSink } from './feedback.js';
import { gatewayRoutes } from './routes.js';

export interface GatewayWiring {
  core: GatewayCore;
  recorder: GatewayRecorder;
  reviews: ReviewService;
  resolver: KeyResolver;
  routes(http: FastifyInstance, api: ZodApp): void;
  /** Where POST /v1/charter/feedback sends ratings (measurement, wired after the gateway). */
  useFeedback(sink: FeedbackSink): void;
  close(): Promise<void>;
}

/** Builds the gateway: key resolution with change-feed invalidation, limits, breakers, records and the review queue. */
export function createGateway(
  k: Kernel,
  deps: { portfolio: PortfolioService; catalogue: CatalogueService; prompts: PromptService; releases: ReleaseService; keys: GatewayKeyService; policy: PolicySource },
): GatewayWiring {
  const pools = new UpstreamPools();
  scheduleRetention(k);
  const resolver = new KeyResolver(k, { ...deps, pools });
  const recorder = new GatewayRecorder(k);
  const reviews = new ReviewService(k);
  const core = new GatewayCore(k, { resolver, endUsers: new EndUsers(k), recorder, reviews, limiter: new Limiter(), breakers: new CircuitBreakers() });
  let feedback: FeedbackSink | undefined;
  return {
    core, recorder, reviews, resolver,
    useFeedback(sink) {
      feedback = sink;
    },
    routes(http, api) {
      gatewayRoutes(http, core, () => feedback);
      gatewayKeyRoutes(api, deps.keys);
      reviewRoutes(api, reviews);
      proofRoutes(api, k, () => recorder.flush());
      settingsRoutes(api, k);
      callRoutes(api, k, deps.portfolio);
    },
    async close() {
      resolver.close();
      await recorder.close();
      await pools.close();
    },
  };
}
