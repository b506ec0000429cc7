import type { IncomingMessage } from '../../ports/incoming-message.ts';
import { isRecord } from '../../util/is-record.ts';

/** The fields of an OA webhook event the bot reads; Zalo sends more. */
export interface ZaloOaEvent {
  app_id?: string;
  event_name?: string;
  /** Milliseconds, as text (sometimes a number). */
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  /** `follow` and `unfollow` name the user here instead of in `sender`. */
  follower?: { id?: string };
  message?: { msg_id?: string; text?: string };
}

/** A user's message the bot cannot read: answered with a note that it reads text. */
export const NON_TEXT_EVENTS: ReadonlySet<string> = new Set([
  'user_send_image',
  'user_send_file',
  'user_send_sticker',
  'user_send_gif',
  'user_send_audio',
  'user_send_video',
  'user_send_location',
  'user_send_business_card',
  'user_send_link',
]);

/** Echoes of the OA's own messages, receipts and clicks: acknowledged, never answered. */
export const IGNORED_EVENTS: ReadonlySet<string> = new Set([
  'unfollow',
  'oa_send_text',
  'oa_send_image',
  'oa_send_file',
  'oa_send_sticker',
  'oa_send_gif',
  'oa_send_list',
  'user_received_message',
  'user_seen_message',
  'user_click_button',
  'user_click_link',
]);

export type MappedZaloOaEvent =
  | { action: 'accept'; message: IncomingMessage }
  | { action: 'ignore'; reason: 'not-for-answering' | 'unknown-event' | 'no-user' };

function idOf(value: unknown): string | null {
  if (!isRecord(value)) return null;
  const id = value.id;
  if (typeof id === 'string' && id !== '') return id;
  return typeof id === 'number' ? String(id) : null;
}

/** Zalo delivers an event again for up to 12 hours while the webhook does not answer 200. */
export const ZALO_OA_REDELIVERY_MS = 12 * 60 * 60 * 1000;
/** How far Zalo's clock may run ahead of ours before an event counts as forged rather than skewed. */
export const ZALO_OA_CLOCK_AHEAD_MS = 15 * 60 * 1000;

/**
 * Why a (verified) event's time is not acceptable, or null when it is: a signature never expires, so an
 * event captured once could be replayed for ever without a window. `maxAgeMs` is at most as long as the
 * delivery ledger remembers answered messages: a copy inside the window is recognised, one outside refused.
 */
export function eventTimeProblem(
  timestamp: string,
  now: number,
  maxAgeMs: number,
): 'not-a-time' | 'too-old' | 'ahead' | null {
  if (!/^\d{1,16}$/.test(timestamp)) return 'not-a-time';
  const ageMs = now - Number(timestamp);
  if (ageMs > maxAgeMs) return 'too-old';
  return ageMs < -ZALO_OA_CLOCK_AHEAD_MS ? 'ahead' : null;
}

/** The event's timestamp exactly as sent, which is also what the signature covers. */
export function eventTimestamp(event: unknown): string | null {
  if (!isRecord(event)) return null;
  const { timestamp } = event;
  if (typeof timestamp === 'string' && timestamp !== '') return timestamp;
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? String(timestamp) : null;
}

/**
 * Turns a (verified) webhook event into the message to answer, or says why there is none. The de-duplication
 * key is Zalo's `msg_id`; events without one (follow) get a key from what identifies a re-delivery: the
 * event name, the user and Zalo's timestamp.
 */
export function mapZaloOaEvent(event: unknown, receivedAt: number): MappedZaloOaEvent {
  if (!isRecord(event) || typeof event.event_name !== 'string') return { action: 'ignore', reason: 'unknown-event' };
  const name = event.event_name;
  let kind: IncomingMessage['kind'];
  if (name === 'user_send_text') kind = 'text';
  else if (name === 'follow') kind = 'start';
  else if (NON_TEXT_EVENTS.has(name)) kind = 'non-text';
  else return { action: 'ignore', reason: IGNORED_EVENTS.has(name) ? 'not-for-answering' : 'unknown-event' };

  const userId = kind === 'start' ? (idOf(event.follower) ?? idOf(event.sender)) : idOf(event.sender);
  if (!userId) return { action: 'ignore', reason: 'no-user' };
  const message = isRecord(event.message) ? event.message : {};
  const msgId = typeof message.msg_id === 'string' && message.msg_id !== '' ? message.msg_id : null;
  const text = kind === 'text' && typeof message.text === 'string' ? message.text : '';
  return {
    action: 'accept',
    message: {
      channel: 'zalo-oa',
      kind,
      messageId: msgId ?? `${name}:${userId}:${eventTimestamp(event) ?? 'no-timestamp'}`,
      userId,
      chatId: userId,
      text,
      receivedAt,
    },
  };
}
