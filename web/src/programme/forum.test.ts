import { describe, expect, it } from 'vitest';
import { amountOf, openTotals, settleableAsks, settlesFunding } from './forum';
import type { FundingAsk } from './types';

const ask = (over: Partial<FundingAsk>): FundingAsk => ({
  id: 'fnd_1', useCaseId: 'uc_1', amount: 100, currency: 'EUR', purpose: '', status: 'open', requestedBy: 'usr_sam', requestedAt: '', decidedAt: null, decisionId: null, ...over,
});

describe('the forum’s funding asks', () => {
  it('totals what is open per currency, never adding currencies together', () => {
    const asks = [ask({ amount: 120_000 }), ask({ id: 'fnd_2', amount: 45_000, status: 'funded' }), ask({ id: 'fnd_3', amount: 5_000 }), ask({ id: 'fnd_4', amount: 9_000, currency: 'GBP' })];
    expect(openTotals(asks)).toEqual([
      { currency: 'EUR', amount: 125_000, asks: 2 },
      { currency: 'GBP', amount: 9_000, asks: 1 },
    ]);
  });

  it('offers a fund or decline-funding decision only the open asks of its use case', () => {
    expect(settlesFunding('fund')).toBe(true);
    expect(settlesFunding('decline_funding')).toBe(true);
    expect(settlesFunding('scale')).toBe(false);
    const asks = [ask({}), ask({ id: 'fnd_2', status: 'declined' }), ask({ id: 'fnd_3', useCaseId: 'uc_2' })];
    expect(settleableAsks(asks, 'uc_1').map((a) => a.id)).toEqual(['fnd_1']);
  });

  it('reads an amount as typed, with spaces or thousands commas, and passes anything else on for the API to name', () => {
    expect(amountOf('45 000')).toBe(45_000);
    expect(amountOf('45,000.50')).toBe(45_000.5);
    expect(amountOf('12.5')).toBe(12.5);
    expect(amountOf('4,5')).toBe('4,5');
    expect(amountOf('lots')).toBe('lots');
    expect(amountOf('  ')).toBeUndefined();
  });
});
