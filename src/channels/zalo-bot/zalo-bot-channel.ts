import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Channel, MessageIntake } from '../../ports/channel.ts';
import { ChannelError } from '../../ports/channel-error.ts';
import { pollingBackoffMs } from '../polling-backoff.ts';
import { plainTextDelivery } from '../zalo/plain-text-delivery.ts';
import { ZaloHttpError } from '../zalo/zalo-http-error.ts';
import { ZaloBotApiError } from './zalo-bot-api-error.ts';
import { ZaloBotClient } from './zalo-bot-client.ts';
import { ZaloBotPoller } from './zalo-bot-poller.ts';
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

interface UpdateReceiverDependencies {
  flow: MessageIntake;
  client: Pick<ZaloBotClient, 'sendChatAction'>;
  logger: Logger;
  now: () => number;
}

/** What the webhook and the poller do with an update: map it, store it, and show "typing" for a question. */
function updateReceiver({ flow, client, logger, now }: UpdateReceiverDependencies): (update: unknown) => Promise<void> {
  return async (update) => {
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
  };
}

/** Webhook mode: the platform is told where to post updates, and with which secret. */
async function registerWebhookUrl(
  client: Pick<ZaloBotClient, 'setWebhook'>,
  config: ZaloBotChannelDependencies['config'],
  logger: Logger,
): Promise<void> {
  if (!config.webhookUrl || !config.webhookSecret)
    throw new Error('ZALO_BOT_WEBHOOK_SECRET is required with ZALO_BOT_WEBHOOK_URL');
  await client.setWebhook(config.webhookUrl, config.webhookSecret);
  logger.info({ url: config.webhookUrl }, 'Zalo Bot webhook registered');
}

/**
 * The Zalo Bot Platform channel. With a webhook URL configured it serves `POST /webhooks/zalo-bot` and
 * registers the URL at start (setWebhook); without one it long-polls getUpdates from start() to stop().
 * Replies are plain text split at 2000 characters, the source on the last part. The caller registers the
 * channel with the flow (`flow.register(channel)`).
 */
export function createZaloBotChannel(deps: ZaloBotChannelDependencies): Channel {
  const { config, flow } = deps;
  const logger = deps.logger.child({ channel: 'zalo-bot' });
  const client = new ZaloBotClient({
    apiRoot: config.apiRoot,
    token: config.token,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const receiveUpdate = updateReceiver({ flow, client, logger, now: deps.now ?? Date.now });
  const poller = config.webhookUrl
    ? null
    : new ZaloBotPoller({
        client,
        onUpdate: receiveUpdate,
        logger,
        pollTimeoutSeconds: deps.pollTimeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS,
        backoffMs: deps.pollBackoffMs ?? pollingBackoffMs,
      });

  return {
    name: 'zalo-bot',

    registerRoutes(server) {
      if (!config.webhookUrl) return;
      const ackTimeoutMs = deps.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: deps.ackTimeoutMs };
      void server.register(
        zaloBotWebhook({ secretToken: config.webhookSecret, onUpdate: receiveUpdate, logger, ...ackTimeoutMs }),
      );
    },

    async start() {
      if (poller) poller.start();
      else await registerWebhookUrl(client, config, logger);
    },

    async stop() {
      await poller?.stop();
    },

    deliver: plainTextDelivery({
      platform: 'Zalo Bot',
      maxChars: ZALO_BOT_MAX_TEXT_CHARS,
      logger,
      sendPart: (chatId, text) => client.sendMessage(chatId, text),
      toChannelError,
    }),
  };
}
