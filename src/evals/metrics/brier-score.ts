import type { Metric, ScoredCase } from './metric.js';

/** Each case's Σₖ (pₖ − yₖ)² (NaN without scores), and the factor for the binary form. */
function brierTerms(cases: readonly ScoredCase[]): { terms: Float64Array; scale: number } {
  const classes = new Set<string>();
  const terms = new Float64Array(cases.length).fill(Number.NaN);
  cases.forEach((c, i) => {
    if (c.label === undefined || c.scores === undefined) return;
    classes.add(c.label);
    // Σₖ (pₖ − yₖ)² = Σₖ pₖ² − 2·p(label) + 1, so one pass over the given scores suffices.
    let squares = 0;
    for (const key in c.scores) {
      const p = c.scores[key];
      squares += p * p;
      classes.add(key);
    }
    terms[i] = squares - 2 * (c.scores[c.label] ?? 0) + 1;
  });
  return { terms, scale: classes.size === 2 ? 0.5 : 1 };
}

function meanTerm(terms: Float64Array, scale: number, indices?: Uint32Array): { value: number | null; support: number } {
  let sum = 0;
  let support = 0;
  const n = indices ? indices.length : terms.length;
  for (let j = 0; j < n; j++) {
    const t = terms[indices ? indices[j] : j];
    if (t !== t) continue;
    sum += t;
    support++;
  }
  return { value: support ? (scale * sum) / support : null, support };
}

/**
 * Brier score over the model's class probabilities: per case Σₖ (pₖ − yₖ)² with y one-hot on the true label and a
 * class missing from the scores at probability 0, averaged over cases with scores. With exactly two classes it is
 * halved, giving the familiar binary form (p − y)² of the positive class (as scikit-learn does).
 */
export const brierScore: Metric = {
  name: 'brier_score',
  kind: 'classification',
  better: 'lower',
  description: 'mean squared error of the class probabilities against the true label (binary form for two classes)',
  compute(cases) {
    const { terms, scale } = brierTerms(cases);
    return meanTerm(terms, scale);
  },
  resampler(cases) {
    const { terms, scale } = brierTerms(cases);
    return (indices) => meanTerm(terms, scale, indices).value;
  },
};
