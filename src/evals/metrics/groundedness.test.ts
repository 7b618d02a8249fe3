import { describe, expect, it } from 'vitest';
import type { ScoredCase } from './metric.js';
import { METRICS } from './registry.js';

const contexts = [
  'Orders can be returned within 30 days of delivery for a full refund. Refunds are paid to the original payment card within 5 business days.',
  'Shipping is free for orders over 50 euros.',
];
const grounded = (output: string, id = output): ScoredCase => ({ id, output, contexts });

describe('groundedness', () => {
  it('supports a faithful paraphrase that rewords the passage but keeps its facts', () => {
    const result = METRICS.groundedness.compute([grounded('You can return an order within 30 days after it is delivered and get a full refund. The refund is paid back to your original card within 5 business days.')]);
    expect(result).toEqual({ value: 1, support: 1 });
  });

  it('does not support a claim the context never makes', () => {
    expect(METRICS.groundedness.compute([grounded('Returned orders also earn a 20 euro voucher for future purchases.')]).value).toBe(0);
    expect(METRICS.groundedness.compute([grounded('Refunds are issued as store credit instead of money.')]).value).toBe(0);
  });

  it('does not support a sentence with a wrong number even when every word matches', () => {
    expect(METRICS.groundedness.compute([grounded('Orders can be returned within 60 days of delivery for a full refund.')]).value).toBe(0);
  });

  it('needs the support to come from one passage, not pieced together from two', () => {
    expect(METRICS.groundedness.compute([grounded('Shipping is free over 50 euros and refunds are paid within 5 business days.')]).value).toBe(0);
    expect(METRICS.groundedness.compute([grounded('Shipping is free on orders above 50 euros.')]).value).toBe(1);
  });

  it('averages the share of supported sentences per answer, skipping sentences without content, refusals and failures', () => {
    const cases = [
      grounded('Here it is. Orders can be returned within 30 days. They also earn a 20 euro voucher.', 'half'),
      grounded('Orders can be returned within 30 days of delivery.', 'all'),
      grounded("I'm sorry, but I can't help with that.", 'refusal'),
      { id: 'failed', output: null, contexts },
      { id: 'no-context', output: 'Anything at all.' },
    ];
    expect(METRICS.groundedness.compute(cases)).toEqual({ value: 0.75, support: 2 });
  });

  it('lets the threshold be tuned per evaluation', () => {
    const loose = grounded('Customers may send back orders within 30 days.');
    expect(METRICS.groundedness.compute([loose]).value).toBe(0);
    expect(METRICS.groundedness.compute([loose], { supportThreshold: 0.4 }).value).toBe(1);
  });
});

describe('hallucination rate', () => {
  it('flags answers with any sentence unsupported by the reference and the contexts', () => {
    const cases: ScoredCase[] = [
      { id: '1', output: 'The refund window is 30 days.', reference: 'Refund window: 30 days.' },
      { id: '2', output: 'The refund window is 30 days. Shipping to Mars is included.', reference: 'Refund window: 30 days.' },
      { id: '3', output: 'The refund window is 90 days.', reference: 'Refund window: 30 days.' },
      { id: '4', output: 'Shipping is free on orders over 50 euros.', reference: 'Refund window: 30 days.', contexts },
      { id: '5', output: 'Anything.' },
    ];
    expect(METRICS.hallucination_rate.compute(cases)).toEqual({ value: 0.5, support: 4 });
  });
});
