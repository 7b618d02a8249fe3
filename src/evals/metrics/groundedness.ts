import { isRefusal } from '../refusal.js';
import { meanMetric } from './metric.js';
import { sentenceSupport, toPassage } from './support.js';

export const groundedness = meanMetric({
  name: 'groundedness',
  kind: 'generation',
  better: 'higher',
  description: 'mean share of answer sentences supported by one context passage (see support.ts for the rule); refusals and failed calls are left out',
  scorer: (options) => (c) => {
    if (!c.contexts?.length || c.output === null || isRefusal(c.output)) return null;
    const { counted, supported } = sentenceSupport(c.output, c.contexts.map(toPassage), options.supportThreshold);
    return counted ? supported / counted : null;
  },
});
