import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { withDeadline } from '../../util/with-deadline.ts';

export const ZALO_BOT_WEBHOOK_PATH = '/webhooks/zalo-bot';

const BODY_LIMIT_BYTES = 256 * 1024;

/** Acknowledge well within a couple of seconds, as for the OA webhook; storing must leave room for the network. */
export const DEFAULT_ACK_TIMEOUT_MS = 1500;

/** What the webhook does with a verified update: stores it for answering, or throws when it cannot. */
export type UpdateHandler = (update: unknown) => Promise<void>;

export interface ZaloBotWebhookOptions {
  /** The `secret_token` given to setWebhook; null refuses every call. */
  secretToken: string | null;
  onUpdate: UpdateHandler;
  logger: Logger;
  ackTimeoutMs?: number;
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function secretMatches(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /webhooks/zalo-bot`, in a plugin of its own so that its lenient body parser (any content type,
 * parsed here) applies to this route only. 401 without the `X-Bot-Api-Secret-Token` header, 403 with a
 * wrong one, 400 for a body that is not JSON; otherwise the update is stored and acknowledged at once.
 */
export function zaloBotWebhook(options: ZaloBotWebhookOptions): FastifyPluginAsync {
  const { secretToken, onUpdate, logger } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  return async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => {
      done(null, body);
    });

    scope.post(ZALO_BOT_WEBHOOK_PATH, async (request, reply) => {
      const header = request.headers['x-bot-api-secret-token'];
      const given = Array.isArray(header) ? header[0] : header;
      if (!given) {
        logger.warn({ ip: request.ip }, 'Zalo Bot webhook call without the secret token; refused');
        return reply.code(401).send({ error: 'missing secret token' });
      }
      if (!secretToken || !secretMatches(given, secretToken)) {
        logger.warn({ ip: request.ip }, 'Zalo Bot webhook call with a wrong secret token; refused');
        return reply.code(403).send({ error: 'wrong secret token' });
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let update: unknown;
      try {
        update = JSON.parse(raw.toString('utf8'));
      } catch {
        logger.warn({ ip: request.ip, bytes: raw.length }, 'Zalo Bot webhook body is not JSON; refused');
        return reply.code(400).send({ error: 'malformed JSON' });
      }
      try {
        await withDeadline(
          ackTimeoutMs,
          () => onUpdate(update),
          () => new Error(`not stored within ${ackTimeoutMs} ms`),
        );
      } catch (error) {
        logger.error({ err: error }, 'could not store the Zalo Bot update; asking Zalo to deliver it again');
        return reply.code(503).send({ error: 'temporarily unavailable' });
      }
      return reply.code(200).send({ ok: true });
    });
  };
}
