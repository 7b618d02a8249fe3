import type { Metric, ScoredCase } from './metric.js';

interface RankedClass {
  label: string;
  /** case indices in ascending order of the class's score */
  order: Uint32Array;
  scores: Float64Array;
  positive: Uint8Array;
}

/** Sorts the scored cases once per class, so each bootstrap resample only walks the order. */
function rankClasses(cases: readonly ScoredCase[]): RankedClass[] {
  const classes = new Set<string>();
  for (const c of cases) if (c.label !== undefined && c.scores) for (const key in c.scores) classes.add(key);
  const usable = (c: ScoredCase) => c.label !== undefined && c.scores !== undefined;
  return [...classes].sort().map((label) => {
    const scores = new Float64Array(cases.length).fill(Number.NaN);
    const positive = new Uint8Array(cases.length);
    cases.forEach((c, i) => {
      if (!usable(c)) return;
      scores[i] = c.scores![label] ?? 0;
      positive[i] = c.label === label ? 1 : 0;
    });
    const order = Uint32Array.from(scores.keys()).filter((i) => scores[i] === scores[i]).sort((x, y) => scores[x] - scores[y]);
    return { label, order, scores, positive };
  });
}

/**
 * Area under the ROC curve of one class against the rest: the chance that a case of the class scores higher than a
 * case of another class, ties counting one half (Mann–Whitney U with mid-ranks). `weights` gives each case's
 * multiplicity in a resample (all 1 without). Null when the class has no positive or no negative case.
 */
function area(ranked: RankedClass, weights?: Uint32Array): number | null {
  const { order, scores, positive } = ranked;
  let rank = 0;
  let rankSum = 0;
  let positives = 0;
  let total = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let groupWeight = 0;
    let groupPositive = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      const w = weights ? weights[order[end]] : 1;
      groupWeight += w;
      groupPositive += w * positive[order[end]];
      end++;
    }
    rankSum += groupPositive * (rank + (groupWeight + 1) / 2);
    rank += groupWeight;
    positives += groupPositive;
    total += groupWeight;
    start = end;
  }
  const negatives = total - positives;
  return positives && negatives ? (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives) : null;
}

function macro(ranked: RankedClass[], weights?: Uint32Array): { value: number | null; byClass: Record<string, number> } {
  const byClass: Record<string, number> = {};
  let sum = 0;
  let counted = 0;
  for (const r of ranked) {
    const a = area(r, weights);
    if (a === null) continue;
    byClass[r.label] = a;
    sum += a;
    counted++;
  }
  return { value: counted ? sum / counted : null, byClass };
}

export const auroc: Metric = {
  name: 'auroc',
  kind: 'classification',
  better: 'higher',
  description: 'area under the ROC curve per scored class (one against the rest); value is the macro average',
  compute(cases) {
    let support = 0;
    for (const c of cases) if (c.label !== undefined && c.scores !== undefined) support++;
    const { value, byClass } = macro(rankClasses(cases));
    return { value, support, details: { byClass } };
  },
  resampler(cases) {
    const ranked = rankClasses(cases);
    const weights = new Uint32Array(cases.length);
    return (indices) => {
      weights.fill(0);
      for (let i = 0; i < indices.length; i++) weights[indices[i]]++;
      return macro(ranked, weights).value;
    };
  },
};
