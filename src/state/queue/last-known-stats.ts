import { sleep } from '../../util/sleep.ts';
import type { MessageQueue, QueueStats } from './port.ts';

/** How long a read of the figures may wait for a queue before its last known figures stand in. */
const DEFAULT_BUDGET_MS = 100;

interface Known {
  stats: QueueStats | null;
  /** When `stats` was read. */
  at: number;
  reading: Promise<void> | null;
}

/**
 * The figures of several queues (the Redis queue and its memory fallback) added up, for /metrics, without ever
 * waiting on Redis: each queue gets `budgetMs` to answer; one that does not contributes its last known figures
 * (its read goes on in the background, one at a time), and `ageMs` says how old the oldest figures are.
 */
export class LastKnownQueueStats implements Pick<MessageQueue, 'stats'> {
  private readonly known: Known[];

  constructor(
    private readonly queues: ReadonlyArray<Pick<MessageQueue, 'stats'>>,
    private readonly budgetMs = DEFAULT_BUDGET_MS,
    private readonly now: () => number = Date.now,
  ) {
    const started = now();
    this.known = queues.map(() => ({ stats: null, at: started, reading: null }));
  }

  async stats(): Promise<QueueStats> {
    const asked = this.now();
    const reads = Promise.all(this.queues.map((_, index) => this.read(index)));
    await Promise.race([reads, sleep(this.budgetMs, undefined, { ref: false })]);
    const total: QueueStats = { waiting: 0, active: 0, failed: 0, durable: true, ageMs: 0 };
    for (const known of this.known) {
      if (known.stats) {
        total.waiting += known.stats.waiting;
        total.active += known.stats.active;
        total.failed += known.stats.failed;
        total.durable &&= known.stats.durable;
      }
      if (known.at < asked) total.ageMs = Math.max(total.ageMs ?? 0, this.now() - known.at);
    }
    return total;
  }

  private read(index: number): Promise<void> {
    const known = this.known[index]!;
    known.reading ??= this.queues[index]!.stats()
      .then((stats) => {
        known.stats = stats;
        known.at = this.now();
      })
      .catch(() => {
        // Unknown for now: the last figures stay, and grow older.
      })
      .finally(() => {
        known.reading = null;
      });
    return known.reading;
  }
}
