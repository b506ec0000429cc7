export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOpened {
  /** Consecutive failures that opened it. */
  failures: number;
  /** The last of them. */
  error: unknown;
  coolDownMs: number;
}

export interface CircuitClosed {
  /** Milliseconds from opening to the success that closed it. */
  downMs: number;
  /** Calls skipped meanwhile. */
  skipped: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures after which calls are skipped. */
  failureThreshold?: number;
  /** How long calls are skipped before one is tried again. */
  coolDownMs?: number;
  now?: () => number;
  /** Called once per outage, when calls start being skipped. */
  onOpen?: (event: CircuitOpened) => void;
  /** Called once per outage, when a call succeeds again. */
  onClose?: (event: CircuitClosed) => void;
}

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const DEFAULT_COOL_DOWN_MS = 60_000;

/**
 * Stops calling a dependency that keeps failing, so that during an outage users get the fallback at once
 * instead of after a timeout each. After `failureThreshold` consecutive failures the circuit opens; after
 * `coolDownMs` one call is let through (half-open): its success closes the circuit, its failure opens it
 * for another cool-down. An outage is reported once when it starts and once when it ends.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private retryAt = 0;
  private skipped = 0;
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private readonly onOpen: (event: CircuitOpened) => void;
  private readonly onClose: (event: CircuitClosed) => void;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.coolDownMs = options.coolDownMs ?? DEFAULT_COOL_DOWN_MS;
    this.now = options.now ?? Date.now;
    this.onOpen = options.onOpen ?? (() => {});
    this.onClose = options.onClose ?? (() => {});
  }

  get state(): CircuitState {
    return this.current;
  }

  /**
   * Whether to make the call now. True when closed; when open, false until the cool-down has passed, then
   * true for exactly one trial call (half-open) whose outcome must be recorded.
   */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' && this.now() >= this.retryAt) {
      this.current = 'half-open';
      return true;
    }
    this.skipped++;
    return false;
  }

  recordSuccess(): void {
    this.failures = 0;
    if (this.current === 'closed') return;
    // A success while open (a call that started before it opened) also shows the dependency is back.
    this.current = 'closed';
    const event = { downMs: this.now() - this.openedAt, skipped: this.skipped };
    this.skipped = 0;
    this.onClose(event);
  }

  recordFailure(error: unknown): void {
    this.failures++;
    if (this.current === 'half-open') {
      // Still down: the same outage, so no new report.
      this.current = 'open';
      this.retryAt = this.now() + this.coolDownMs;
      return;
    }
    if (this.current === 'closed' && this.failures >= this.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
      this.retryAt = this.openedAt + this.coolDownMs;
      this.onOpen({ failures: this.failures, error, coolDownMs: this.coolDownMs });
    }
  }
}
