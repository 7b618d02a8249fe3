import { assertionPasses } from '../assertions.js';
import { meanMetric } from './metric.js';

export const assertionPassRate = meanMetric({
  name: 'assertion_pass_rate',
  kind: 'generation',
  better: 'higher',
  description: 'share of cases whose answer passes every one of its assertions (a promptfoo test passes the same way)',
  scorer: () => (c) => {
    if (!c.assertions?.length) return null;
    for (const a of c.assertions) if (!assertionPasses(a, c.output)) return 0;
    return 1;
  },
});
