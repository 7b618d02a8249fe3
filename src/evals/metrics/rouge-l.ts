import { meanMetric } from './metric.js';
import { wordTokens } from './text.js';

/** Length of the longest common subsequence of two token lists, in one row of O(min) memory. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const row = new Int32Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= short.length; j++) {
      const above = row[j];
      row[j] = long[i - 1] === short[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
      diagonal = above;
    }
  }
  return row[short.length];
}

/** ROUGE-L F-measure (β = 1) over lowercase word tokens. */
export function rougeL(output: string, reference: string): number {
  const candidate = wordTokens(output);
  const truth = wordTokens(reference);
  if (candidate.length === 0 || truth.length === 0) return candidate.length === truth.length ? 1 : 0;
  const lcs = lcsLength(candidate, truth);
  if (lcs === 0) return 0;
  const precision = lcs / candidate.length;
  const recall = lcs / truth.length;
  return (2 * precision * recall) / (precision + recall);
}

export const rougeLMetric = meanMetric({
  name: 'rouge_l',
  kind: 'generation',
  better: 'higher',
  description: 'mean ROUGE-L F-measure (longest common subsequence of words) between answer and reference',
  scorer: () => (c) => (c.reference === undefined ? null : c.output === null ? 0 : rougeL(c.output, c.reference)),
});
