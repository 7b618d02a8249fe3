import { meanMetric } from './metric.js';
import { normalizeAnswer } from './text.js';

/** Whether the normalised answer holds the normalised reference ("Paris" in "The capital is Paris."). */
export function containsReference(output: string | null, reference: string): boolean {
  return output !== null && ` ${normalizeAnswer(output)} `.includes(` ${normalizeAnswer(reference)} `);
}

export const contains = meanMetric({
  name: 'contains',
  kind: 'generation',
  better: 'higher',
  description: 'share of answers that contain the reference as whole words, after normalisation',
  scorer: () => (c) => (c.reference === undefined ? null : containsReference(c.output, c.reference) ? 1 : 0),
});
