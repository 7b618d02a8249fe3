import { formatDate, formatDateTime } from '../shell/format';
import { formatValue, linePath, summariseSeries } from './figures';
import type { Series } from './types';

const W = 640;
const H = 180;
const PAD = { left: 72, right: 12, top: 12, bottom: 28 };

export interface ReferenceLine {
  label: string;
  value: number;
  tone: 'warn' | 'bad' | 'ok';
  /** Widen the chart's range so the line is always drawn (a target); others show only when the readings come near. */
  inDomain?: boolean;
}

/** The readings in words, for everyone who does not read the line. */
export function seriesSentence(series: Series, name: string): string {
  const s = summariseSeries(series);
  if (!s.first || !s.latest) return `${name}: no readings in this range.`;
  const n = s.readings.length;
  if (n === 1) return `${name}: one reading, ${formatValue(s.latest.value, series.unit)} on ${formatDateTime(s.latest.start)}.`;
  return `${name}: ${n} readings from ${formatDate(s.first.start)} to ${formatDate(s.latest.start)}, moving from ${formatValue(s.first.value, series.unit)} to ${formatValue(s.latest.value, series.unit)}; lowest ${formatValue(s.min, series.unit)}, highest ${formatValue(s.max, series.unit)}.`;
}

/** A metric over time as a line, with its thresholds and target where they fall in range, and its readings as a table. */
export function SeriesChart({ series, name, lines = [] }: { series: Series; name: string; lines?: ReferenceLine[] }) {
  const s = summariseSeries(series);
  const sentence = seriesSentence(series, name);
  if (!s.readings.length) return <p className="muted">{sentence} Readings appear once the metric is measured.</p>;
  const span = [s.min!, s.max!, ...lines.filter((l) => l.inDomain).map((l) => l.value)];
  const lo = Math.min(...span);
  const hi = Math.max(...span);
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : (hi - lo) * 0.1;
  const domain: [number, number] = [lo - pad, hi + pad];
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + innerH - ((v - domain[0]) / (domain[1] - domain[0])) * innerH;
  const shown = lines.filter((l) => l.value >= domain[0] && l.value <= domain[1]);
  const path = linePath(series.points, innerW, innerH, domain);
  const dots = series.points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.value !== null)
    .map(({ p, i }) => ({ x: PAD.left + (series.points.length === 1 ? innerW / 2 : (i / (series.points.length - 1)) * innerW), y: y(p.value!), key: p.start }));
  return (
    <figure className="series-chart">
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} className="axis" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} className="axis" />
        <text x={PAD.left - 6} y={y(domain[1]) + 4} textAnchor="end" className="tick">
          {formatValue(domain[1], series.unit)}
        </text>
        <text x={PAD.left - 6} y={y(domain[0])} textAnchor="end" className="tick">
          {formatValue(domain[0], series.unit)}
        </text>
        <text x={PAD.left} y={H - 8} className="tick">
          {formatDate(series.points[0].start)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="tick">
          {formatDate(series.points[series.points.length - 1].start)}
        </text>
        {shown.map((l) => (
          <g key={l.label} className={`ref-line ref-${l.tone}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(l.value)} y2={y(l.value)} />
            <text x={W - PAD.right - 4} y={y(l.value) - 4} textAnchor="end" className="tick">
              {l.label}
            </text>
          </g>
        ))}
        <path d={path} transform={`translate(${PAD.left},${PAD.top})`} className="series-line" />
        {dots.map((d) => (
          <circle key={d.key} cx={d.x} cy={d.y} r={3} className="series-dot" />
        ))}
      </svg>
      <figcaption className="muted">{sentence}</figcaption>
      <details className="series-table">
        <summary>Readings as a table</summary>
        <table className="table">
          <caption className="visually-hidden">{name}: readings</caption>
          <thead>
            <tr>
              <th scope="col">Period starting</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                Samples
              </th>
            </tr>
          </thead>
          <tbody>
            {s.readings.map((r) => (
              <tr key={r.start}>
                <td>
                  <time dateTime={r.start}>{formatDateTime(r.start)}</time>
                </td>
                <td className="num">{formatValue(r.value, series.unit)}</td>
                <td className="num">{r.samples.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
