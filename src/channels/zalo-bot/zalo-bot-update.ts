import type { IncomingMessage } from '../../ports/incoming-message.ts';
import { isRecord } from '../../util/is-record.ts';

/** The fields of a Bot Platform update the bot reads. There is no update id: messages carry the key. */
export interface ZaloBotUpdate {
  event_name?: string;
  message?: {
    message_id?: string;
    from?: { id?: string; display_name?: string };
    chat?: { id?: string; chat_type?: string };
    /** Unix milliseconds. */
    date?: number;
    text?: string;
  };
}

export const TEXT_EVENT = 'message.text.received';

/** Messages the bot cannot read: answered with a note that it reads text. */
export const NON_TEXT_EVENTS: ReadonlySet<string> = new Set([
  'message.image.received',
  'message.sticker.received',
  'message.voice.received',
  'message.unsupported.received',
]);

export type MappedZaloBotUpdate =
  | { action: 'accept'; message: IncomingMessage }
  | { action: 'ignore'; reason: 'unknown-event' | 'no-user' };

function stringId(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}

/** Webhook bodies come flat or wrapped as `{ ok, result }`; getUpdates results are flat. */
export function unwrapUpdate(body: unknown): unknown {
  return isRecord(body) && 'result' in body && isRecord(body.result) && !('event_name' in body) ? body.result : body;
}

/**
 * Turns an update into the message to answer. The de-duplication key is `message_id`; should one be
 * missing, the event, sender and date identify a re-delivery.
 */
export function mapZaloBotUpdate(body: unknown, receivedAt: number): MappedZaloBotUpdate {
  const update = unwrapUpdate(body);
  if (!isRecord(update) || typeof update.event_name !== 'string') return { action: 'ignore', reason: 'unknown-event' };
  const name = update.event_name;
  let kind: IncomingMessage['kind'];
  if (name === TEXT_EVENT) kind = 'text';
  else if (NON_TEXT_EVENTS.has(name)) kind = 'non-text';
  else return { action: 'ignore', reason: 'unknown-event' };

  const message = isRecord(update.message) ? update.message : {};
  const userId = stringId(isRecord(message.from) ? message.from.id : undefined);
  const chatId = stringId(isRecord(message.chat) ? message.chat.id : undefined) ?? userId;
  if (!userId || !chatId) return { action: 'ignore', reason: 'no-user' };
  const messageId = stringId(message.message_id) ?? `${name}:${userId}:${stringId(message.date) ?? 'no-date'}`;
  return {
    action: 'accept',
    message: {
      channel: 'zalo-bot',
      kind,
      messageId,
      userId,
      chatId,
      text: kind === 'text' && typeof message.text === 'string' ? message.text : '',
      receivedAt,
    },
  };
}
