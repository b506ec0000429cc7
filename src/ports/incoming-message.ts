/** The channels the bot listens on. */
export type ChannelName = 'telegram' | 'zalo-oa' | 'zalo-bot' | 'web' | 'cli';

/**
 * A message from any platform, in one shape. It is what the queue stores, so it stays plain JSON.
 * - `text`: a question to answer;
 * - `non-text`: a photo, sticker, voice, file…: answered with a short note that the bot reads text;
 * - `start`: someone starts or follows the bot: answered with a greeting and example questions.
 */
export interface IncomingMessage {
  channel: ChannelName;
  kind: 'text' | 'non-text' | 'start';
  /** The platform's id for this delivery, unique within the channel: the de-duplication key. */
  messageId: string;
  /** Who asked: with the channel, the conversation key. */
  userId: string;
  /** Where the reply goes (Telegram chat id, Zalo user id). */
  chatId: string;
  text: string;
  /** Unix milliseconds. */
  receivedAt: number;
  /** What the channel needs to send the reply (e.g. the message to reply to in a group). Plain JSON. */
  replyContext?: Record<string, string | number | boolean | null>;
}

export function deliveryKey(message: Pick<IncomingMessage, 'channel' | 'messageId'>): string {
  return `${message.channel}:${message.messageId}`;
}
