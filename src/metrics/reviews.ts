import { z } from 'zod';
import type { ReviewCadence } from './schema.js';

/** What an owner records on reviewing a metric: the seed's "point to these metrics in a monthly review". */
export const ReviewAcknowledgement = z.strictObject({ comment: z.string().trim().min(1).max(2000) });
export type ReviewAcknowledgement = z.infer<typeof ReviewAcknowledgement>;

export interface MetricReviewState {
  metricKey: string;
  owner: string;
  reviewCadence: ReviewCadence;
  /** When the metric entered the registry; the first review falls one period later. */
  createdAt: string;
  lastAcknowledgedAt: string | null;
  /** For per-release metrics: when the latest release of the metric's use cases went live. */
  lastReleaseAt: string | null;
}

export interface ReviewDue {
  metricKey: string;
  owner: string;
  reviewCadence: ReviewCadence;
  dueAt: string;
  overdueMs: number;
}

const DAY_MS = 86_400_000;

/** The same day of the next month in UTC, or its last day when shorter (31 January → 28 or 29 February). */
function nextMonth(from: Date): Date {
  const next = new Date(from);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return next;
}

/**
 * When the owner's next review falls: one period after the last acknowledgement (or after creation, before the
 * first). A per-release metric is due when a release went live after its last acknowledgement, and otherwise not.
 */
export function nextReviewAt(metric: MetricReviewState): Date | null {
  const reviewed = new Date(metric.lastAcknowledgedAt ?? metric.createdAt);
  switch (metric.reviewCadence) {
    case 'daily':
      return new Date(reviewed.getTime() + DAY_MS);
    case 'weekly':
      return new Date(reviewed.getTime() + 7 * DAY_MS);
    case 'monthly':
      return nextMonth(reviewed);
    case 'per_release':
      return metric.lastReleaseAt && Date.parse(metric.lastReleaseAt) > reviewed.getTime() ? new Date(metric.lastReleaseAt) : null;
  }
}

/** The metrics due for their owner's review at `at`, most overdue first. */
export function reviewsDue(metrics: readonly MetricReviewState[], at: Date): ReviewDue[] {
  const due: ReviewDue[] = [];
  for (const metric of metrics) {
    const dueAt = nextReviewAt(metric);
    if (dueAt === null || dueAt.getTime() > at.getTime()) continue;
    due.push({
      metricKey: metric.metricKey,
      owner: metric.owner,
      reviewCadence: metric.reviewCadence,
      dueAt: dueAt.toISOString(),
      overdueMs: at.getTime() - dueAt.getTime(),
    });
  }
  return due.sort((a, b) => b.overdueMs - a.overdueMs || a.metricKey.localeCompare(b.metricKey));
}
