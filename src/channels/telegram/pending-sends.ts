/** A reply's formatted parts and how many of them went out. */
export interface Pending {
  parts: string[];
  sent: number;
}

/**
 * The messages of a reply still to send, per delivery, kept between attempts: when a 429 stops a
 * three-part answer after the first part, the retry sends parts two and three only, and sends the text
 * formatted the first time (a reload or a new stats count in between does not change it). In memory:
 * a retry taken over by another process starts again from the first part. Bounded, oldest first out,
 * since a delivery the flow gives up on is never finished.
 */
export class PendingSends {
  private readonly entries = new Map<string, Pending>();

  constructor(private readonly maxEntries = 1000) {}

  get(key: string): Pending | undefined {
    return this.entries.get(key);
  }

  begin(key: string, parts: string[]): Pending {
    const pending = { parts, sent: 0 };
    this.entries.set(key, pending);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return pending;
  }

  finish(key: string): void {
    this.entries.delete(key);
  }
}
