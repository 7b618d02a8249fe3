import { isRefusal } from '../refusal.js';
import { meanMetric } from './metric.js';
import { sentenceSupport, toPassage } from './support.js';

export const hallucinationRate = meanMetric({
  name: 'hallucination_rate',
  kind: 'generation',
  better: 'lower',
  description: 'share of answers with at least one sentence supported neither by the reference nor by any context passage; refusals and failed calls are left out',
  scorer: (options) => (c) => {
    if (c.output === null || isRefusal(c.output)) return null;
    const sources = c.reference === undefined ? [...(c.contexts ?? [])] : [c.reference, ...(c.contexts ?? [])];
    if (!sources.length) return null;
    const { counted, supported } = sentenceSupport(c.output, sources.map(toPassage), options.supportThreshold);
    if (!counted) return null;
    return supported < counted ? 1 : 0;
  },
});
