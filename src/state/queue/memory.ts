import type { Logger } from 'pino';
import type { IncomingMessage } from '../../ports/incoming-message.ts';
import {
  HANDLER_FAILED_RETRY_MS,
  type HandlerResult,
  MAX_ATTEMPTS,
  type MessageHandler,
  type MessageQueue,
  type QueueStats,
} from './port.ts';

interface Job {
  message: IncomingMessage;
  attempt: number;
}

/**
 * The embedded queue: messages live in this process, so a crash loses the ones not yet answered. Used
 * without Redis, and as the fallback while Redis is unreachable.
 */
export class MemoryMessageQueue implements MessageQueue {
  private readonly ready: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: MessageHandler | null = null;
  private active = 0;
  private failed = 0;
  private draining = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  async enqueue(message: IncomingMessage): Promise<void> {
    this.ready.push({ message, attempt: 1 });
    this.pump();
  }

  start(handler: MessageHandler): void {
    this.handler = handler;
    this.pump();
  }

  async drain(): Promise<void> {
    this.draining = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.ready.length + this.timers.size, active: this.active, failed: this.failed, durable: false };
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
    if (result.outcome !== 'retry') return;
    if (job.attempt >= MAX_ATTEMPTS || this.draining) {
      this.failed++;
      this.logger.error({ channel: job.message.channel, messageId: job.message.messageId }, 'giving up on a message');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push({ message: job.message, attempt: job.attempt + 1 });
      this.pump();
    }, result.afterMs);
    timer.unref();
    this.timers.add(timer);
  }
}
