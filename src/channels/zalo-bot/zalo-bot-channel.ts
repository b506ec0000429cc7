import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Channel, MessageIntake } from '../../ports/channel.ts';
import { ChannelError } from '../../ports/channel-error.ts';
import { deliveryKey } from '../../ports/incoming-message.ts';
import { replyText } from '../plain-text/plain-text.ts';
import { SentParts } from '../plain-text/sent-parts.ts';
import { splitMessage } from '../plain-text/split-message.ts';
import { ZaloHttpError } from '../zalo/zalo-http-error.ts';
import { ZaloBotApiError } from './zalo-bot-api-error.ts';
import { ZaloBotClient } from './zalo-bot-client.ts';
import { pollBackoffMs, ZaloBotPoller } from './zalo-bot-poller.ts';
import { mapZaloBotUpdate } from './zalo-bot-update.ts';
import { zaloBotWebhook } from './zalo-bot-webhook.ts';

/** sendMessage takes 1–2000 characters. */
export const ZALO_BOT_MAX_TEXT_CHARS = 2000;

const DEFAULT_POLL_TIMEOUT_SECONDS = 30;

export interface ZaloBotChannelDependencies {
  config: NonNullable<Config['zaloBot']>;
  flow: MessageIntake;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** Long-poll timeout asked of getUpdates (default 30 s). */
  pollTimeoutSeconds?: number;
  /** Wait after the n-th polling failure in a row (default 1 s doubling to 30 s). */
  pollBackoffMs?: (failures: number) => number;
  /** How long the webhook waits for the message to be stored (default 1500 ms). */
  ackTimeoutMs?: number;
}

function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const isRetryable = error instanceof ZaloBotApiError || error instanceof ZaloHttpError ? error.isRetryable : true;
  return new ChannelError(`Zalo Bot send failed: ${(error as Error).message}`, {
    channel: 'zalo-bot',
    isRetryable,
    cause: error,
  });
}

/**
 * The Zalo Bot Platform channel. With a webhook URL configured it serves `POST /webhooks/zalo-bot` and
 * registers the URL at start (setWebhook); without one it long-polls getUpdates from start() to stop().
 * Replies are plain text split at 2000 characters, the source on the last part. The caller registers the
 * channel with the flow (`flow.register(channel)`).
 */
export function createZaloBotChannel(deps: ZaloBotChannelDependencies): Channel {
  const { config, flow } = deps;
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ channel: 'zalo-bot' });
  const client = new ZaloBotClient({
    apiRoot: config.apiRoot,
    token: config.token,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const webhookUrl = config.webhookUrl;
  const sentParts = new SentParts();

  async function take(update: unknown): Promise<void> {
    const mapped = mapZaloBotUpdate(update, now());
    if (mapped.action === 'ignore') {
      logger.debug({ reason: mapped.reason }, 'Zalo Bot update acknowledged, not answered');
      return;
    }
    const { message } = mapped;
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    const outcome = await flow.accept(message);
    log.debug({ kind: message.kind, outcome }, 'Zalo Bot message accepted');
    if (outcome === 'queued' && message.kind === 'text') {
      // Shown while the answer is prepared; nothing depends on it.
      client
        .sendChatAction(message.chatId, 'typing')
        .catch((error: unknown) => log.debug({ err: error }, 'typing indicator not shown'));
    }
  }

  const poller = webhookUrl
    ? null
    : new ZaloBotPoller({
        client,
        onUpdate: take,
        logger,
        pollTimeoutSeconds: deps.pollTimeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS,
        backoffMs: deps.pollBackoffMs ?? pollBackoffMs,
      });

  return {
    name: 'zalo-bot',

    registerRoutes(server) {
      if (!webhookUrl) return;
      void server.register(
        zaloBotWebhook({
          secretToken: config.webhookSecret,
          onUpdate: take,
          logger,
          ...(deps.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: deps.ackTimeoutMs }),
        }),
      );
    },

    async start() {
      if (poller) {
        poller.start();
        return;
      }
      if (!webhookUrl || !config.webhookSecret)
        throw new Error('ZALO_BOT_WEBHOOK_SECRET is required with ZALO_BOT_WEBHOOK_URL');
      await client.setWebhook(webhookUrl, config.webhookSecret);
      logger.info({ url: webhookUrl }, 'Zalo Bot webhook registered');
    },

    async stop() {
      await poller?.stop();
    },

    async deliver(message, reply) {
      const log = logger.child({ user: message.userId, messageId: message.messageId });
      const parts = splitMessage(replyText(reply), ZALO_BOT_MAX_TEXT_CHARS);
      if (parts.length === 0) {
        log.warn('empty reply; nothing sent');
        return;
      }
      try {
        await sentParts.send(deliveryKey(message), parts, (part) => client.sendMessage(message.chatId, part));
      } catch (error) {
        throw toChannelError(error);
      }
      log.debug({ parts: parts.length }, 'Zalo Bot reply sent');
    },
  };
}
