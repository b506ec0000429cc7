import type { ClaimResult, DeliveryLedger } from './port.ts';

interface Entry {
  state: 'claimed' | 'done';
  expiresAt: number;
}

/** The in-process ledger: enough for one bot process; bounded by expiring entries as it goes. */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly doneTtlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async claim(key: string, leaseMs: number): Promise<ClaimResult> {
    const entry = this.live(key);
    if (entry) return entry.state === 'done' ? 'done' : 'busy';
    this.entries.set(key, { state: 'claimed', expiresAt: this.now() + leaseMs });
    this.evict();
    return 'acquired';
  }

  async complete(key: string): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { state: 'done', expiresAt: this.now() + this.doneTtlMs });
    this.evict();
  }

  async release(key: string): Promise<void> {
    if (this.live(key)?.state === 'claimed') this.entries.delete(key);
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
