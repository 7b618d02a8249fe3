/**
 * Units a metric or an observation may carry. Units of one dimension convert into each other by a factor to the
 * dimension's base (ms for time, ratio for shares); a unit of another dimension never converts.
 */
export const UNITS = {
  count: { dimension: 'count', factor: 1 },
  users: { dimension: 'users', factor: 1 },
  tokens: { dimension: 'tokens', factor: 1 },
  usd: { dimension: 'money', factor: 1 },
  ratio: { dimension: 'share', factor: 1 },
  percent: { dimension: 'share', factor: 0.01 },
  ms: { dimension: 'time', factor: 1 },
  s: { dimension: 'time', factor: 1_000 },
  min: { dimension: 'time', factor: 60_000 },
  h: { dimension: 'time', factor: 3_600_000 },
  d: { dimension: 'time', factor: 86_400_000 },
  /** A score on the scale the metric's description names (satisfaction 1–5, a model grade 0–1). */
  score: { dimension: 'score', factor: 1 },
} as const;

export type Unit = keyof typeof UNITS;
export const UNIT_NAMES = Object.keys(UNITS) as [Unit, ...Unit[]];

/** `value` in unit `from` expressed in unit `to`, or null when the two measure different things. */
export function convertUnit(value: number, from: Unit, to: Unit): number | null {
  if (from === to) return value;
  const a = UNITS[from];
  const b = UNITS[to];
  if (a.dimension !== b.dimension) return null;
  return (value * a.factor) / b.factor;
}
