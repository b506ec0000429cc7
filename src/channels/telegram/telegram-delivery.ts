import type { Logger } from 'pino';
import type { Telegraf } from 'telegraf';
import { type Channel, type Reply, replyText } from '../../ports/channel.ts';
import { deliveryKey, type IncomingMessage } from '../../ports/incoming-message.ts';
import { withGreeting } from './command-replies.ts';
import { type DirectCommandDependencies, directCommandReply } from './direct-commands.ts';
import { formatHtmlParts, formatReply } from './format-reply.ts';
import { type Pending, PendingSends } from './pending-sends.ts';
import { toChannelError } from './send-error.ts';

export interface TelegramDeliveryOptions {
  bot: Telegraf;
  /** Only to keep it out of error messages. */
  token: string;
  logger: Logger;
  /** What /stats and /reload read. */
  commands: DirectCommandDependencies;
}

/** The HTML messages for a reply: a direct command's own text, /start's greeting, or the reply as formatted. */
async function replyParts(
  message: IncomingMessage,
  reply: Reply,
  commands: DirectCommandDependencies,
  log: Logger,
): Promise<string[]> {
  // A notice (rate limit, internal error) wins over a command's own reply: the flow chose not to answer.
  if (reply.kind === 'answer') {
    const command = message.replyContext?.command;
    if (typeof command === 'string') return formatHtmlParts(await directCommandReply(command, commands, log));
    if (message.kind === 'start') {
      return formatReply({ kind: 'answer', answer: { ...reply.answer, answer: withGreeting(replyText(reply)) } });
    }
  }
  return formatReply(reply);
}

/** HTML, no link previews, and in a group a reply to the question (in its topic, if any). */
function sendOptions(message: IncomingMessage) {
  const context = message.replyContext ?? {};
  return {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(typeof context.replyTo === 'number'
      ? { reply_parameters: { message_id: context.replyTo, allow_sending_without_reply: true } }
      : {}),
    ...(typeof context.threadId === 'number' ? { message_thread_id: context.threadId } : {}),
  };
}

/** "typing…" while the first part goes out; nothing depends on it, so a failure is only logged. */
async function showTyping(bot: Telegraf, token: string, message: IncomingMessage, log: Logger): Promise<void> {
  const threadId = message.replyContext?.threadId;
  try {
    await bot.telegram.sendChatAction(
      message.chatId,
      'typing',
      typeof threadId === 'number' ? { message_thread_id: threadId } : {},
    );
  } catch (error) {
    log.debug({ err: toChannelError(error, token, 'sendChatAction') }, 'typing indicator not shown');
  }
}

/**
 * Sends the parts not sent yet, counting each as it goes. A failure is thrown as a ChannelError; one that
 * will not pass on retry calls `forget` first, so the parts are not kept for a retry that never comes.
 */
async function sendRemaining(
  { bot, token }: Pick<TelegramDeliveryOptions, 'bot' | 'token'>,
  message: IncomingMessage,
  state: Pending,
  forget: () => void,
): Promise<void> {
  const extra = sendOptions(message);
  while (state.sent < state.parts.length) {
    try {
      await bot.telegram.sendMessage(message.chatId, state.parts[state.sent]!, extra);
    } catch (error) {
      const failure = toChannelError(error, token, `sendMessage (part ${state.sent + 1} of ${state.parts.length})`);
      if (!failure.isRetryable) forget();
      throw failure;
    }
    state.sent++;
  }
}

/**
 * `deliver` for Telegram: the reply in HTML parse mode, split at 4096 characters. The parts of a delivery
 * are formatted once and kept until all are sent, so a retry after a 429 sends only the rest; a failure
 * that will not pass on retry forgets them.
 */
export function telegramDelivery({ bot, token, logger, commands }: TelegramDeliveryOptions): Channel['deliver'] {
  const pending = new PendingSends();
  return async (message, reply) => {
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    const key = deliveryKey(message);
    const resumed = pending.get(key);
    const state = resumed ?? pending.begin(key, await replyParts(message, reply, commands, log));
    if (state.sent === 0) await showTyping(bot, token, message, log);
    await sendRemaining({ bot, token }, message, state, () => pending.finish(key));
    pending.finish(key);
    if (state.parts.length > 1 || resumed)
      log.debug({ parts: state.parts.length, resumed: Boolean(resumed) }, 'telegram reply sent');
  };
}
