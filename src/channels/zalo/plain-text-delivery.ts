import type { Logger } from 'pino';
import type { Channel } from '../../ports/channel.ts';
import type { ChannelError } from '../../ports/channel-error.ts';
import { deliveryKey } from '../../ports/incoming-message.ts';
import { plainReplyText } from '../plain-text/plain-text.ts';
import { SentParts } from '../plain-text/sent-parts.ts';
import { splitMessage } from '../plain-text/split-message.ts';

export interface PlainTextDeliveryOptions {
  /** How the log names the platform: "Zalo OA", "Zalo Bot". */
  platform: string;
  /** Longest text of one platform message. */
  maxChars: number;
  /** The channel's logger; each delivery logs through a child bound to the user and message. */
  logger: Logger;
  /** Sends one part to the chat; throws when it could not. */
  sendPart: (chatId: string, text: string, log: Logger) => Promise<void>;
  /** A failed send as the flow's ChannelError, retryable or not as the platform's error says. */
  toChannelError: (error: unknown) => ChannelError;
}

/**
 * `deliver` for a platform that shows plain text (both Zalo channels): the reply without markup, split at
 * the platform's limit with the source on the last part, the parts sent in order. A part already sent is
 * not sent again when the flow retries the delivery.
 */
export function plainTextDelivery(options: PlainTextDeliveryOptions): Channel['deliver'] {
  const { platform, maxChars, logger, sendPart, toChannelError } = options;
  const sentParts = new SentParts();
  return async (message, reply) => {
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    const parts = splitMessage(plainReplyText(reply), maxChars);
    if (parts.length === 0) {
      log.warn('empty reply; nothing sent');
      return;
    }
    try {
      await sentParts.send(deliveryKey(message), parts, (part) => sendPart(message.chatId, part, log));
    } catch (error) {
      throw toChannelError(error);
    }
    log.debug({ parts: parts.length }, `${platform} reply sent`);
  };
}
