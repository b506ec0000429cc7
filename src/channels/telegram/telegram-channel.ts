import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Config } from '../../config.ts';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import type { Channel, MessageIntake } from '../../ports/channel.ts';
import type { QuestionLog } from '../../state/question-log/port.ts';
import { pollingBackoffMs } from '../polling-backoff.ts';
import { botIdentityLoader } from './bot-identity.ts';
import { DEFAULT_CALL_TIMEOUT_MS, withCallDeadline } from './call-deadline.ts';
import { type AllowedUpdate, LongPolling } from './long-polling.ts';
import { updateReceiver } from './receive-update.ts';
import { redactToken, toChannelError } from './send-error.ts';
import { telegramDelivery } from './telegram-delivery.ts';
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
  /** Deadline of every Bot API call but the long poll (default 10 s); tests shorten it. */
  callTimeoutMs?: number;
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
/** How long Telegram holds a getUpdates call open when nothing arrives. */
const DEFAULT_POLL_TIMEOUT_SECONDS = 25;

/** A webhook URL given as a bare origin gets the route's path; any other path is kept (a proxy may rewrite it). */
export function webhookTarget(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = TELEGRAM_WEBHOOK_PATH;
  return parsed.toString();
}

/** A Bot API call whose failure is reported as a ChannelError (named, classified, token-free). */
async function callBotApi<T>(token: string, what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toChannelError(error, token, what);
  }
}

interface StartContext {
  bot: Telegraf;
  config: Readonly<TelegramConfig>;
  logger: Logger;
}

/** Webhook mode: Telegram posts updates to our route, with the secret in a header. */
async function setWebhook({ bot, config, logger }: StartContext, webhookUrl: string, me: BotIdentity): Promise<void> {
  const url = webhookTarget(webhookUrl);
  await callBotApi(config.token, 'setWebhook', () =>
    bot.telegram.setWebhook(url, {
      secret_token: config.webhookSecret!,
      allowed_updates: [...ALLOWED_UPDATES],
    }),
  );
  // Some deployments put the token in the webhook path: never log it.
  logger.info({ bot: me.username, url: redactToken(url, config.token) }, 'telegram webhook set');
}

/** Polling mode, once any webhook is deleted: our own getUpdates loop, started here. */
function startPolling(
  { bot, config, logger }: StartContext,
  receive: (update: TelegramUpdate) => Promise<void>,
  tuning: TelegramChannelOptions['polling'],
  me: BotIdentity,
): LongPolling {
  const poller = new LongPolling({
    telegram: bot.telegram,
    token: config.token,
    onUpdate: receive,
    logger,
    allowedUpdates: ALLOWED_UPDATES,
    timeoutSeconds: tuning?.timeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS,
    backoffMs: tuning?.backoffMs ?? pollingBackoffMs,
  });
  poller.start();
  logger.info({ bot: me.username }, 'telegram long polling');
  return poller;
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
  withCallDeadline(bot.telegram, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
  const context: StartContext = { bot, config, logger };
  const identity = botIdentityLoader(bot, config.token);
  const receive = updateReceiver({ flow, identity, adminIds: config.adminIds, logger, now });
  let poller: LongPolling | null = null;
  let started = false;

  return {
    name: 'telegram',
    bot,
    receive,
    deliver: telegramDelivery({ bot, token: config.token, logger, commands: { library, questionLog, now } }),

    registerRoutes(server) {
      if (!config.webhookUrl) return;
      registerWebhookRoute(server, { secret: config.webhookSecret!, receive, logger });
    },

    async start() {
      if (started) return;
      started = true;
      try {
        const me = await identity();
        if (config.webhookUrl) return await setWebhook(context, config.webhookUrl, me);
        // getUpdates does not work while a webhook is set.
        await callBotApi(config.token, 'deleteWebhook', () =>
          bot.telegram.deleteWebhook({ drop_pending_updates: false }),
        );
        poller = startPolling(context, receive, options.polling, me);
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
  };
}
