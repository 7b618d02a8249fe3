import type { GatewayMetricKey } from './catalogue.js';
import type { RollupTotals } from './rollup.js';

/** A metric's value over a window and the number of samples behind it (calls, reviews, feedback, cases). */
export interface MetricReading {
  value: number | null;
  samples: number;
}

const DAY_MS = 86_400_000;
const share = (part: number, whole: number): MetricReading => ({ value: whole > 0 ? part / whole : null, samples: whole });

/**
 * Every gateway metric of the catalogue over a window whose totals are given. Per-day figures are scaled from the
 * window's length. `adoption_by_role` reads here across all roles (verified active users ÷ `affectedUsers`, null
 * without a headcount or without calls); `adoptionByRole` gives one reading per role for monitors and scorecards.
 */
export function gatewayMetricReadings(totals: RollupTotals, windowMs: number, affectedUsers: number | null = null): Record<GatewayMetricKey, MetricReading> {
  const c = totals.counters;
  const calls = c.requests;
  const perDay = DAY_MS / windowMs;
  const latency = (p: number): MetricReading => ({ value: totals.latency.percentile(p), samples: totals.latency.count });
  const cases = totals.cases.estimate();
  const activeUsers = totals.endUsers.estimate();
  let verified = 0;
  for (const users of totals.verifiedUsersByRole.values()) verified += users.estimate();
  return {
    requests_per_day: { value: calls * perDay, samples: calls },
    latency_p50: latency(50),
    latency_p95: latency(95),
    latency_p99: latency(99),
    ttft_p95: { value: totals.ttft.percentile(95), samples: totals.ttft.count },
    error_rate: share(c.errors, calls),
    availability: share(calls - c.serverErrors, calls),
    tokens_per_request: share(c.tokensIn + c.tokensOut, calls),
    cost_per_request: share(c.costUsd, calls),
    cost_per_day: { value: c.costUsd * perDay, samples: calls },
    cost_per_case: { value: cases > 0 ? c.caseCostUsd / cases : null, samples: cases },
    escalation_rate: share(c.reviewed, calls),
    override_rate: share(c.overridden, c.reviewed),
    block_rate: share(c.blocked, calls),
    redaction_rate: share(c.redacted, calls),
    audit_completeness: share(c.ledgered, calls),
    active_end_users: { value: activeUsers, samples: calls },
    // A window without calls says nothing about adoption: no value, rather than a zero.
    adoption_by_role: { value: affectedUsers && calls > 0 ? Math.min(1, verified / affectedUsers) : null, samples: calls > 0 ? (affectedUsers ?? 0) : 0 },
    satisfaction: share(c.feedbackScoreSum, c.feedbackCount),
  };
}

export interface RoleAdoption {
  role: string;
  activeUsers: number;
  affectedUsers: number;
  /** Active ÷ affected, capped at 1; null when nobody of the role is affected. */
  rate: number | null;
}

/**
 * Adoption per role from verified end users only. Roles with affected users but no traffic read 0; roles seen in
 * traffic but absent from the headcount are listed with a null rate rather than guessed.
 */
export function adoptionByRole(totals: RollupTotals, affectedUsersByRole: Readonly<Record<string, number>>): { roles: RoleAdoption[]; unverifiedUsers: number } {
  const roles = new Set([...Object.keys(affectedUsersByRole), ...totals.verifiedUsersByRole.keys()]);
  const rows = [...roles].sort().map((role): RoleAdoption => {
    const activeUsers = totals.verifiedUsersByRole.get(role)?.estimate() ?? 0;
    const affectedUsers = affectedUsersByRole[role] ?? 0;
    return { role, activeUsers, affectedUsers, rate: affectedUsers > 0 ? Math.min(1, activeUsers / affectedUsers) : null };
  });
  return { roles: rows, unverifiedUsers: totals.unverifiedUsers.estimate() };
}
