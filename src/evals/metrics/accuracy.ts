import { meanMetric } from './metric.js';

export const accuracy = meanMetric({
  name: 'accuracy',
  kind: 'classification',
  better: 'higher',
  description: 'share of classification cases whose predicted label is the true label',
  scorer: () => (c) => (c.label === undefined ? null : c.predicted === c.label ? 1 : 0),
});
