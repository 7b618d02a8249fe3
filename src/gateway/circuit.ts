/**
 * A circuit breaker per upstream endpoint: after `threshold` consecutive failures it opens for `coolDownMs`,
 * during which calls go straight to a fallback; then one trial call decides whether it closes again.
 */
export class CircuitBreakers {
  private readonly state = new Map<string, { failures: number; openUntil: number; trial: boolean }>();

  constructor(private readonly threshold = 5, private readonly coolDownMs = 30_000) {}

  allows(endpointId: string, now: number): boolean {
    const s = this.state.get(endpointId);
    if (!s || s.openUntil === 0) return true;
    if (now < s.openUntil) return false;
    if (s.trial) return false;
    s.trial = true; // half-open: let one call through
    return true;
  }

  success(endpointId: string): void {
    this.state.delete(endpointId);
  }

  failure(endpointId: string, now: number): void {
    const s = this.state.get(endpointId) ?? { failures: 0, openUntil: 0, trial: false };
    s.failures++;
    if (s.trial || s.failures >= this.threshold) {
      s.openUntil = now + this.coolDownMs;
      s.trial = false;
    }
    this.state.set(endpointId, s);
  }

  snapshot(): Record<string, { failures: number; open: boolean }> {
    const now = Date.now();
    return Object.fromEntries([...this.state].map(([id, s]) => [id, { failures: s.failures, open: s.openUntil > now }]));
  }
}
