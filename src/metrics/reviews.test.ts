import { describe, expect, it } from 'vitest';
import { nextReviewAt, ReviewAcknowledgement, reviewsDue, type MetricReviewState } from './reviews.js';

const state = (over: Partial<MetricReviewState>): MetricReviewState => ({
  metricKey: 'claims.cycle_time', owner: 'claims owner', reviewCadence: 'monthly', createdAt: '2026-01-31T10:00:00.000Z',
  lastAcknowledgedAt: null, lastReleaseAt: null, ...over,
});

describe('reviews on cadence', () => {
  it('falls due one period after creation before the first acknowledgement', () => {
    expect(nextReviewAt(state({ reviewCadence: 'daily' }))?.toISOString()).toBe('2026-02-01T10:00:00.000Z');
    expect(nextReviewAt(state({ reviewCadence: 'weekly' }))?.toISOString()).toBe('2026-02-07T10:00:00.000Z');
  });

  it('keeps a monthly review on the same day, or the month’s last day when shorter', () => {
    expect(nextReviewAt(state({}))?.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(nextReviewAt(state({ lastAcknowledgedAt: '2026-02-15T08:00:00.000Z' }))?.toISOString()).toBe('2026-03-15T08:00:00.000Z');
    expect(nextReviewAt(state({ lastAcknowledgedAt: '2026-12-31T08:00:00.000Z' }))?.toISOString()).toBe('2027-01-31T08:00:00.000Z');
  });

  it('makes a per-release metric due only when a release went live after the last review', () => {
    expect(nextReviewAt(state({ reviewCadence: 'per_release' }))).toBeNull();
    expect(nextReviewAt(state({ reviewCadence: 'per_release', lastReleaseAt: '2026-02-03T00:00:00.000Z' }))?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(nextReviewAt(state({ reviewCadence: 'per_release', lastReleaseAt: '2026-02-03T00:00:00.000Z', lastAcknowledgedAt: '2026-02-04T00:00:00.000Z' }))).toBeNull();
  });

  it('lists the metrics due, most overdue first, and leaves out those not yet due', () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    const due = reviewsDue(
      [
        state({ metricKey: 'gateway.latency_p95', owner: 'platform team', reviewCadence: 'daily', lastAcknowledgedAt: '2026-02-28T09:00:00.000Z' }),
        state({ metricKey: 'claims.cycle_time' }),
        state({ metricKey: 'gateway.adoption_by_role', reviewCadence: 'weekly', lastAcknowledgedAt: '2026-02-25T00:00:00.000Z' }),
      ],
      at,
    );
    expect(due.map((d) => [d.metricKey, d.dueAt, d.overdueMs])).toEqual([
      ['claims.cycle_time', '2026-02-28T10:00:00.000Z', 86_400_000],
      ['gateway.latency_p95', '2026-03-01T09:00:00.000Z', 3_600_000],
    ]);
  });

  it('needs a comment to acknowledge a review', () => {
    expect(ReviewAcknowledgement.safeParse({ comment: '  ' }).success).toBe(false);
    expect(ReviewAcknowledgement.parse({ comment: ' on track; finance agrees ' })).toEqual({ comment: 'on track; finance agrees' });
  });
});
