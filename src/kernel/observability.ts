import { trace, type Tracer } from '@opentelemetry/api';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (served at /metrics) and the OpenTelemetry tracer. Tracing goes through the global API, so it
 * costs nothing until an operator registers an SDK (for example with `node --import` of their OTel setup).
 */
export class Observability {
  readonly registry = new Registry();
  readonly tracer: Tracer = trace.getTracer('charter');
  readonly gatewayRequests: Counter<'use_case' | 'outcome' | 'kind'>;
  readonly gatewayLatency: Histogram<'kind'>;
  readonly gatewayOverhead: Histogram<'kind'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'charter_' });
    this.gatewayRequests = new Counter({ name: 'charter_gateway_requests_total', help: 'Gateway calls by use case and outcome', labelNames: ['use_case', 'outcome', 'kind'], registers: [this.registry] });
    this.gatewayLatency = new Histogram({
      name: 'charter_gateway_request_duration_seconds', help: 'Gateway call duration, client view', labelNames: ['kind'], registers: [this.registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    this.gatewayOverhead = new Histogram({
      name: 'charter_gateway_overhead_seconds', help: 'Time the gateway adds before the upstream call (auth, policy, detectors, limits)', labelNames: ['kind'], registers: [this.registry],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025],
    });
  }
}
