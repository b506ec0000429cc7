/**
 * Remembers which platform deliveries were answered, so a retried webhook or a message queued twice is
 * answered once, across every bot process that shares the store.
 *
 * A delivery is claimed for a short lease while it is processed (so two workers never answer it together,
 * and a crashed worker's claim runs out), then marked done for a long time.
 */
export interface DeliveryLedger {
  /**
   * `acquired`: this caller processes the delivery now; `done`: it was answered already;
   * `busy`: someone else holds a live claim (try again after the lease: that worker may have died).
   */
  claim(key: string, leaseMs: number): Promise<ClaimResult>;
  /** Marks the delivery answered; later claims fail until the record expires. */
  complete(key: string): Promise<void>;
  /** Gives a claim back after a failure, so a retry can take it at once. */
  release(key: string): Promise<void>;
  /** True when the delivery was already answered. */
  isDone(key: string): Promise<boolean>;
}

export type ClaimResult = 'acquired' | 'done' | 'busy';
