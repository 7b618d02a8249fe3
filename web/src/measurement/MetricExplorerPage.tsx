import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { valueStreams } from '../portfolio/api';
import { Empty, ErrorState, Loading } from '../shell/states';
import { metricRegistry, metricSeries, RANGES, type RangeKey } from './api';
import { referenceLines, thresholdText } from './figures';
import { SeriesChart } from './SeriesChart';
import type { ExplorerSearch } from './routes';
import type { RegistryMetric } from './types';
import { CADENCES, LAYERS } from './vocabulary';
import './measurement.css';

const route = getRouteApi('/signed-in/measurement/explorer');
const PORTFOLIO = 'portfolio';

/** The metrics a person can explore across use cases: those not tied to one use case's outcome. */
const explorable = (metrics: RegistryMetric[]) => metrics.filter((m) => m.origin !== 'outcome');

/** Any metric of the registry over time, for the portfolio or one value stream, with its owner, thresholds and cadence. */
export function MetricExplorerPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const registry = useQuery(metricRegistry);
  const streams = useQuery(valueStreams);
  const metrics = explorable(registry.data ?? []);
  const metric = metrics.find((m) => m.key === search.metric) ?? metrics.find((m) => m.key === 'gateway.requests_per_day') ?? metrics[0];
  const scope = search.stream && search.stream !== PORTFOLIO ? search.stream : undefined;
  const range: RangeKey = search.range ?? '7d';
  const show = (patch: Partial<ExplorerSearch>) => navigate({ to: '/measurement/explorer', search: (s) => ({ ...s, ...patch }), replace: true });
  const scopeName = scope ? (streams.data?.find((v) => v.id === scope)?.name ?? 'this value stream') : 'the portfolio';

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/measurement">Measurement</Link>
          </p>
          <h1>Metric explorer</h1>
          <p className="muted">Every metric of the registry, summed over the portfolio or one value stream, read from the gateway's rollups and the readings owners record.</p>
        </div>
      </header>
      {registry.isPending && <Loading label="Loading the metric registry" />}
      {registry.isError && <ErrorState error={registry.error} retry={() => registry.refetch()} />}
      {registry.isSuccess && !metric && <Empty title="No metrics yet">The registry lists the gateway's metrics once Charter runs, and the metrics owners define.</Empty>}
      {metric && (
        <section className="panel" aria-labelledby="explorer-chart-title">
          <h2 id="explorer-chart-title">
            {metric.name} over time, {scopeName}
          </h2>
          <div className="chart-controls">
            <label className="field">
              <span className="field-label">Metric</span>
              <select value={metric.key} onChange={(e) => show({ metric: e.target.value })}>
                {LAYERS.map(({ layer, label }) => (
                  <optgroup key={layer} label={label}>
                    {metrics
                      .filter((m) => m.layer === layer)
                      .map((m) => (
                        <option key={m.key} value={m.key}>
                          {m.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Scope</span>
              <select value={scope ?? PORTFOLIO} onChange={(e) => show({ stream: e.target.value })}>
                <option value={PORTFOLIO}>The whole portfolio</option>
                {streams.data?.map((v) => (
                  <option key={v.id} value={v.id}>
                    Value stream: {v.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Range</span>
              <select value={range} onChange={(e) => show({ range: e.target.value as RangeKey })}>
                {Object.entries(RANGES).map(([key, r]) => (
                  <option key={key} value={key}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <MetricFacts metric={metric} />
          <ExplorerChart metric={metric} valueStreamId={scope} range={range} />
        </section>
      )}
    </>
  );
}

function MetricFacts({ metric: m }: { metric: RegistryMetric }) {
  return (
    <dl className="facts explorer-facts">
      <dt>What it measures</dt>
      <dd>{m.description || 'No description'}</dd>
      <dt>Owner</dt>
      <dd>
        {m.owner}, reviewed {(CADENCES[m.reviewCadence] ?? m.reviewCadence).toLowerCase()}
      </dd>
      <dt>Thresholds</dt>
      <dd>{thresholdText({ ...m, monitor: null })}</dd>
      <dt>Key</dt>
      <dd>
        <code>{m.key}</code>
      </dd>
    </dl>
  );
}

function ExplorerChart({ metric, valueStreamId, range }: { metric: RegistryMetric; valueStreamId?: string; range: RangeKey }) {
  const series = useQuery(metricSeries(metric.key, { valueStreamId }, range));
  if (series.isPending) return <Loading label="Loading the readings" />;
  if (series.isError) return <ErrorState error={series.error} retry={() => series.refetch()} />;
  return (
    <>
      <SeriesChart series={series.data} name={metric.name} lines={referenceLines(metric)} />
      <p className="cell-note">
        {series.data.useCaseIds.length} use case{series.data.useCaseIds.length === 1 ? '' : 's'} in scope, read by the {series.data.resolution}.
      </p>
    </>
  );
}
