import { decide, RATE_WINDOW_MS, type RateDecision, type RateLimiter } from './port.ts';

/** Counts per user and window in this process; old windows are dropped as new ones start. */
export class MemoryRateLimiter implements RateLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async consume(key: string): Promise<RateDecision> {
    const window = Math.floor(this.now() / RATE_WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return decide(count, this.limit);
  }
}
