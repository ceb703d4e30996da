/**
 * Failed sign-ins per user name in a sliding window, in memory: slows password guessing
 * against one account from many addresses (the per-address limit is @fastify/rate-limit's).
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; false if the name had `max` attempts in the window already. */
  allow(name: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(name) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(name, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(name, recent);
    // Bounded memory under a flood of made-up names: forget the oldest entries.
    if (this.attempts.size > 10_000) this.attempts.delete(this.attempts.keys().next().value!);
    return true;
  }

  /** Forgets a name's attempts after a successful sign-in. */
  reset(name: string): void {
    this.attempts.delete(name);
  }
}
