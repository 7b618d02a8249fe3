/**
 * Per-minute request and token windows and per-day/month spend, kept in this process. With several instances each
 * enforces its share; a shared store (Redis) is the documented next step for exact global limits.
 */
export interface Budget {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  spendPerDayUsd?: number;
  spendPerMonthUsd?: number;
}

interface Window {
  minute: number;
  requests: number;
  tokens: number;
  day: string;
  dailySpend: number;
  month: string;
  monthlySpend: number;
}

export interface LimitVerdict {
  ok: boolean;
  reason?: string;
  retryAfterS?: number;
}

export class Limiter {
  private readonly windows = new Map<string, Window>();

  private window(scope: string, now: Date): Window {
    const minute = Math.floor(now.getTime() / 60_000);
    let w = this.windows.get(scope);
    // Within the same UTC minute the day and month are the same too: skip formatting them (this runs per call).
    if (w && w.minute === minute) return w;
    const day = now.toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    if (!w) {
      w = { minute, requests: 0, tokens: 0, day, dailySpend: 0, month, monthlySpend: 0 };
      this.windows.set(scope, w);
    }
    if (w.minute !== minute) {
      w.minute = minute;
      w.requests = 0;
      w.tokens = 0;
    }
    if (w.day !== day) {
      w.day = day;
      w.dailySpend = 0;
    }
    if (w.month !== month) {
      w.month = month;
      w.monthlySpend = 0;
    }
    return w;
  }

  /** Admits a call of `tokens` estimated tokens against `budget` for `scope`, counting it when admitted. */
  admit(scope: string, budget: Budget, tokens: number, now: Date): LimitVerdict {
    const w = this.window(scope, now);
    const toNextMinute = 60 - (now.getTime() / 1000) % 60;
    if (budget.requestsPerMinute !== undefined && w.requests + 1 > budget.requestsPerMinute) return { ok: false, reason: `${scope}: more than ${budget.requestsPerMinute} requests a minute`, retryAfterS: toNextMinute };
    if (budget.tokensPerMinute !== undefined && w.tokens + tokens > budget.tokensPerMinute) return { ok: false, reason: `${scope}: more than ${budget.tokensPerMinute} tokens a minute`, retryAfterS: toNextMinute };
    if (budget.spendPerDayUsd !== undefined && w.dailySpend >= budget.spendPerDayUsd) return { ok: false, reason: `${scope}: daily spend of $${budget.spendPerDayUsd} reached`, retryAfterS: secondsToUtcMidnight(now) };
    if (budget.spendPerMonthUsd !== undefined && w.monthlySpend >= budget.spendPerMonthUsd) return { ok: false, reason: `${scope}: monthly spend of $${budget.spendPerMonthUsd} reached`, retryAfterS: secondsToUtcMidnight(now) };
    w.requests++;
    w.tokens += tokens;
    return { ok: true };
  }

  /** Corrects the token estimate from the upstream's usage and adds the call's cost. */
  settle(scope: string, estimatedTokens: number, actualTokens: number, costUsd: number, now: Date): void {
    const w = this.window(scope, now);
    w.tokens += actualTokens - estimatedTokens;
    w.dailySpend += costUsd;
    w.monthlySpend += costUsd;
  }

  /** Seeds today's and this month's spend (from recorded events) when a scope is first seen after a restart. */
  seedSpend(scope: string, daily: number, monthly: number, now: Date): void {
    const w = this.window(scope, now);
    w.dailySpend = Math.max(w.dailySpend, daily);
    w.monthlySpend = Math.max(w.monthlySpend, monthly);
  }
}

function secondsToUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return (next - now.getTime()) / 1000;
}
