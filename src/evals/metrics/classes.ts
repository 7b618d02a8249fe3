import type { Metric, MetricName, ScoredCase } from './metric.js';

/**
 * The classification cases as integer codes, computed once so that counting (and recounting on every bootstrap
 * resample) is a tight loop over typed arrays. Classes are the true labels seen, sorted. A case without a label has
 * truth −1 and is ignored; a prediction outside the true labels, or none (a failed call, an answer naming no label),
 * has code −1: wrong for its case's class but adding no class of its own, so a stray answer cannot dilute the macro
 * average with an empty class.
 */
export interface ClassCodes {
  labels: string[];
  truth: Int32Array;
  predicted: Int32Array;
}

export function encodeClasses(cases: readonly ScoredCase[]): ClassCodes {
  const index = new Map<string, number>();
  for (const c of cases) if (c.label !== undefined && !index.has(c.label)) index.set(c.label, 0);
  const labels = [...index.keys()].sort();
  labels.forEach((label, i) => index.set(label, i));
  const truth = new Int32Array(cases.length);
  const predicted = new Int32Array(cases.length);
  cases.forEach((c, i) => {
    truth[i] = c.label === undefined ? -1 : index.get(c.label)!;
    predicted[i] = c.predicted == null ? -1 : (index.get(c.predicted) ?? -1);
  });
  return { labels, truth, predicted };
}

export interface ClassTally {
  labels: string[];
  truePositives: Int32Array;
  /** predictions of each class */
  predicted: Int32Array;
  /** true occurrences of each class */
  actual: Int32Array;
  /** classification cases counted */
  total: number;
}

/** Per-class counts over all cases, or over the given (resampled) case indices. */
export function tallyClasses(codes: ClassCodes, indices?: Uint32Array): ClassTally {
  const k = codes.labels.length;
  const truePositives = new Int32Array(k);
  const predicted = new Int32Array(k);
  const actual = new Int32Array(k);
  let total = 0;
  const n = indices ? indices.length : codes.truth.length;
  for (let j = 0; j < n; j++) {
    const i = indices ? indices[j] : j;
    const truth = codes.truth[i];
    if (truth < 0) continue;
    total++;
    actual[truth]++;
    const guess = codes.predicted[i];
    if (guess < 0) continue;
    predicted[guess]++;
    if (guess === truth) truePositives[truth]++;
  }
  return { labels: codes.labels, truePositives, predicted, actual, total };
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);
const harmonic = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export type ClassScore = 'precision' | 'recall' | 'f1';

/**
 * One of precision, recall or F1 for every class, their unweighted mean (macro) and the pooled micro form (micro
 * precision counts only predictions naming a true class). An empty denominator scores 0; macro is null without classes.
 */
export function classScores(tally: ClassTally, score: ClassScore): { macro: number | null; micro: number; byClass: Record<string, number> } {
  const byClass: Record<string, number> = {};
  let sum = 0;
  let tp = 0;
  let predicted = 0;
  tally.labels.forEach((label, i) => {
    const p = ratio(tally.truePositives[i], tally.predicted[i]);
    const r = ratio(tally.truePositives[i], tally.actual[i]);
    const value = score === 'precision' ? p : score === 'recall' ? r : harmonic(p, r);
    byClass[label] = value;
    sum += value;
    tp += tally.truePositives[i];
    predicted += tally.predicted[i];
  });
  const microP = ratio(tp, predicted);
  const microR = ratio(tp, tally.total);
  const micro = score === 'precision' ? microP : score === 'recall' ? microR : harmonic(microP, microR);
  return { macro: tally.labels.length && tally.total ? sum / tally.labels.length : null, micro, byClass };
}

/** A per-class metric whose value is the macro average, with per-class and micro values in details. */
export function classMetric(name: MetricName & ClassScore, description: string): Metric {
  return {
    name,
    kind: 'classification',
    better: 'higher',
    description,
    compute(cases) {
      const tally = tallyClasses(encodeClasses(cases));
      const { macro, micro, byClass } = classScores(tally, name);
      return { value: macro, support: tally.total, details: { micro, byClass } };
    },
    resampler(cases) {
      const codes = encodeClasses(cases);
      return (indices) => classScores(tallyClasses(codes, indices), name).macro;
    },
  };
}
