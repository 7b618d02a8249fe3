import { meanMetric } from './metric.js';

export const failureRate = meanMetric({
  name: 'failure_rate',
  kind: 'operational',
  better: 'lower',
  description: 'share of calls that failed (an error or no answer) after retries',
  scorer: () => (c) => (c.output === null || c.error ? 1 : 0),
});
