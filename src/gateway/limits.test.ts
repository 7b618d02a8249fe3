import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from './circuit.js';
import { Limiter } from './limits.js';

describe('Limiter', () => {
  const at = new Date('2026-03-02T10:15:30.000Z');

  it('refuses the request over the per-minute limit with the seconds to the next minute', () => {
    const l = new Limiter();
    expect(l.admit('k', { requestsPerMinute: 2 }, 10, at).ok).toBe(true);
    expect(l.admit('k', { requestsPerMinute: 2 }, 10, at).ok).toBe(true);
    const v = l.admit('k', { requestsPerMinute: 2 }, 10, at);
    expect(v).toMatchObject({ ok: false, retryAfterS: 30 });
    expect(l.admit('k', { requestsPerMinute: 2 }, 10, new Date('2026-03-02T10:16:00.000Z')).ok).toBe(true);
  });

  it('counts estimated tokens and corrects them from the upstream usage', () => {
    const l = new Limiter();
    expect(l.admit('k', { tokensPerMinute: 100 }, 60, at).ok).toBe(true);
    l.settle('k', 60, 20, 0, at);
    expect(l.admit('k', { tokensPerMinute: 100 }, 70, at).ok).toBe(true);
    expect(l.admit('k', { tokensPerMinute: 100 }, 20, at).ok).toBe(false);
  });

  it('stops at the daily spend until UTC midnight, and seeds spend after a restart', () => {
    const l = new Limiter();
    l.seedSpend('uc', 9.5, 9.5, at);
    expect(l.admit('uc', { spendPerDayUsd: 10 }, 1, at).ok).toBe(true);
    l.settle('uc', 1, 1, 0.6, at);
    const v = l.admit('uc', { spendPerDayUsd: 10 }, 1, at);
    expect(v.ok).toBe(false);
    expect(Math.round(v.retryAfterS!)).toBe(13 * 3600 + 44 * 60 + 30);
    expect(l.admit('uc', { spendPerDayUsd: 10 }, 1, new Date('2026-03-03T00:00:01.000Z')).ok).toBe(true);
  });
});

describe('CircuitBreakers', () => {
  it('opens after the threshold, lets one trial through after the cool-down, and closes on success', () => {
    const b = new CircuitBreakers(3, 1000);
    for (let i = 0; i < 3; i++) b.failure('ep', 0);
    expect(b.allows('ep', 500)).toBe(false);
    expect(b.allows('ep', 1500)).toBe(true);
    expect(b.allows('ep', 1500)).toBe(false);
    b.success('ep');
    expect(b.allows('ep', 1600)).toBe(true);
  });

  it('reopens when the trial fails', () => {
    const b = new CircuitBreakers(2, 1000);
    b.failure('ep', 0);
    b.failure('ep', 0);
    expect(b.allows('ep', 1200)).toBe(true);
    b.failure('ep', 1200);
    expect(b.allows('ep', 1500)).toBe(false);
  });
});
