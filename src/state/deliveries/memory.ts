import { type Expiring, liveEntry } from '../expiry.ts';
import type { ClaimResult, DeliveryLedger } from './port.ts';

interface Entry extends Expiring {
  state: 'claimed' | 'sending' | 'done';
  /** The attempt holding a claim; none once done. */
  owner: string | null;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/** The in-process ledger: enough for one bot process; bounded by expiring entries as it goes. */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly doneTtlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  private live(key: string): Entry | undefined {
    return liveEntry(this.entries, key, this.now());
  }

  async claim(key: string, leaseMs: number, owner: string): Promise<ClaimResult> {
    const entry = this.live(key);
    if (entry) return entry.state === 'done' ? 'done' : 'busy';
    this.entries.set(key, { state: 'claimed', owner, expiresAt: this.now() + leaseMs });
    this.evict();
    return 'acquired';
  }

  async beginSending(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (entry && (entry.state !== 'claimed' || entry.owner !== owner)) return false;
    this.entries.set(key, { state: 'sending', owner, expiresAt: this.now() + leaseMs });
    return true;
  }

  async complete(key: string): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { state: 'done', owner: null, expiresAt: this.now() + this.doneTtlMs });
    this.evict();
  }

  async release(key: string, owner: string): Promise<void> {
    const entry = this.live(key);
    if (entry && entry.state !== 'done' && entry.owner === owner) this.entries.delete(key);
  }

  async isDone(key: string): Promise<boolean> {
    return this.live(key)?.state === 'done';
  }

  /** Oldest entries go first when the map is full: Map keeps insertion order. */
  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
