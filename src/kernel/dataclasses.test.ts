import { describe, expect, it } from 'vitest';
import { DataClasses, permits } from './dataclasses.js';

describe('data classes', () => {
  it('permit data at or below the allowed sensitivity with only allowed categories', () => {
    const allowed = DataClasses.parse({ sensitivity: 'confidential', categories: ['personal'] });
    expect(permits(allowed, { sensitivity: 'internal', categories: [] })).toBe(true);
    expect(permits(allowed, { sensitivity: 'confidential', categories: ['personal'] })).toBe(true);
    expect(permits(allowed, { sensitivity: 'restricted', categories: [] })).toBe(false);
    expect(permits(allowed, { sensitivity: 'internal', categories: ['health'] })).toBe(false);
  });

  it('reject words outside the one vocabulary', () => {
    expect(DataClasses.safeParse({ sensitivity: 'secret', categories: [] }).success).toBe(false);
    expect(DataClasses.safeParse({ sensitivity: 'public', categories: ['biometric'] }).success).toBe(false);
    expect(DataClasses.safeParse({ sensitivity: 'public', categories: [], extra: 1 }).success).toBe(false);
    expect(DataClasses.parse({ sensitivity: 'public' }).categories).toEqual([]);
  });
});
