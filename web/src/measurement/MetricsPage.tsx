import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { members } from '../portfolio/api';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { metricSeries, RANGES, type RangeKey, useCaseMetrics, useCaseScorecard } from './api';
import { MonitorBadge, OutcomeMove } from './badges';
import { formatValue, groupByLayer, monitorCounts, monitorScale, referenceLines, thresholdText } from './figures';
import { SeriesChart } from './SeriesChart';
import { TrafficFigures } from './TrafficFigures';
import type { TrackedMetric } from './types';
import { UseCaseIncidents } from './UseCaseIncidents';
import { CADENCES } from './vocabulary';
import './measurement.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/metrics');

/** The metric the chart shows first: the outcome, else the first one watched by a monitor. */
const defaultMetric = (metrics: TrackedMetric[]) => (metrics.find((m) => m.layer === 'business_outcome' && m.origin === 'outcome') ?? metrics.find((m) => m.monitor) ?? metrics[0])?.key;

function MetricRow({ metric: m, ownerName, chartLink }: { metric: TrackedMetric; ownerName: (owner: string) => string; chartLink: ReactNode }) {
  const scale = monitorScale(m);
  return (
    <tr>
      <th scope="row">
        {m.name}
        {m.adoption && <span className="badge tone-muted adoption-flag">Adoption</span>}
        <span className="cell-note">
          <code>{m.key}</code>
        </span>
      </th>
      <td>
        {ownerName(m.owner)}
        <span className="cell-note">Reviewed {(CADENCES[m.reviewCadence] ?? m.reviewCadence).toLowerCase()}</span>
      </td>
      <td>
        {thresholdText(m)}
        {!m.monitor && <span className="cell-note">Not monitored for this use case</span>}
      </td>
      <td>
        {m.monitor ? (
          <>
            <MonitorBadge state={m.monitor.state} />
            {m.monitor.reason && <span className="cell-note">{m.monitor.reason}</span>}
            {m.monitor.since && (
              <span className="cell-note">
                Since <time dateTime={m.monitor.since}>{formatDateTime(m.monitor.since)}</time>
              </span>
            )}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num">
        {m.monitor ? formatValue(m.monitor.value, scale.unit) : '—'}
        {m.monitor && scale.note && m.monitor.value !== null && <span className="cell-note">{scale.note}</span>}
      </td>
      <td>{chartLink}</td>
    </tr>
  );
}

function MetricChart({ useCaseId, metrics, metricKey, range }: { useCaseId: string; metrics: TrackedMetric[]; metricKey: string; range: RangeKey }) {
  const navigate = useNavigate();
  const series = useQuery(metricSeries(metricKey, { useCaseId }, range));
  const metric = metrics.find((m) => m.key === metricKey);
  const show = (patch: { metric?: string; range?: RangeKey }) =>
    navigate({ to: '/use-cases/$useCaseId/metrics', params: { useCaseId }, search: (s) => ({ ...s, ...patch }), replace: true, resetScroll: false });
  return (
    <section className="panel" aria-labelledby="chart-title" id="metric-chart">
      <h2 id="chart-title">{metric?.name ?? metricKey} over time</h2>
      <div className="chart-controls">
        <label className="field">
          <span className="field-label">Metric</span>
          <select value={metricKey} onChange={(e) => show({ metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
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
      {series.isPending && <Loading label="Loading the readings" />}
      {series.isError && <ErrorState error={series.error} retry={() => series.refetch()} />}
      {series.isSuccess && <SeriesChart series={series.data} name={metric?.name ?? metricKey} lines={metric ? referenceLines(metric) : []} />}
    </section>
  );
}

/** What one use case tracks, layer by layer: who owns each metric, where its thresholds sit, and what its monitor sees. */
export function MetricsPage() {
  const { useCaseId } = route.useParams();
  const search = route.useSearch();
  const metrics = useQuery(useCaseMetrics(useCaseId));
  const card = useQuery(useCaseScorecard(useCaseId));
  const people = useQuery(members);
  const ownerName = (owner: string) => people.data?.find((p) => p.id === owner)?.name ?? owner;
  const items = metrics.data ?? [];
  const chartKey = search.metric && items.some((m) => m.key === search.metric) ? search.metric : defaultMetric(items);
  const counts = monitorCounts(items);
  const outcome = card.data?.useCases[0]?.outcome;
  const outcomeMetric = items.find((m) => m.origin === 'outcome');

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Metrics" />
      {metrics.isPending && <Loading label="Loading the metrics" />}
      {metrics.isError && <ErrorState error={metrics.error} retry={() => metrics.refetch()} />}
      {metrics.isSuccess && !items.length && (
        <Empty title="Nothing is tracked for this use case yet">
          <p>Metrics appear once the use case has an outcome statement or a risk tier whose policy pack names its default metrics.</p>
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <p className="metrics-summary">
            {counts.ALERT + counts.WARNING + counts.NO_DATA + counts.OK} monitors: <strong>{counts.ALERT}</strong> alert, <strong>{counts.WARNING}</strong> warning, <strong>{counts.OK}</strong> OK,{' '}
            <strong>{counts.NO_DATA}</strong> without data. {items.length} metrics tracked.
          </p>
          {outcome && (
            <section className="panel" aria-labelledby="outcome-now">
              <h2 id="outcome-now">Outcome: {outcomeMetric?.name ?? 'business outcome'}</h2>
              <OutcomeMove outcome={outcome} unit={outcomeMetric?.unit} />
            </section>
          )}
          {card.data?.useCases[0] && <TrafficFigures figures={card.data.useCases[0].figures} />}
          {chartKey && <MetricChart useCaseId={useCaseId} metrics={items} metricKey={chartKey} range={search.range ?? '90d'} />}
          {groupByLayer(items).map((g) => (
            <section key={g.layer} className="panel" aria-labelledby={`layer-${g.layer}`}>
              <h2 id={`layer-${g.layer}`}>{g.label}</h2>
              {!g.metrics.length ? (
                <p className="muted">No {g.label.toLowerCase()} metric is tracked for this use case.</p>
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label={`${g.label} metrics`}>
                  <table className="table metrics-table">
                    <caption className="visually-hidden">{g.label}: metrics, owners, thresholds and monitor states</caption>
                    <thead>
                      <tr>
                        <th scope="col">Metric</th>
                        <th scope="col">Owner</th>
                        <th scope="col">Thresholds</th>
                        <th scope="col">Monitor</th>
                        <th scope="col" className="num">
                          Current value
                        </th>
                        <th scope="col">Chart</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.metrics.map((m) => (
                        <MetricRow
                          key={m.key}
                          metric={m}
                          ownerName={ownerName}
                          chartLink={
                            m.key === chartKey ? (
                              <span className="muted">Shown above</span>
                            ) : (
                              <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId }} search={{ ...search, metric: m.key }} hash="metric-chart" replace aria-label={`Chart ${m.name}`}>
                                Chart
                              </Link>
                            )
                          }
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
        </>
      )}
      <UseCaseIncidents useCaseId={useCaseId} />
    </>
  );
}
