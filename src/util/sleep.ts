export interface SleepOptions {
  /** False lets the process exit while only this wait is pending (as Node's `timer.unref()`). Default true. */
  ref?: boolean;
}

/**
 * Resolves after `ms`, or at once when `signal` aborts (already aborted: straight away). It never rejects,
 * so a loop that sleeps between tries simply checks its signal next.
 */
export function sleep(ms: number, signal?: AbortSignal, options: SleepOptions = {}): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    if (options.ref === false) timer.unref();
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
