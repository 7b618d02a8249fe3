import { formatValue } from './figures';
import type { Scorecards } from './types';

type Figures = Scorecards['useCases'][number]['figures'];

/**
 * What the gateway has recorded for the use case over the scorecard's range, read from the rollups the gateway
 * writes every second: a call shows here at once, while the monitors read their windows once a minute.
 */
export function TrafficFigures({ figures: f }: { figures: Figures }) {
  const items: [string, string][] = [
    ['Calls', formatValue(f.requests, 'count')],
    ['Tokens', formatValue(f.tokens, 'count')],
    ['Model cost', formatValue(f.costUsd, 'usd')],
    ['Error rate', formatValue(f.errorRate, 'ratio')],
    ['Availability', formatValue(f.availability, 'ratio')],
  ];
  return (
    <section className="panel" aria-labelledby="traffic-figures-title">
      <h2 id="traffic-figures-title">Gateway traffic, last 90 days</h2>
      <dl className="outcome-steps traffic-figures">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="cell-note">{f.requests === 0 ? 'No call has come through the gateway yet.' : 'Evaluation runs are not counted as traffic.'}</p>
    </section>
  );
}
