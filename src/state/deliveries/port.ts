/**
 * Remembers which platform deliveries were answered, so a retried webhook or a message queued twice is
 * answered once, across every bot process that shares the store.
 *
 * A delivery is claimed by one attempt (`owner`, unique per attempt) for a short lease while it is answered,
 * turned into "sending" just before the platform call, then marked done for a long time. The states make
 * duplicates as rare as the platforms allow (they take no idempotency key): a claim that ran out while its
 * worker was still busy cannot send any more, so the only duplicate left is a process that dies between the
 * platform accepting a reply and the "done" record (delivery is at least once).
 */
export interface DeliveryLedger {
  /**
   * `acquired`: this caller processes the delivery now; `done`: it was answered already;
   * `busy`: someone else holds a live claim (try again after the lease: that worker may have died).
   */
  claim(key: string, leaseMs: number, owner: string): Promise<ClaimResult>;
  /**
   * Just before the platform call: the owner's claim becomes "sending", with a fresh lease (also when the
   * claim ran out and nobody took it). False when another attempt holds the delivery now, or it was
   * answered: that attempt answers, this one must not send too.
   */
  beginSending(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks the delivery answered; later claims get `done` until the record expires. */
  complete(key: string): Promise<void>;
  /** Gives the owner's claim back after a failure, so a retry can take it at once; anyone else's is kept. */
  release(key: string, owner: string): Promise<void>;
  /** True when the delivery was already answered. */
  isDone(key: string): Promise<boolean>;
}

export type ClaimResult = 'acquired' | 'done' | 'busy';
