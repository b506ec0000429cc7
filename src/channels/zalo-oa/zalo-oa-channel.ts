import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Channel, MessageIntake } from '../../ports/channel.ts';
import { ChannelError } from '../../ports/channel-error.ts';
import type { SecretStore } from '../../state/secrets/port.ts';
import { plainTextDelivery } from '../zalo/plain-text-delivery.ts';
import { ZaloHttpError } from '../zalo/zalo-http-error.ts';
import { ZaloOaApiError } from './zalo-oa-api-error.ts';
import { ZaloOaClient } from './zalo-oa-client.ts';
import { ZALO_OA_REDELIVERY_MS } from './zalo-oa-event.ts';
import { ZaloOaTokenError } from './zalo-oa-token-error.ts';
import { ZaloOaTokenManager } from './zalo-oa-token-manager.ts';
import { zaloOaWebhook } from './zalo-oa-webhook.ts';

/** Longest text of one OA message: 2000 characters, only partly confirmed by Zalo's documentation. */
export const ZALO_OA_MAX_TEXT_CHARS = 2000;

export interface ZaloOaChannelDependencies {
  config: NonNullable<Config['zaloOa']>;
  flow: MessageIntake;
  /** Where the rotating access and refresh tokens live (Redis when several processes share them). */
  secrets: SecretStore;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long the webhook waits for the message to be stored before asking Zalo to retry (default 1500 ms). */
  ackTimeoutMs?: number;
  /**
   * How long answered messages are remembered (DEDUPE_TTL_S): events older than this, or than Zalo's 12 hours
   * of redelivery, are refused, so a replayed one is either recognised as answered or not taken at all.
   */
  dedupeTtlMs?: number;
}

function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  let isRetryable = true;
  // A token refused again right after a refresh is Zalo's hiccup or a race: later may work.
  if (error instanceof ZaloOaApiError) isRetryable = error.isRetryable || error.isTokenError;
  else if (error instanceof ZaloHttpError || error instanceof ZaloOaTokenError) isRetryable = error.isRetryable;
  return new ChannelError(`Zalo OA send failed: ${(error as Error).message}`, {
    channel: 'zalo-oa',
    isRetryable,
    cause: error,
  });
}

/**
 * The Zalo Official Account channel: the signed webhook in, consultation messages out
 * (`/v3.0/oa/message/cs`), plain text split at 2000 characters with the source on the last part.
 * The caller registers the channel with the flow (`flow.register(channel)`).
 */
export function createZaloOaChannel(deps: ZaloOaChannelDependencies): Channel {
  const { config, flow, secrets } = deps;
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ channel: 'zalo-oa' });
  const client = new ZaloOaClient({
    apiBase: config.apiBase,
    oauthBase: config.oauthBase,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const tokens = new ZaloOaTokenManager({ client, config, secrets, logger, now });

  /** One send; an access token the API refuses is refreshed once and the send tried again. */
  async function sendText(userId: string, text: string, log: Logger): Promise<void> {
    const token = await tokens.accessToken();
    try {
      await client.sendText(token, userId, text);
      return;
    } catch (error) {
      if (!(error instanceof ZaloOaApiError && error.isTokenError)) throw error;
      log.warn({ errorCode: error.errorCode }, 'Zalo OA refused the access token; refreshing it');
    }
    await client.sendText(await tokens.refresh(token), userId, text);
  }

  return {
    name: 'zalo-oa',

    registerRoutes(server) {
      void server.register(
        zaloOaWebhook({
          appId: config.appId,
          oaSecretKey: config.oaSecretKey,
          flow,
          logger,
          now,
          ...(deps.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: deps.ackTimeoutMs }),
          maxEventAgeMs: Math.min(ZALO_OA_REDELIVERY_MS, deps.dedupeTtlMs ?? ZALO_OA_REDELIVERY_MS),
        }),
      );
    },

    deliver: plainTextDelivery({
      platform: 'Zalo OA',
      maxChars: ZALO_OA_MAX_TEXT_CHARS,
      logger,
      sendPart: sendText,
      toChannelError,
    }),
  };
}
