import { meanMetric } from './metric.js';
import { answerTokens } from './text.js';

/** SQuAD token F1: overlap of the normalised answer's and reference's token multisets. */
export function tokenF1(output: string, reference: string): number {
  const predicted = answerTokens(output);
  const truth = answerTokens(reference);
  if (predicted.length === 0 || truth.length === 0) return predicted.length === truth.length ? 1 : 0;
  const remaining = new Map<string, number>();
  for (const t of truth) remaining.set(t, (remaining.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of predicted) {
    const left = remaining.get(t);
    if (left) {
      overlap++;
      remaining.set(t, left - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / predicted.length;
  const recall = overlap / truth.length;
  return (2 * precision * recall) / (precision + recall);
}

export const tokenF1Metric = meanMetric({
  name: 'token_f1',
  kind: 'generation',
  better: 'higher',
  description: 'mean token-overlap F1 between answer and reference (SQuAD normalisation)',
  scorer: () => (c) => (c.reference === undefined ? null : c.output === null ? 0 : tokenF1(c.output, c.reference)),
});
