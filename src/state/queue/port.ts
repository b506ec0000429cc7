import type { IncomingMessage } from '../../ports/incoming-message.ts';

/** What a handler tells the queue about one message. */
export type HandlerResult = { outcome: 'done' } | { outcome: 'retry'; afterMs: number } | { outcome: 'drop' };

export type MessageHandler = (message: IncomingMessage, attempt: number) => Promise<HandlerResult>;

export interface QueueStats {
  /** Waiting to be processed (including retries not yet due). */
  waiting: number;
  /** Being processed by this process now. */
  active: number;
  /** Gave up on after the last attempt, since start. */
  failed: number;
  durable: boolean;
}

/**
 * Messages acknowledged to a platform but not yet answered. `enqueue` returns once the message is stored
 * (in Redis: durably, so another process or a restart picks it up); handlers run with bounded concurrency.
 * Delivery is at least once: the delivery ledger makes it answered once.
 */
export interface MessageQueue {
  enqueue(message: IncomingMessage): Promise<void>;
  /** Starts handing messages to the handler. Call once. */
  start(handler: MessageHandler): void;
  /** Stops taking new messages and waits for the ones in progress. */
  drain(): Promise<void>;
  stats(): Promise<QueueStats>;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

/** Retry delays: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/** When a handler throws instead of answering with a result, its message is retried after this long. */
export const HANDLER_FAILED_RETRY_MS = 1000;

export const MAX_ATTEMPTS = 6;
