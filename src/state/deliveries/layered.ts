import type { ClaimResult, DeliveryLedger } from './port.ts';

/** Completions Redis missed, kept to write to it when it answers again; past this, the oldest are forgotten. */
const MAX_UNSYNCED = 10_000;

/**
 * The shared ledger (Redis) backed by one of this process. Every answer is also recorded locally, and while
 * the shared ledger fails (Redis down or hung) the local one decides: a webhook retried to this process during
 * an outage, or a Redis queue entry claimed again after a hang, is still answered once by this process, where
 * failing open would answer it twice. Completions the shared ledger missed are written to it once it answers,
 * so the other processes learn them too. It never fails: the outage is the connection's to report (once),
 * and a caller that saw the ledger fail and recover at every message would log it at every message.
 */
export class LayeredDeliveryLedger implements DeliveryLedger {
  private readonly unsynced = new Set<string>();
  private syncing = false;

  constructor(
    private readonly shared: DeliveryLedger,
    private readonly local: DeliveryLedger,
  ) {}

  /**
   * A shared claim is mirrored locally: an attempt that claimed locally while Redis was away (and is still
   * answering) keeps a copy of the same message, claimed in Redis once it is back, from answering beside it.
   */
  async claim(key: string, leaseMs: number, owner: string): Promise<ClaimResult> {
    if (await this.local.isDone(key)) return 'done';
    let result: ClaimResult;
    try {
      result = await this.shared.claim(key, leaseMs, owner);
    } catch {
      return this.local.claim(key, leaseMs, owner);
    }
    this.syncMissedCompletions();
    if (result !== 'acquired' || (await this.local.claim(key, leaseMs, owner)) === 'acquired') return result;
    await this.shared.release(key, owner).catch(() => {});
    return 'busy';
  }

  async beginSending(key: string, owner: string, leaseMs: number): Promise<boolean> {
    try {
      return await this.shared.beginSending(key, owner, leaseMs);
    } catch {
      // The shared claim cannot be checked now: the local one decides (every claim is mirrored there).
      return this.local.beginSending(key, owner, leaseMs);
    }
  }

  async complete(key: string): Promise<void> {
    await this.local.complete(key);
    try {
      await this.shared.complete(key);
    } catch {
      this.unsynced.delete(key);
      this.unsynced.add(key);
      if (this.unsynced.size > MAX_UNSYNCED) this.unsynced.delete(this.unsynced.values().next().value as string);
    }
  }

  async release(key: string, owner: string): Promise<void> {
    await this.local.release(key, owner);
    try {
      await this.shared.release(key, owner);
    } catch {
      // The claim runs out with its lease.
    }
  }

  async isDone(key: string): Promise<boolean> {
    if (await this.local.isDone(key)) return true;
    try {
      return await this.shared.isDone(key);
    } catch {
      return false;
    }
  }

  /** In the background, one at a time; stops at the first failure and tries again on a later success. */
  private syncMissedCompletions(): void {
    if (this.syncing || this.unsynced.size === 0) return;
    this.syncing = true;
    void (async () => {
      try {
        for (const key of [...this.unsynced]) {
          await this.shared.complete(key);
          this.unsynced.delete(key);
        }
      } catch {
        // Still unreachable: the next successful claim tries again.
      } finally {
        this.syncing = false;
      }
    })();
  }
}
