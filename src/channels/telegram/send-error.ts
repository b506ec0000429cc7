import { TelegramError } from 'telegraf';
import { ChannelError } from '../../ports/channel-error.ts';

/** Removes the bot token wherever a URL in an error message may carry it ("/bot123:abc/sendMessage"). */
export function redactToken(text: string, token: string): string {
  return text
    .split(token)
    .join('[redacted]')
    .replace(/\/bot\d+:[\w-]+/g, '/bot[redacted]');
}

/**
 * A failed Bot API call as a ChannelError: 429 waits the `retry_after` Telegram gives; 5xx and network
 * failures are retried with backoff; other API refusals (400 chat not found, 403 blocked by the user,
 * 401 bad token) will not work on a second try.
 */
export function toChannelError(error: unknown, token: string, what: string): ChannelError {
  if (error instanceof TelegramError) {
    const description = redactToken(`${error.code}: ${error.description}`, token);
    const retryAfter = error.parameters?.retry_after;
    const isRetryable = error.code === 429 || error.code >= 500;
    return new ChannelError(`${what} failed: ${description}`, {
      channel: 'telegram',
      isRetryable,
      retryAfterMs: error.code === 429 && typeof retryAfter === 'number' ? retryAfter * 1000 : null,
      // The original carries the request payload: the message text, not the token. Kept for the logs.
      cause: error,
    });
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Network failures: telegraf already redacts its URL, but the cause is rebuilt so nothing else can leak.
  return new ChannelError(`${what} failed: ${redactToken(message, token)}`, {
    channel: 'telegram',
    isRetryable: true,
    cause: new Error(redactToken(message, token)),
  });
}
