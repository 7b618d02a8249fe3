import { containsReference } from './contains.js';
import { meanMetric } from './metric.js';

export const errorRate = meanMetric({
  name: 'error_rate',
  kind: 'generation',
  better: 'lower',
  description: 'share of answers that are wrong against the truth: a label other than the true one, or an answer without the reference; failed calls are wrong',
  scorer: () => (c) => {
    if (c.label !== undefined) return c.predicted === c.label ? 0 : 1;
    if (c.reference !== undefined) return containsReference(c.output, c.reference) ? 0 : 1;
    return null;
  },
});
