import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';
import { type TelegramUpdate, telegramUpdateSchema } from './telegram-update.ts';

/**
 * A Fastify instance of any logger type: the bot's server is typed with pino's Logger, which Fastify's
 * generics do not accept where its default logger type is expected (they are invariant in it).
 */
// biome-ignore lint/suspicious/noExplicitAny: Fastify's own generic defaults differ per plugin; any server will do here.
export type AnyFastifyInstance = FastifyInstance<any, any, any, any, any>;

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The header as sent matches the secret; compared in constant time. */
function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  return typeof given === 'string' && constantTimeEqual(given, expected);
}

export interface WebhookRouteOptions {
  secret: string;
  /** Stores the update for answering; resolves once stored. */
  receive: (update: TelegramUpdate) => Promise<void>;
  logger: Logger;
}

/**
 * POST /webhooks/telegram: the secret is checked before the body is even read (403, nothing processed);
 * the body is parsed here rather than by the server's JSON parser so a bad body gets our 400 and the
 * check still comes first. 200 once the update is stored; 500 when it could not be, so Telegram retries.
 */
export function registerWebhookRoute(server: AnyFastifyInstance, options: WebhookRouteOptions): void {
  const { secret, receive, logger } = options;
  void server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      TELEGRAM_WEBHOOK_PATH,
      {
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          if (secretMatches(request.headers[SECRET_HEADER], secret)) return;
          logger.warn({ ip: request.ip }, 'telegram webhook call with a missing or wrong secret token');
          await reply.code(403).send({ error: 'forbidden' });
        },
      },
      async (request, reply) => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
        } catch {
          return reply.code(400).send({ error: 'invalid JSON body' });
        }
        const update = telegramUpdateSchema.safeParse(body);
        if (!update.success) return reply.code(400).send({ error: 'not a Telegram update: update_id is missing' });
        try {
          await receive(update.data);
        } catch (error) {
          logger.error(
            { err: error, updateId: update.data.update_id },
            'could not store a telegram update; Telegram will retry',
          );
          return reply.code(500).send({ error: 'could not store the update' });
        }
        return reply.code(200).send({ ok: true });
      },
    );
  });
}
