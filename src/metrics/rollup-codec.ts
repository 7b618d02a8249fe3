import { DistinctCount } from './distinct.js';
import { LatencySketch } from './latency-sketch.js';
import { RESOLUTIONS, type Resolution, type RollupBucket, type RollupCounters } from './rollup.js';

/**
 * A rollup bucket as a row: counters as plain numeric columns (so SQL can sum cost per team without decoding),
 * sketches as base64 text. `start` is ISO-8601 UTC so rows sort by time in both dialects.
 */
export interface StoredRollup extends RollupCounters {
  resolution: Resolution;
  start: string;
  useCaseId: string;
  releaseId: string | null;
  latencySketch: string;
  ttftSketch: string;
  endUsers: string;
  /** JSON object: role → base64 distinct count of verified users holding it. */
  verifiedUsersByRole: string;
  unverifiedUsers: string;
  cases: string;
}

export function encodeRollup(bucket: RollupBucket): StoredRollup {
  const byRole: Record<string, string> = {};
  for (const [role, users] of bucket.verifiedUsersByRole) byRole[role] = users.toBase64();
  return {
    ...bucket.counters,
    resolution: bucket.resolution,
    start: new Date(bucket.start).toISOString(),
    useCaseId: bucket.useCaseId,
    releaseId: bucket.releaseId,
    latencySketch: bucket.latency.toBase64(),
    ttftSketch: bucket.ttft.toBase64(),
    endUsers: bucket.endUsers.toBase64(),
    verifiedUsersByRole: JSON.stringify(byRole),
    unverifiedUsers: bucket.unverifiedUsers.toBase64(),
    cases: bucket.cases.toBase64(),
  };
}

export function decodeRollup(row: StoredRollup): RollupBucket {
  if (!(row.resolution in RESOLUTIONS)) throw new Error(`unknown rollup resolution ${row.resolution}`);
  const byRole = JSON.parse(row.verifiedUsersByRole) as Record<string, string>;
  return {
    resolution: row.resolution,
    start: Date.parse(row.start),
    useCaseId: row.useCaseId,
    releaseId: row.releaseId,
    counters: {
      requests: row.requests,
      errors: row.errors,
      serverErrors: row.serverErrors,
      blocked: row.blocked,
      redacted: row.redacted,
      reviewed: row.reviewed,
      overridden: row.overridden,
      ledgered: row.ledgered,
      tokensIn: row.tokensIn,
      tokensOut: row.tokensOut,
      costUsd: row.costUsd,
      caseCostUsd: row.caseCostUsd,
      feedbackCount: row.feedbackCount,
      feedbackScoreSum: row.feedbackScoreSum,
    },
    latency: LatencySketch.fromBase64(row.latencySketch),
    ttft: LatencySketch.fromBase64(row.ttftSketch),
    endUsers: DistinctCount.fromBase64(row.endUsers),
    verifiedUsersByRole: new Map(Object.entries(byRole).map(([role, users]) => [role, DistinctCount.fromBase64(users)])),
    unverifiedUsers: DistinctCount.fromBase64(row.unverifiedUsers),
    cases: DistinctCount.fromBase64(row.cases),
  };
}
