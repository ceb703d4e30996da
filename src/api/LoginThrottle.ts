/**
 * Sign-in attempts per key in a sliding window, in memory. The session route keeps three
 * (docs/api.md, "Authentication"): per (user name, client address), so that nobody can lock
 * a user out from elsewhere; per address (@fastify/rate-limit's); and one global ceiling of
 * failed sign-ins, which slows a guesser who spreads over many addresses.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** True if the key had `max` attempts in the window already. */
  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.max;
  }

  /** Counts an attempt. */
  note(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.attempts.set(key, recent);
    // Bounded memory under a flood of made-up names: forget the oldest entries.
    if (this.attempts.size > 10_000) this.attempts.delete(this.attempts.keys().next().value!);
  }

  /** Counts an attempt; false (and not counted) if the key is blocked. */
  allow(key: string, now = Date.now()): boolean {
    if (this.blocked(key, now)) return false;
    this.note(key, now);
    return true;
  }

  /** Forgets a key's attempts after a successful sign-in. */
  reset(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.attempts.set(key, recent);
    return recent;
  }
}
