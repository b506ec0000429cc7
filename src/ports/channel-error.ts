/**
 * A send that failed. `isRetryable` separates "try again later" (network, 429, 5xx) from "will never work"
 * (blocked by the user, bad request), so the message flow knows whether to retry.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly channel: string;
  readonly isRetryable: boolean;
  /** When the platform said how long to wait (Telegram's retry_after), in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    options: { channel: string; isRetryable: boolean; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.channel = options.channel;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
