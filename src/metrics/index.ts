import type { GatewayRecorder } from '../gateway/recorder.js';
import { incidentMigrations } from '../incidents/migrations.js';
import { incidentRoutes } from '../incidents/routes.js';
import { IncidentService } from '../incidents/service.js';
import type { Kernel } from '../kernel/context.js';
import type { MigrationSet } from '../kernel/db/migrations.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { ReleaseService } from '../releases/service.js';
import { AlertService } from './alert-service.js';
import { ContainmentService } from './containment-service.js';
import { DriftService } from './drift-service.js';
import { FeedbackService } from './feedback-service.js';
import { ObservationIngest } from './ingest-service.js';
import { measurementMigrations } from './migrations.js';
import { MonitorService } from './monitor-service.js';
import { MetricQuery } from './query-service.js';
import { MetricRegistry, type PackLookup } from './registry-service.js';
import { MetricReviews } from './review-service.js';
import { DEFAULT_WRITER_OPTIONS, RollupWriter, type RollupWriterOptions } from './rollup-service.js';
import { measurementRoutes } from './routes.js';
import { ScorecardService } from './scorecard-service.js';

/** The tables of measurement and incidents (block 500-599), for the composition root's list of migrations. */
export const measurementMigrationSets: MigrationSet[] = [measurementMigrations, incidentMigrations];

export interface MeasurementDeps {
  portfolio: PortfolioService;
  releases: ReleaseService;
  packs: PackLookup;
}

export interface MeasurementServices {
  registry: MetricRegistry;
  ingest: ObservationIngest;
  query: MetricQuery;
  rollups: RollupWriter;
  feedback: FeedbackService;
  incidents: IncidentService;
  containment: ContainmentService;
  alerts: AlertService;
  monitors: MonitorService;
  drift: DriftService;
  scorecards: ScorecardService;
  reviews: MetricReviews;
}

export interface Measurement {
  services: MeasurementServices;
  routes(app: ZodApp): void;
  /** Writes the rollups still in memory; call after the gateway recorder has closed. */
  close(): Promise<void>;
}

/**
 * Wires measurement and incidents: rollups built from the recorder's committed batches, the monitor, drift and
 * automatic-resumption jobs (register them before `scheduler.register()`), and the routes.
 */
export function wireMeasurement(k: Kernel, deps: MeasurementDeps, recorder: Pick<GatewayRecorder, 'onFlushed'>, writer: RollupWriterOptions = DEFAULT_WRITER_OPTIONS): Measurement {
  const { portfolio, releases } = deps;
  const registry = new MetricRegistry(k, portfolio, deps.packs);
  const incidents = new IncidentService(k, portfolio, releases);
  const query = new MetricQuery(k, portfolio, registry, incidents);
  const rollups = new RollupWriter(k, writer);
  const containment = new ContainmentService(k, portfolio, releases, incidents, registry, query);
  const alerts = new AlertService(k);
  const monitors = new MonitorService(k, portfolio, releases, registry, query, incidents, containment, alerts);
  const services: MeasurementServices = {
    registry, query, rollups, incidents, containment, alerts, monitors,
    ingest: new ObservationIngest(k, portfolio, registry),
    feedback: new FeedbackService(k, rollups),
    drift: new DriftService(k, portfolio, registry, monitors),
    scorecards: new ScorecardService(k, registry, query, monitors),
    reviews: new MetricReviews(k, portfolio, releases, registry),
  };
  recorder.onFlushed(rollups.accept);
  rollups.start();
  containment.onResumed((tx, tenantId, useCaseId) => monitors.reset(tx, tenantId, useCaseId));
  portfolio.addGuard(containment.suspensionGuard);
  monitors.register();
  services.drift.register();
  containment.register();
  return {
    services,
    routes(app) {
      measurementRoutes(app, services, () => k.clock.now());
      incidentRoutes(app, incidents);
    },
    close: () => rollups.close(),
  };
}
