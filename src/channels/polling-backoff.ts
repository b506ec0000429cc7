import { cappedExponentialBackoffMs } from '../util/backoff.ts';

/** Both pollers (Telegram getUpdates, Zalo Bot getUpdates) wait this way after failures in a row. */
const POLLING_BACKOFF = { firstMs: 1000, maxMs: 30_000 } as const;

/** 1 s, 2 s, 4 s … capped at 30 s. */
export function pollingBackoffMs(failures: number): number {
  return cappedExponentialBackoffMs(failures, POLLING_BACKOFF);
}
