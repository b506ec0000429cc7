import type { IncomingMessage } from '../../ports/incoming-message.ts';
import {
  type BotIdentity,
  type TelegramMessage,
  type TelegramUpdate,
  type TelegramUser,
  telegramMessageSchema,
} from './telegram-update.ts';

/**
 * Commands the channel answers itself rather than through the assistant. They still travel through the
 * message flow, as kind 'text' with `replyContext.command` set, so they get the same de-duplication on
 * update_id, rate limit, and retried sends as any answer; `deliver` then replaces the assistant's reply
 * (to DIRECT_COMMAND_TEXT, a help request, which the question log does not count as a question).
 */
export type DirectCommand = 'reload' | 'stats' | 'unknown';
export const DIRECT_COMMAND_TEXT = '/help';

export type MappedUpdate = { kind: 'message'; message: IncomingMessage } | { kind: 'ignored'; reason: string };

export interface MapContext {
  bot: BotIdentity;
  /** Telegram user ids allowed to use /reload and /stats. */
  adminIds: readonly string[];
  receivedAt: number;
}

/** Fields that make a message something other than text: answered with a note that the bot reads text. */
const NON_TEXT_FIELDS = [
  'photo',
  'sticker',
  'voice',
  'audio',
  'video',
  'video_note',
  'animation',
  'document',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
] as const;

const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?![A-Za-z0-9_@/])\s*([\s\S]*)$/;

export interface ParsedCommand {
  /** Lower case, without the slash. */
  name: string;
  /** The bot it is addressed to ("/help@hoidap_bot"), or null. */
  bot: string | null;
  args: string;
}

export function parseCommand(text: string): ParsedCommand | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), bot: match[2] ?? null, args: match[3]!.trim() };
}

function mentionPattern(bot: BotIdentity): RegExp {
  // Usernames are [A-Za-z0-9_], so nothing in them needs escaping; "email@bot.vn" is no mention.
  return new RegExp(`(^|[^A-Za-z0-9_.])@${bot.username}(?![A-Za-z0-9_]|\\.\\w)`, 'gi');
}

function mentions(text: string, entities: TelegramMessage['entities'], bot: BotIdentity): boolean {
  if (entities?.some((entity) => entity.type === 'text_mention' && entity.user?.id === bot.id)) return true;
  return mentionPattern(bot).test(text);
}

/** "@hoidap_bot, Hà Tĩnh …" → "Hà Tĩnh …"; "Cho hỏi @hoidap_bot?" → "Cho hỏi?" */
export function stripMention(text: string, bot: BotIdentity): string {
  const pattern = new RegExp(`${mentionPattern(bot).source}[,:;]?`, 'gi');
  return text
    .replace(pattern, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([?!.,])/g, '$1')
    .trim();
}

function repliesToBot(message: TelegramMessage, bot: BotIdentity): boolean {
  return message.reply_to_message?.from?.id === bot.id;
}

function updateKind(update: TelegramUpdate): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'empty';
}

const ignored = (reason: string): MappedUpdate => ({ kind: 'ignored', reason });

type BuildMessage = (kind: IncomingMessage['kind'], text: string, extra?: Record<string, string>) => MappedUpdate;

/** A message from a person in a private chat or a group, with what every step below needs. */
interface Reading {
  message: TelegramMessage;
  sender: TelegramUser;
  group: boolean;
  context: MapContext;
  build: BuildMessage;
}

/** Builds the IncomingMessage; in a group the bot replies to the question, in its topic when it has one. */
function messageBuilder(update: TelegramUpdate, reading: Omit<Reading, 'build'>): BuildMessage {
  const { message, sender, group, context } = reading;
  const replyContext: NonNullable<IncomingMessage['replyContext']> = {};
  if (group) replyContext.replyTo = message.message_id;
  if (message.is_topic_message && message.message_thread_id !== undefined)
    replyContext.threadId = message.message_thread_id;
  return (kind, text, extra = {}) => {
    const fullContext = { ...replyContext, ...extra };
    return {
      kind: 'message',
      message: {
        channel: 'telegram',
        kind,
        messageId: String(update.update_id),
        userId: String(sender.id),
        chatId: String(message.chat.id),
        text,
        receivedAt: context.receivedAt,
        ...(Object.keys(fullContext).length > 0 ? { replyContext: fullContext } : {}),
      },
    };
  };
}

/** A photo, sticker, voice…: answered with a note that the bot reads text; in a group only when addressed. */
function mapNonText({ message, group, context, build }: Reading): MappedUpdate {
  if (!NON_TEXT_FIELDS.some((field) => field in message)) return ignored('service message');
  const caption = message.caption ?? '';
  if (group && !mentions(caption, message.caption_entities, context.bot) && !repliesToBot(message, context.bot)) {
    return ignored('group message not addressed to the bot');
  }
  return build('non-text', caption);
}

function mapCommand(command: ParsedCommand, { sender, group, context, build }: Reading): MappedUpdate {
  const { bot } = context;
  if (command.bot !== null && command.bot.toLowerCase() !== bot.username.toLowerCase()) {
    return ignored('command for another bot');
  }
  const direct = (name: DirectCommand): MappedUpdate => build('text', DIRECT_COMMAND_TEXT, { command: name });
  switch (command.name) {
    case 'start':
      return build('start', '/start');
    case 'help':
      return build('text', '/help');
    case 'nguon':
      return build('text', '/nguon');
    case 'reset':
      return build('text', 'xoá lịch sử');
    case 'hoi':
      return build('text', group ? stripMention(command.args, bot) : command.args);
    case 'reload':
    case 'stats':
      return direct(context.adminIds.includes(String(sender.id)) ? command.name : 'unknown');
    default:
      // In a group, a bare command may be meant for another bot: only one addressed to this bot is refused.
      if (group && command.bot === null) return ignored('unknown command in a group');
      return direct('unknown');
  }
}

function mapText(text: string, { message, group, context, build }: Reading): MappedUpdate {
  if (!group) return build('text', text);
  if (!mentions(text, message.entities, context.bot) && !repliesToBot(message, context.bot)) {
    return ignored('group message not addressed to the bot');
  }
  return build('text', stripMention(text, context.bot));
}

/**
 * A Bot API update as an IncomingMessage, or why it is ignored. messageId is the update_id, so an update
 * delivered twice is answered once. Group chats are answered only when the bot is mentioned, replied to,
 * or asked with /hoi (or another of its commands).
 */
export function mapUpdate(update: TelegramUpdate, context: MapContext): MappedUpdate {
  if (update.message === undefined) return ignored(`${updateKind(update)} update`);
  const parsed = telegramMessageSchema.safeParse(update.message);
  if (!parsed.success) return ignored('malformed message');
  const message = parsed.data;
  const sender = message.from;
  if (!sender) return ignored('message without a sender');
  if (sender.is_bot) return ignored('message from a bot');
  const group = message.chat.type === 'group' || message.chat.type === 'supergroup';
  if (!group && message.chat.type !== 'private') return ignored(`${message.chat.type} chat`);

  const partial = { message, sender, group, context };
  const reading: Reading = { ...partial, build: messageBuilder(update, partial) };
  if (message.text === undefined) return mapNonText(reading);
  const command = parseCommand(message.text);
  if (command) return mapCommand(command, reading);
  return mapText(message.text, reading);
}
