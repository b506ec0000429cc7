export interface LoginThrottleOptions {
  /** Wrong tokens one client may present per window before it is refused. */
  maxFailures: number;
  windowMs: number;
  /** Clients remembered at once; the oldest are forgotten first, so a flood of addresses cannot fill memory. */
  maxTracked?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  windowStart: number;
}

/**
 * Counts wrong admin tokens per client in a fixed window. Once a client reaches the limit it is refused until
 * the window ends, even with the right token, so guessing gains nothing. In memory, per process: a client
 * spreading guesses over N processes gets N times the budget, still far too few to guess an 8+ character token.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.maxTracked = options.maxTracked ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `client` may try again; 0 when it may try now. */
  retryAfterMs(client: string): number {
    const entry = this.current(client);
    if (!entry || entry.count < this.options.maxFailures) return 0;
    return entry.windowStart + this.options.windowMs - this.now();
  }

  /** Records a wrong token; returns true when this one used up the client's budget. */
  recordFailure(client: string): boolean {
    const entry = this.current(client) ?? { count: 0, windowStart: this.now() };
    entry.count++;
    this.failures.delete(client);
    this.failures.set(client, entry);
    this.evict();
    return entry.count === this.options.maxFailures;
  }

  /** The right token clears the client's count: an admin's earlier typos do not add up over the day. */
  recordSuccess(client: string): void {
    this.failures.delete(client);
  }

  private current(client: string): Failures | undefined {
    const entry = this.failures.get(client);
    if (entry && this.now() - entry.windowStart >= this.options.windowMs) {
      this.failures.delete(client);
      return undefined;
    }
    return entry;
  }

  private evict(): void {
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxTracked) return;
      this.failures.delete(key);
    }
  }
}
