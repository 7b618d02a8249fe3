import type { Metric } from './metric.js';

export const costPerCase: Metric = {
  name: 'cost_per_case',
  kind: 'operational',
  better: 'lower',
  description: 'mean cost of a call in US dollars over the calls with a known cost; the total is in details',
  compute(cases) {
    let total = 0;
    let support = 0;
    for (const c of cases) {
      if (c.costUsd === undefined) continue;
      total += c.costUsd;
      support++;
    }
    return { value: support ? total / support : null, support, details: { totalUsd: total } };
  },
};
