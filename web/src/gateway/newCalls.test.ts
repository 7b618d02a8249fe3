import { describe, expect, it } from 'vitest';
import { newCalls } from './newCalls';

const calls = (...ids: string[]) => ids.map((id) => ({ id }));

describe('counting the calls that arrived since the last read', () => {
  it('counts none on the first read', () => {
    expect(newCalls(calls('c3', 'c2', 'c1'), undefined)).toBe(0);
  });

  it('counts the calls above the previous newest', () => {
    expect(newCalls(calls('c5', 'c4', 'c3', 'c2'), 'c3')).toBe(2);
    expect(newCalls(calls('c3', 'c2'), 'c3')).toBe(0);
  });

  it('counts the whole page when the previous newest was pushed out of it', () => {
    expect(newCalls(calls('c9', 'c8'), 'c3')).toBe(2);
  });
});
