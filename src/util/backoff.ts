export interface BackoffLimits {
  /** The wait after the first failure. */
  firstMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/** The wait after the n-th failure in a row (n ≥ 1): `firstMs`, doubling with each failure, capped at `maxMs`. */
export function cappedExponentialBackoffMs(failures: number, { firstMs, maxMs }: BackoffLimits): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
}
