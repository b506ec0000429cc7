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
  /** Survives a restart: in Redis, or journaled to a local file. */
  durable: boolean;
  /** How old these figures are: 0 when just read, more when the store did not answer in time (last known). */
  ageMs?: number;
}

/**
 * Messages acknowledged to a platform but not yet answered. `enqueue` returns once the message is stored
 * (in Redis, or in this process with its journal file: durably, so a restart picks it up); handlers run with
 * bounded concurrency. Delivery is at least once: the delivery ledger keeps duplicates to the one case the
 * platforms leave open (a process dying between the platform accepting a reply and the ledger's record).
 */
export interface MessageQueue {
  enqueue(message: IncomingMessage): Promise<void>;
  /** Starts handing messages to the handler. Call once. */
  start(handler: MessageHandler): void;
  /**
   * Stops handing out messages and waits for the ones in progress. With `withinMs`, a queue whose messages
   * live in this process first answers what is waiting, for at most that long (SIGTERM); what is left stays
   * stored for the next start.
   */
  drain(withinMs?: number): Promise<void>;
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
