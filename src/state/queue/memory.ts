import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../../ports/incoming-message.ts';
import { sleep } from '../../util/sleep.ts';
import {
  HANDLER_FAILED_RETRY_MS,
  type HandlerResult,
  MAX_ATTEMPTS,
  type MessageHandler,
  type MessageQueue,
  type QueueStats,
} from './port.ts';
import type { JournalEntry, QueueJournal } from './queue-journal.ts';

interface Job {
  /** The journal's id for this message. */
  id: string;
  message: IncomingMessage;
  attempt: number;
}

export interface MemoryQueueOptions {
  /** Where accepted messages are written before `enqueue` resolves; none: a crash loses what is waiting. */
  journal?: QueueJournal | null;
  /** What the journal held at start (the last run's unanswered messages): answered first. */
  replay?: readonly JournalEntry[];
}

/** How often a drain with a deadline looks whether everything is answered. */
const DRAIN_POLL_MS = 20;

/**
 * The embedded queue: messages live in this process, and in its journal file when it has one (so a crash or
 * a deploy loses none: the next start answers them). Used without Redis, and as the fallback while Redis is
 * unreachable.
 */
export class MemoryMessageQueue implements MessageQueue {
  private readonly ready: Job[] = [];
  private readonly retries = new Map<NodeJS.Timeout, Job>();
  private readonly journal: QueueJournal | null;
  private handler: MessageHandler | null = null;
  private active = 0;
  private failed = 0;
  private draining = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly logger: Logger,
    options: MemoryQueueOptions = {},
  ) {
    this.journal = options.journal ?? null;
    for (const { id, message } of options.replay ?? []) this.ready.push({ id, message, attempt: 1 });
  }

  async enqueue(message: IncomingMessage): Promise<void> {
    const job: Job = { id: randomUUID(), message, attempt: 1 };
    // Written before resolving: the platform is told "received" only once the message is in the file.
    this.journal?.add(job.id, message);
    this.ready.push(job);
    this.pump();
  }

  start(handler: MessageHandler): void {
    this.handler = handler;
    this.pump();
  }

  async drain(withinMs = 0): Promise<void> {
    if (this.draining) return this.whenIdle();
    if (withinMs > 0) {
      const deadline = Date.now() + withinMs;
      while (Date.now() < deadline && this.handler && this.unsettled() > 0) await sleep(DRAIN_POLL_MS);
    }
    this.draining = true;
    const postponed = this.retries.size;
    for (const timer of this.retries.keys()) clearTimeout(timer);
    this.retries.clear();
    await this.whenIdle();
    this.reportLeftovers(this.ready.length + postponed);
  }

  private whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idle.push(resolve));
  }

  async stats(): Promise<QueueStats> {
    return {
      waiting: this.ready.length + this.retries.size,
      active: this.active,
      failed: this.failed,
      durable: this.journal !== null,
    };
  }

  private unsettled(): number {
    return this.ready.length + this.retries.size + this.active;
  }

  /** Said once at exit, never silently: what is waiting is either kept in the journal or lost. */
  private reportLeftovers(left: number): void {
    if (left === 0 && (this.journal?.size ?? 0) === 0) return;
    if (this.journal) {
      this.logger.warn(
        { messages: this.journal.size, file: this.journal.file },
        'acknowledged messages not answered before stopping; the next start answers them',
      );
    } else if (left > 0) {
      this.logger.error({ messages: left }, 'acknowledged messages lost: not answered before stopping, no journal');
    }
  }

  private pump(): void {
    while (this.handler && !this.draining && this.active < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()!;
      this.active++;
      void this.run(this.handler, job).finally(() => {
        this.active--;
        if (this.active === 0 && this.draining) for (const resolve of this.idle.splice(0)) resolve();
        this.pump();
      });
    }
  }

  private async run(handler: MessageHandler, job: Job): Promise<void> {
    let result: HandlerResult;
    try {
      result = await handler(job.message, job.attempt);
    } catch (error) {
      this.logger.error({ err: error, messageId: job.message.messageId }, 'message handler failed');
      result = { outcome: 'retry' as const, afterMs: HANDLER_FAILED_RETRY_MS };
    }
    if (result.outcome !== 'retry') {
      this.journal?.done(job.id);
      return;
    }
    // Stopping: the message stays in the journal, for the next start.
    if (this.draining) return;
    if (job.attempt >= MAX_ATTEMPTS) {
      this.failed++;
      this.journal?.done(job.id);
      this.logger.error({ channel: job.message.channel, messageId: job.message.messageId }, 'giving up on a message');
      return;
    }
    const next: Job = { ...job, attempt: job.attempt + 1 };
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.ready.push(next);
      this.pump();
    }, result.afterMs);
    timer.unref();
    this.retries.set(timer, next);
  }
}
