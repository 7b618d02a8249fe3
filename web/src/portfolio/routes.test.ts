import { describe, expect, it } from 'vitest';
import { readPortfolioSearch, toFilter } from './routes';

describe("the portfolio's address", () => {
  it('keeps the filters it knows and drops the rest', () => {
    expect(readPortfolioSearch({ view: 'board', stage: 'pilot', tier: 'severe', valueStreamId: ' vs_1 ', orphaned: 'true', colour: 'blue', q: '' })).toEqual({
      view: 'board',
      stage: 'pilot',
      valueStreamId: 'vs_1',
      orphaned: true,
    });
  });

  it("becomes the listing's filter", () => {
    expect(toFilter({ stage: 'triage', tier: 'high', ownerId: 'usr_1' })).toEqual({ stage: ['triage'], tier: ['high'], valueStreamId: undefined, ownerId: 'usr_1', q: undefined, orphaned: undefined });
  });
});
