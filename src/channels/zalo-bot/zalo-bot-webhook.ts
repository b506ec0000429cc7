import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';
import {
  DEFAULT_ACK_TIMEOUT_MS,
  headerValue,
  NOT_JSON,
  parseJsonBody,
  rawBodyWebhook,
  storeBeforeAck,
} from '../zalo/zalo-webhook.ts';

export const ZALO_BOT_WEBHOOK_PATH = '/webhooks/zalo-bot';
const SECRET_HEADER = 'x-bot-api-secret-token';

/** What the webhook does with a verified update: stores it for answering, or throws when it cannot. */
export type UpdateHandler = (update: unknown) => Promise<void>;

export interface ZaloBotWebhookOptions {
  /** The `secret_token` given to setWebhook; null refuses every call. */
  secretToken: string | null;
  onUpdate: UpdateHandler;
  logger: Logger;
  ackTimeoutMs?: number;
}

/**
 * `POST /webhooks/zalo-bot`, with a lenient body parser (any content type, parsed here) for this route only.
 * 401 without the `X-Bot-Api-Secret-Token` header, 403 with a wrong one, 400 for a body that is not JSON;
 * otherwise the update is stored and acknowledged at once.
 */
export function zaloBotWebhook(options: ZaloBotWebhookOptions): FastifyPluginAsync {
  const { secretToken, onUpdate, logger } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  return rawBodyWebhook(ZALO_BOT_WEBHOOK_PATH, async (request, reply, raw) => {
    const given = headerValue(request.headers[SECRET_HEADER]);
    if (!given) {
      logger.warn({ ip: request.ip }, 'Zalo Bot webhook call without the secret token; refused');
      return reply.code(401).send({ error: 'missing secret token' });
    }
    if (!secretToken || !constantTimeEqual(given, secretToken)) {
      logger.warn({ ip: request.ip }, 'Zalo Bot webhook call with a wrong secret token; refused');
      return reply.code(403).send({ error: 'wrong secret token' });
    }
    const update = parseJsonBody(raw);
    if (update === NOT_JSON) {
      logger.warn({ ip: request.ip, bytes: raw.length }, 'Zalo Bot webhook body is not JSON; refused');
      return reply.code(400).send({ error: 'malformed JSON' });
    }
    try {
      await storeBeforeAck(ackTimeoutMs, () => onUpdate(update));
    } catch (error) {
      logger.error({ err: error }, 'could not store the Zalo Bot update; asking Zalo to deliver it again');
      return reply.code(503).send({ error: 'temporarily unavailable' });
    }
    return reply.code(200).send({ ok: true });
  });
}
