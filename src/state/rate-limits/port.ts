/**
 * Per-user message limit over fixed one-minute windows, shared by every bot process using the store.
 * - `allowed`: answer it;
 * - `limited-first`: the first message over the limit in this window: send one polite notice;
 * - `limited`: stay silent until the window passes.
 */
export type RateDecision = 'allowed' | 'limited-first' | 'limited';

export interface RateLimiter {
  consume(key: string): Promise<RateDecision>;
}

export const RATE_WINDOW_MS = 60_000;

export function decide(count: number, limit: number): RateDecision {
  if (count <= limit) return 'allowed';
  return count === limit + 1 ? 'limited-first' : 'limited';
}
