import { meanMetric } from './metric.js';
import { normalizeAnswer } from './text.js';

export const exactMatch = meanMetric({
  name: 'exact_match',
  kind: 'generation',
  better: 'higher',
  description: 'share of answers equal to the reference after normalisation (case, punctuation, articles, spacing)',
  scorer: () => (c) => {
    if (c.reference === undefined) return null;
    return c.output !== null && normalizeAnswer(c.output) === normalizeAnswer(c.reference) ? 1 : 0;
  },
});
