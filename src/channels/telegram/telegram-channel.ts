import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Config } from '../../config.ts';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import type { Channel, MessageIntake, Reply } from '../../ports/channel.ts';
import { deliveryKey, type IncomingMessage } from '../../ports/incoming-message.ts';
import { type QuestionLog, vietnamDay } from '../../state/question-log/port.ts';
import {
  RELOAD_FAILED_TEXT,
  reloadText,
  STATS_FAILED_TEXT,
  statsText,
  UNKNOWN_COMMAND_TEXT,
  withGreeting,
} from './command-replies.ts';
import { formatHtmlParts, formatReply } from './format-reply.ts';
import { type AllowedUpdate, LongPolling, pollingBackoffMs } from './long-polling.ts';
import { type MappedUpdate, mapUpdate } from './map-update.ts';
import { PendingSends } from './pending-sends.ts';
import { redactToken, toChannelError } from './send-error.ts';
import type { BotIdentity, TelegramUpdate } from './telegram-update.ts';
import { type AnyFastifyInstance, registerWebhookRoute, TELEGRAM_WEBHOOK_PATH } from './webhook-route.ts';

export type TelegramConfig = NonNullable<Config['telegram']>;

export interface TelegramChannelOptions {
  config: Readonly<TelegramConfig>;
  /** Where mapped updates go; the flow later calls this channel's `deliver` with the reply. */
  flow: MessageIntake;
  /** For /reload (re-read the folder) and /stats (documents loaded). */
  library: Pick<KnowledgeLibrary, 'current' | 'reload'>;
  /** For /stats (questions and unanswered today). */
  questionLog: Pick<QuestionLog, 'stats'>;
  logger: Logger;
  now?: () => number;
  /** Long-polling tuning; tests shorten it. */
  polling?: { timeoutSeconds?: number; backoffMs?: (failures: number) => number };
}

export interface TelegramChannel extends Channel {
  readonly name: 'telegram';
  /** telegraf's client, pointed at config.apiRoot. */
  readonly bot: Telegraf;
  registerRoutes(server: AnyFastifyInstance): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Maps and stores one update, as the webhook route and the poller do. Resolves once stored (or ignored). */
  receive(update: TelegramUpdate): Promise<void>;
}

/** Edited messages, channel posts, callbacks…: Telegram need not send what the bot ignores anyway. */
const ALLOWED_UPDATES: readonly AllowedUpdate[] = ['message'];
const DEFAULT_POLL_TIMEOUT_SECONDS = 25;

/** A webhook URL given as a bare origin gets the route's path; any other path is kept (a proxy may rewrite it). */
export function webhookTarget(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = TELEGRAM_WEBHOOK_PATH;
  return parsed.toString();
}

/**
 * The Telegram channel: updates in (webhook route or our own long polling) → IncomingMessage → message flow;
 * replies out in HTML parse mode, split at 4096 characters, with failures classified for the flow's retries.
 */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { config, flow, library, questionLog } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ channel: 'telegram' });
  if (config.webhookUrl && !config.webhookSecret) {
    throw new Error('the Telegram webhook needs a secret token (TELEGRAM_WEBHOOK_SECRET)');
  }
  const bot = new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot } });
  const pending = new PendingSends();
  let identity: Promise<BotIdentity> | null = null;
  let poller: LongPolling | null = null;
  let started = false;

  /** getMe once, shared; a failure is forgotten so the next update tries again. */
  function botIdentity(): Promise<BotIdentity> {
    identity ??= bot.telegram.getMe().then(
      (me) => {
        bot.botInfo = me;
        return { id: me.id, username: me.username };
      },
      (error: unknown) => {
        identity = null;
        throw toChannelError(error, config.token, 'getMe');
      },
    );
    return identity;
  }

  function map(update: TelegramUpdate, me: BotIdentity): MappedUpdate {
    try {
      return mapUpdate(update, { bot: me, adminIds: config.adminIds, receivedAt: now() });
    } catch (error) {
      // A bug on one odd update must not make Telegram (or the poller) send it again forever.
      logger.error({ err: error, messageId: String(update.update_id) }, 'could not map a telegram update; skipping it');
      return { kind: 'ignored', reason: 'mapping failed' };
    }
  }

  async function receive(update: TelegramUpdate): Promise<void> {
    const mapped = map(update, await botIdentity());
    if (mapped.kind === 'ignored') {
      logger.debug({ messageId: String(update.update_id), reason: mapped.reason }, 'telegram update ignored');
      return;
    }
    const { message } = mapped;
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    const result = await flow.accept(message);
    log.debug({ kind: message.kind, result }, 'telegram update accepted');
  }

  async function directReply(command: string, log: Logger): Promise<string> {
    if (command === 'stats') {
      try {
        const stats = await questionLog.stats(vietnamDay(now()));
        return statsText(stats, library.current().documents.length);
      } catch (error) {
        log.error({ err: error }, '/stats failed');
        return STATS_FAILED_TEXT;
      }
    }
    if (command === 'reload') {
      try {
        const { documents, reports } = await library.reload();
        log.info({ documents }, 'knowledge reloaded from telegram /reload');
        return reloadText(documents, reports);
      } catch (error) {
        log.error({ err: error }, '/reload failed');
        return RELOAD_FAILED_TEXT;
      }
    }
    return UNKNOWN_COMMAND_TEXT;
  }

  async function partsFor(message: IncomingMessage, reply: Reply, log: Logger): Promise<string[]> {
    // A notice (rate limit, internal error) wins over a command's own reply: the flow chose not to answer.
    if (reply.kind === 'answer') {
      const command = message.replyContext?.command;
      if (typeof command === 'string') return formatHtmlParts(await directReply(command, log));
      if (message.kind === 'start') {
        return formatReply({ kind: 'answer', answer: { ...reply.answer, answer: withGreeting(reply.answer.answer) } });
      }
    }
    return formatReply(reply);
  }

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

  /** A Bot API call whose failure is reported as a ChannelError (named, classified, token-free). */
  async function call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toChannelError(error, config.token, what);
    }
  }

  async function showTyping(message: IncomingMessage, log: Logger): Promise<void> {
    const threadId = message.replyContext?.threadId;
    try {
      await bot.telegram.sendChatAction(
        message.chatId,
        'typing',
        typeof threadId === 'number' ? { message_thread_id: threadId } : {},
      );
    } catch (error) {
      log.debug({ err: toChannelError(error, config.token, 'sendChatAction') }, 'typing indicator not shown');
    }
  }

  return {
    name: 'telegram',
    bot,
    receive,

    registerRoutes(server) {
      if (!config.webhookUrl) return;
      registerWebhookRoute(server, { secret: config.webhookSecret!, receive, logger });
    },

    async start() {
      if (started) return;
      started = true;
      try {
        const me = await botIdentity();
        if (config.webhookUrl) {
          const url = webhookTarget(config.webhookUrl);
          await call('setWebhook', () =>
            bot.telegram.setWebhook(url, {
              secret_token: config.webhookSecret!,
              allowed_updates: [...ALLOWED_UPDATES],
            }),
          );
          // Some deployments put the token in the webhook path: never log it.
          logger.info({ bot: me.username, url: redactToken(url, config.token) }, 'telegram webhook set');
          return;
        }
        // getUpdates does not work while a webhook is set.
        await call('deleteWebhook', () => bot.telegram.deleteWebhook({ drop_pending_updates: false }));
        poller = new LongPolling({
          telegram: bot.telegram,
          token: config.token,
          onUpdate: receive,
          logger,
          allowedUpdates: ALLOWED_UPDATES,
          timeoutSeconds: options.polling?.timeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS,
          backoffMs: options.polling?.backoffMs ?? pollingBackoffMs,
        });
        poller.start();
        logger.info({ bot: me.username }, 'telegram long polling');
      } catch (error) {
        started = false;
        throw error;
      }
    },

    async stop() {
      await poller?.stop();
      poller = null;
      started = false;
    },

    async deliver(message, reply) {
      const log = logger.child({ user: message.userId, messageId: message.messageId });
      const key = deliveryKey(message);
      const resumed = pending.get(key);
      const state = resumed ?? pending.begin(key, await partsFor(message, reply, log));
      if (state.sent === 0) await showTyping(message, log);
      const extra = sendOptions(message);
      while (state.sent < state.parts.length) {
        try {
          await bot.telegram.sendMessage(message.chatId, state.parts[state.sent]!, extra);
        } catch (error) {
          const failure = toChannelError(
            error,
            config.token,
            `sendMessage (part ${state.sent + 1} of ${state.parts.length})`,
          );
          if (!failure.isRetryable) pending.finish(key);
          throw failure;
        }
        state.sent++;
      }
      pending.finish(key);
      if (state.parts.length > 1 || resumed)
        log.debug({ parts: state.parts.length, resumed: Boolean(resumed) }, 'telegram reply sent');
    },
  };
}
