import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { allUseCases, valueStreams } from '../portfolio/api';
import { formatDate, formatUsd } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { costsByValueStream, scorecards } from './api';
import { OutcomeMove, ScoreBadge } from './badges';
import type { Costs, Rollup, Scorecard } from './types';
import { FACETS, SCORE_STATUSES } from './vocabulary';
import './measurement.css';

/** How many use cases stand at each status of one facet, worst first, leaving out the empty ones. */
function facetCounts(counts: Record<string, number> | undefined): string {
  const order = ['off_track', 'at_risk', 'on_track', 'no_data'] as const;
  return order
    .filter((s) => (counts?.[s] ?? 0) > 0)
    .map((s) => `${counts![s]} ${SCORE_STATUSES[s].label.toLowerCase()}`)
    .join(' · ');
}

/** The four facets of a rollup: each one's status and how the use cases under it stand. */
function RollupFacets({ rollup, label }: { rollup: Rollup; label: string }) {
  return (
    <ul className="rollup-facets" aria-label={label}>
      {FACETS.map(({ facet, label: name }) => (
        <li key={facet}>
          <span className="rollup-facet-name">{name}</span>
          <ScoreBadge status={rollup.status[facet]} />
          <span className="cell-note">{facetCounts(rollup.counts[facet])}</span>
        </li>
      ))}
    </ul>
  );
}

function ScorecardTable({ caption, cards, units }: { caption: string; cards: Scorecard[]; units: Map<string, string> }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table scorecard-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Use case</th>
            <th scope="col">Outcome: baseline, current, target</th>
            {FACETS.filter((f) => f.facet !== 'outcome').map((f) => (
              <th scope="col" key={f.facet}>
                {f.label}
              </th>
            ))}
            <th scope="col" className="num">
              Model cost
            </th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.useCaseId}>
              <th scope="row">
                <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId: c.useCaseId }}>
                  {c.title}
                </Link>
                <span className="cell-note">
                  Overall: <ScoreBadge status={c.overall} />
                </span>
              </th>
              <td>{c.outcome ? <OutcomeMove outcome={c.outcome} unit={units.get(c.useCaseId)} /> : <span className="muted">No outcome statement</span>}</td>
              <td>
                <ScoreBadge status={c.status.modelQuality} />
              </td>
              <td>
                <ScoreBadge status={c.status.operationalHealth} />
              </td>
              <td>
                <ScoreBadge status={c.status.adoption} />
              </td>
              <td className="num">
                {formatUsd(c.figures.costUsd)}
                <span className="cell-note">{c.figures.requests.toLocaleString()} calls</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CostPerValueStream({ costs, names }: { costs: Costs; names: Map<string, string> }) {
  if (!costs.items.length) return <Empty title="No model cost in this period">Costs appear once the gateway has answered calls.</Empty>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Cost per value stream">
      <table className="table">
        <caption className="visually-hidden">
          Calls, tokens and model cost per value stream, {formatDate(costs.from)} to {formatDate(costs.to)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Value stream</th>
            <th scope="col" className="num">
              Use cases
            </th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Tokens
            </th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col" className="num">
              Cost per call
            </th>
          </tr>
        </thead>
        <tbody>
          {costs.items.map((g) => (
            <tr key={g.groupId ?? 'none'}>
              <th scope="row">{g.name ?? (g.groupId ? names.get(g.groupId) : null) ?? 'No value stream'}</th>
              <td className="num">{g.useCases}</td>
              <td className="num">{g.requests.toLocaleString()}</td>
              <td className="num">{g.tokens.toLocaleString()}</td>
              <td className="num">{formatUsd(g.costUsd)}</td>
              <td className="num">{g.costPerRequest === null ? '—' : formatUsd(g.costPerRequest)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Portfolio</th>
            <td className="num">{costs.items.reduce((n, g) => n + g.useCases, 0)}</td>
            <td className="num">{costs.items.reduce((n, g) => n + g.requests, 0).toLocaleString()}</td>
            <td className="num">{costs.items.reduce((n, g) => n + g.tokens, 0).toLocaleString()}</td>
            <td className="num">{formatUsd(costs.totalCostUsd)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The portfolio scorecard: is each use case delivering its outcome, and are its model, operations and adoption healthy. */
export function ScorecardPage() {
  const cards = useQuery(scorecards);
  const costs = useQuery(costsByValueStream);
  const streams = useQuery(valueStreams);
  const useCases = useQuery(allUseCases({}));
  const names = new Map((streams.data ?? []).map((v) => [v.id, v.name]));
  for (const g of costs.data?.items ?? []) if (g.groupId && g.name && !names.has(g.groupId)) names.set(g.groupId, g.name);
  const units = new Map((useCases.data ?? []).filter((u) => u.outcome).map((u) => [u.id, u.outcome!.unit]));

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Measurement</h1>
          {cards.data && (
            <p className="muted">
              Scorecards from {formatDate(cards.data.from)} to {formatDate(cards.data.to)}. Each use case links to its metrics.
            </p>
          )}
        </div>
        <div className="page-actions">
          <Link to="/measurement/explorer" className="button">
            Metric explorer
          </Link>
          <Link to="/incidents" className="button">
            Incidents
          </Link>
        </div>
      </header>
      {cards.isPending && <Loading label="Loading the scorecards" />}
      {cards.isError && <ErrorState error={cards.error} retry={() => cards.refetch()} />}
      {cards.isSuccess && !cards.data.useCases.length && (
        <Empty title="No use cases to score yet">
          <p>Scorecards appear once the portfolio holds use cases with outcome statements.</p>
        </Empty>
      )}
      {cards.isSuccess && cards.data.useCases.length > 0 && (
        <>
          <section className="panel" aria-labelledby="portfolio-rollup">
            <h2 id="portfolio-rollup">Portfolio: {cards.data.overall.useCases} use cases</h2>
            <RollupFacets rollup={cards.data.overall} label="The portfolio's facets" />
          </section>
          {[...cards.data.valueStreams, ...(cards.data.useCases.some((c) => !c.valueStreamId) ? [null] : [])].map((vs) => {
            const id = vs?.groupId ?? null;
            const name = id ? (names.get(id) ?? 'Value stream') : 'No value stream';
            const of = cards.data.useCases.filter((c) => c.valueStreamId === id);
            if (!of.length) return null;
            return (
              <section key={id ?? 'none'} className="panel" aria-labelledby={`vs-${id ?? 'none'}`}>
                <h2 id={`vs-${id ?? 'none'}`}>
                  {name} <span className="muted heading-note">{of.length === 1 ? '1 use case' : `${of.length} use cases`}</span>
                </h2>
                {vs && <RollupFacets rollup={vs} label={`${name}: facets`} />}
                <ScorecardTable caption={`${name}: scorecards of its use cases`} cards={of} units={units} />
              </section>
            );
          })}
        </>
      )}
      <section className="panel" aria-labelledby="cost-title">
        <h2 id="cost-title">Cost per value stream</h2>
        {costs.isPending && <Loading label="Loading the costs" />}
        {costs.isError && <ErrorState error={costs.error} retry={() => costs.refetch()} />}
        {costs.isSuccess && <CostPerValueStream costs={costs.data} names={names} />}
      </section>
    </>
  );
}
