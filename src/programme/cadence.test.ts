import { describe, expect, it } from 'vitest';
import { latestDue, stepDue } from './cadence.js';

describe('review cadence', () => {
  it('falls due monthly on the day, at 00:00 UTC', () => {
    const monthly = { everyMonths: 1 as const, dayOfMonth: 1 };
    expect(latestDue(monthly, new Date('2026-03-02T09:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(latestDue(monthly, new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(latestDue({ everyMonths: 1, dayOfMonth: 15 }, new Date('2026-01-10T00:00:00Z')).toISOString()).toBe('2025-12-15T00:00:00.000Z');
    expect(stepDue(monthly, new Date('2026-01-01T00:00:00Z'), -1).toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });

  it('falls due quarterly in January, April, July and October', () => {
    const quarterly = { everyMonths: 3 as const, dayOfMonth: 5 };
    expect(latestDue(quarterly, new Date('2026-06-30T00:00:00Z')).toISOString()).toBe('2026-04-05T00:00:00.000Z');
    expect(latestDue(quarterly, new Date('2026-04-04T00:00:00Z')).toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(stepDue(quarterly, new Date('2026-01-05T00:00:00Z'), 1).toISOString()).toBe('2026-04-05T00:00:00.000Z');
  });
});
