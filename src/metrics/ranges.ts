import { RESOLUTIONS, type Resolution } from './rollup.js';

/** A stretch of time read from rollups of one resolution: the buckets whose start lies in [from, to). */
export interface RollupSegment {
  resolution: Resolution;
  from: number;
  to: number;
}

const COARSEST_FIRST: Resolution[] = ['day', 'hour', 'minute'];
const MINUTE = RESOLUTIONS.minute;

/**
 * The fewest buckets that cover [from, to): whole days in the middle, whole hours beside them, minutes at the
 * edges. The range is first widened to whole minutes, the finest resolution kept. A 90-day query therefore reads
 * about 90 day rows plus at most 46 hour rows and 118 minute rows per series, whatever the traffic.
 */
export function coveringSegments(from: number, to: number): RollupSegment[] {
  const start = Math.floor(from / MINUTE) * MINUTE;
  const end = Math.ceil(to / MINUTE) * MINUTE;
  return cover(start, end, COARSEST_FIRST);
}

function cover(from: number, to: number, resolutions: Resolution[]): RollupSegment[] {
  if (from >= to) return [];
  const [resolution, ...finer] = resolutions;
  const size = RESOLUTIONS[resolution];
  const first = Math.ceil(from / size) * size;
  const last = Math.floor(to / size) * size;
  if (first >= last) return cover(from, to, finer);
  return [...cover(from, first, finer), { resolution, from: first, to: last }, ...cover(last, to, finer)];
}

/** Splits [from, to) into consecutive steps of `resolution` for a time-series query; each step is then covered. */
export function seriesSteps(from: number, to: number, resolution: Resolution): { from: number; to: number }[] {
  const size = RESOLUTIONS[resolution];
  const steps: { from: number; to: number }[] = [];
  for (let t = Math.floor(from / size) * size; t < to; t += size) steps.push({ from: t, to: t + size });
  return steps;
}
