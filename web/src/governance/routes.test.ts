import { describe, expect, it } from 'vitest';
import { readGovernanceSearch, readPackSearch } from './routes';

describe('the governance screen address', () => {
  it('keeps a known exception state and drops anything else', () => {
    expect(readGovernanceSearch({ exceptions: 'expiring' })).toEqual({ exceptions: 'expiring' });
    expect(readGovernanceSearch({ exceptions: 'requested' })).toEqual({});
    expect(readGovernanceSearch({ exceptions: 'nonsense', other: 1 })).toEqual({});
  });
});

describe('the policy packs screen address', () => {
  it('keeps the version open and the one compared against, trimmed', () => {
    expect(readPackSearch({ version: ' pp_1 ', against: 'high@default' })).toEqual({ version: 'pp_1', against: 'high@default' });
    expect(readPackSearch({ version: '', against: 3 })).toEqual({});
  });
});
