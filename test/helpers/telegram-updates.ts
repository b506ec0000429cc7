/**
 * Bot API updates as Telegram sends them, with increasing update and message ids and the entities Telegram
 * would add (a command at the start, @mentions), so tests read as "a user sends this".
 */

export interface TelegramUserFixture {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export interface TelegramChatFixture {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
}

let nextUpdateId = 100_000;
let nextMessageId = 1;

export const OFFICIAL: TelegramUserFixture = { id: 111, is_bot: false, first_name: 'Lan' };
export const OTHER_OFFICIAL: TelegramUserFixture = { id: 222, is_bot: false, first_name: 'Minh' };

export function privateChat(user: TelegramUserFixture = OFFICIAL): TelegramChatFixture {
  return { id: user.id, type: 'private', first_name: user.first_name };
}

export const GROUP: TelegramChatFixture = { id: -1001234567890, type: 'supergroup', title: 'Sở TT&TT — CNTT' };

function entitiesOf(text: string): object[] {
  const entities: object[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}/g)) {
    entities.push({ type: 'mention', offset: mention.index, length: mention[0].length });
  }
  return entities;
}

export interface MessageOptions {
  from?: TelegramUserFixture;
  chat?: TelegramChatFixture;
  /** The message this one replies to. */
  replyTo?: object;
}

/** A message object (what goes inside `update.message`), with the given content fields. */
export function messageOf(content: Record<string, unknown>, options: MessageOptions = {}): Record<string, unknown> {
  const from = options.from ?? OFFICIAL;
  return {
    message_id: nextMessageId++,
    from,
    chat: options.chat ?? privateChat(from),
    date: Math.floor(Date.now() / 1000),
    ...content,
    ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
  };
}

export function update(fields: Record<string, unknown>): { update_id: number } & Record<string, unknown> {
  return { update_id: nextUpdateId++, ...fields };
}

export function textUpdate(text: string, options: MessageOptions = {}) {
  const entities = entitiesOf(text);
  return update({ message: messageOf({ text, ...(entities.length > 0 ? { entities } : {}) }, options) });
}

export function photoUpdate(options: MessageOptions & { caption?: string } = {}) {
  const photo = [{ file_id: 'AgAD-photo', file_unique_id: 'p1', width: 90, height: 90 }];
  return update({ message: messageOf({ photo, ...(options.caption ? { caption: options.caption } : {}) }, options) });
}

export function stickerUpdate(options: MessageOptions = {}) {
  const sticker = {
    file_id: 'CAAD-sticker',
    file_unique_id: 's1',
    type: 'regular',
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
  };
  return update({ message: messageOf({ sticker }, options) });
}

export function editedTextUpdate(text: string, options: MessageOptions = {}) {
  return update({ edited_message: { ...messageOf({ text }, options), edit_date: Math.floor(Date.now() / 1000) } });
}
