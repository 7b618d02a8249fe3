import { DistinctCount } from './distinct.js';
import { LatencySketch } from './latency-sketch.js';

/** What the gateway records of one call, off the hot path. `at` is epoch milliseconds from the kernel clock. */
export interface GatewayEvent {
  at: number;
  useCaseId: string;
  releaseId: string | null;
  /** The HTTP status the caller received. */
  status: number;
  latencyMs: number;
  ttftMs: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Sent to the human review queue (an escalation). */
  reviewed: boolean;
  /** A reviewer changed the answer. */
  overridden: boolean;
  /** Refused by policy; counted as a block, not an error. */
  blocked: boolean;
  redacted: boolean;
  /** The call has a verified ledger record. */
  ledgered: boolean;
  endUserId: string | null;
  endUserRole: string | null;
  /** The end user's identity and role came from a verified assertion; unverified users are counted apart. */
  endUserVerified: boolean;
  /** The business case (`x-charter-case-id`) the call served. */
  caseId: string | null;
}

/** A satisfaction score given through the feedback endpoint for one response. */
export interface FeedbackEvent {
  at: number;
  useCaseId: string;
  releaseId: string | null;
  score: number;
}

export const RESOLUTIONS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type Resolution = keyof typeof RESOLUTIONS;

export interface RollupCounters {
  requests: number;
  /** Calls answered with a 4xx or 5xx status, policy blocks excepted. */
  errors: number;
  /** Calls answered with a 5xx status: the service was not available to them. */
  serverErrors: number;
  blocked: number;
  redacted: number;
  reviewed: number;
  overridden: number;
  ledgered: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Cost of the calls that named a business case, the numerator of cost per case. */
  caseCostUsd: number;
  feedbackCount: number;
  feedbackScoreSum: number;
}

/** Counters and mergeable sketches: what a bucket holds and what any range of buckets adds up to. */
export interface RollupTotals {
  counters: RollupCounters;
  latency: LatencySketch;
  ttft: LatencySketch;
  endUsers: DistinctCount;
  verifiedUsersByRole: Map<string, DistinctCount>;
  unverifiedUsers: DistinctCount;
  cases: DistinctCount;
}

export interface RollupBucket extends RollupTotals {
  resolution: Resolution;
  /** Epoch ms of the bucket's first instant; days are UTC days. */
  start: number;
  useCaseId: string;
  releaseId: string | null;
}

const zeroCounters = (): RollupCounters => ({
  requests: 0, errors: 0, serverErrors: 0, blocked: 0, redacted: 0, reviewed: 0, overridden: 0, ledgered: 0,
  tokensIn: 0, tokensOut: 0, costUsd: 0, caseCostUsd: 0, feedbackCount: 0, feedbackScoreSum: 0,
});
const COUNTER_NAMES = Object.keys(zeroCounters()) as (keyof RollupCounters)[];

export function emptyTotals(): RollupTotals {
  return {
    counters: zeroCounters(),
    latency: LatencySketch.empty(),
    ttft: LatencySketch.empty(),
    endUsers: new DistinctCount(),
    verifiedUsersByRole: new Map(),
    unverifiedUsers: new DistinctCount(),
    cases: new DistinctCount(),
  };
}

/** Adds `part` into `target` in place: counters sum, sketches merge. */
export function addTotals(target: RollupTotals, part: RollupTotals): void {
  for (const name of COUNTER_NAMES) target.counters[name] += part.counters[name];
  target.latency.merge(part.latency);
  target.ttft.merge(part.ttft);
  target.endUsers.merge(part.endUsers);
  target.unverifiedUsers.merge(part.unverifiedUsers);
  target.cases.merge(part.cases);
  for (const [role, users] of part.verifiedUsersByRole) {
    const mine = target.verifiedUsersByRole.get(role);
    if (mine) mine.merge(users);
    else target.verifiedUsersByRole.set(role, users.clone());
  }
}

/** The totals of many buckets (a query range, several releases or use cases together). */
export function sumTotals(parts: Iterable<RollupTotals>): RollupTotals {
  const total = emptyTotals();
  for (const part of parts) addTotals(total, part);
  return total;
}

export const bucketStart = (at: number, resolution: Resolution): number => at - (at % RESOLUTIONS[resolution]);

/** A minute being filled: ids stay in plain sets until flush, so the per-event cost is a few additions. */
interface OpenMinute {
  useCaseId: string;
  releaseId: string | null;
  start: number;
  counters: RollupCounters;
  latency: LatencySketch;
  ttft: LatencySketch;
  endUsers: Set<string>;
  verifiedUsersByRole: Map<string, Set<string>>;
  unverifiedUsers: Set<string>;
  cases: Set<string>;
}

/**
 * Aggregates gateway events in memory, keyed by use case, release and minute, and hands back partial buckets on
 * flush: the minutes, and the hours and days those minutes add up to. A store merges each partial into the row of
 * the same key (`addTotals`), so rollups build incrementally and no raw event is read twice.
 */
export class RollupAccumulator {
  // Nested by use case, release and minute rather than one composite string key: no string is built per event.
  private open = new Map<string, Map<string, Map<number, OpenMinute>>>();
  private count = 0;

  add(event: GatewayEvent): void {
    const minute = this.minuteFor(event.useCaseId, event.releaseId, event.at);
    const c = minute.counters;
    c.requests++;
    if (event.blocked) c.blocked++;
    else if (event.status >= 400) c.errors++;
    if (event.status >= 500) c.serverErrors++;
    if (event.redacted) c.redacted++;
    if (event.reviewed) c.reviewed++;
    if (event.overridden) c.overridden++;
    if (event.ledgered) c.ledgered++;
    c.tokensIn += event.tokensIn;
    c.tokensOut += event.tokensOut;
    c.costUsd += event.costUsd;
    minute.latency.record(event.latencyMs);
    if (event.ttftMs !== null) minute.ttft.record(event.ttftMs);
    if (event.caseId !== null) {
      c.caseCostUsd += event.costUsd;
      minute.cases.add(event.caseId);
    }
    if (event.endUserId !== null) {
      minute.endUsers.add(event.endUserId);
      if (event.endUserVerified && event.endUserRole !== null) {
        let users = minute.verifiedUsersByRole.get(event.endUserRole);
        if (!users) minute.verifiedUsersByRole.set(event.endUserRole, (users = new Set()));
        users.add(event.endUserId);
      } else {
        minute.unverifiedUsers.add(event.endUserId);
      }
    }
  }

  addBatch(events: readonly GatewayEvent[]): void {
    for (const event of events) this.add(event);
  }

  addFeedback(feedback: FeedbackEvent): void {
    const minute = this.minuteFor(feedback.useCaseId, feedback.releaseId, feedback.at);
    minute.counters.feedbackCount++;
    minute.counters.feedbackScoreSum += feedback.score;
  }

  /**
   * A reviewer's decision on an escalated call, counted in the minute it is taken: the call itself was counted as
   * reviewed when it was made, and only a decision that changed the answer adds to `overridden`.
   */
  addReviewDecision(decision: { at: number; useCaseId: string; releaseId: string | null; overridden: boolean }): void {
    if (decision.overridden) this.minuteFor(decision.useCaseId, decision.releaseId, decision.at).counters.overridden++;
  }

  /** Open minute buckets, for deciding when to flush. */
  get openBuckets(): number {
    return this.count;
  }

  /** Empties the accumulator; returns minute, hour and day partials (each key once per resolution). */
  flush(): RollupBucket[] {
    const minutes: RollupBucket[] = [];
    const coarser = new Map<string, RollupBucket>();
    for (const open of this.openMinutes()) {
      const bucket = closeMinute(open);
      minutes.push(bucket);
      for (const resolution of ['hour', 'day'] as const) {
        const start = bucketStart(open.start, resolution);
        const key = `${resolution}\u0001${open.useCaseId}\u0001${open.releaseId ?? ''}\u0001${start}`;
        let target = coarser.get(key);
        if (!target) coarser.set(key, (target = { ...emptyTotals(), resolution, start, useCaseId: open.useCaseId, releaseId: open.releaseId }));
        addTotals(target, bucket);
      }
    }
    this.open = new Map();
    this.count = 0;
    return [...minutes, ...coarser.values()];
  }

  private minuteFor(useCaseId: string, releaseId: string | null, at: number): OpenMinute {
    const start = bucketStart(at, 'minute');
    let releases = this.open.get(useCaseId);
    if (!releases) this.open.set(useCaseId, (releases = new Map()));
    let minutes = releases.get(releaseId ?? '');
    if (!minutes) releases.set(releaseId ?? '', (minutes = new Map()));
    let minute = minutes.get(start);
    if (!minute) {
      minute = {
        useCaseId, releaseId, start, counters: zeroCounters(), latency: LatencySketch.empty(), ttft: LatencySketch.empty(),
        endUsers: new Set(), verifiedUsersByRole: new Map(), unverifiedUsers: new Set(), cases: new Set(),
      };
      minutes.set(start, minute);
      this.count++;
    }
    return minute;
  }

  private *openMinutes(): Generator<OpenMinute> {
    for (const releases of this.open.values()) for (const minutes of releases.values()) yield* minutes.values();
  }
}

function closeMinute(open: OpenMinute): RollupBucket {
  const verifiedUsersByRole = new Map<string, DistinctCount>();
  for (const [role, users] of open.verifiedUsersByRole) verifiedUsersByRole.set(role, DistinctCount.of(users));
  return {
    resolution: 'minute',
    start: open.start,
    useCaseId: open.useCaseId,
    releaseId: open.releaseId,
    counters: open.counters,
    latency: open.latency,
    ttft: open.ttft,
    endUsers: DistinctCount.of(open.endUsers),
    verifiedUsersByRole,
    unverifiedUsers: DistinctCount.of(open.unverifiedUsers),
    cases: DistinctCount.of(open.cases),
  };
}
