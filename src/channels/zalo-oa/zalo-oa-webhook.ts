import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { MessageIntake } from '../../ports/channel.ts';
import {
  DEFAULT_ACK_TIMEOUT_MS,
  headerValue,
  NOT_JSON,
  parseJsonBody,
  rawBodyWebhook,
  storeBeforeAck,
} from '../zalo/zalo-webhook.ts';
import { eventTimeProblem, eventTimestamp, mapZaloOaEvent, ZALO_OA_REDELIVERY_MS } from './zalo-oa-event.ts';
import { verifyZaloOaSignature } from './zalo-oa-signature.ts';

export const ZALO_OA_WEBHOOK_PATH = '/webhooks/zalo';
const SIGNATURE_HEADER = 'x-zevent-signature';

export interface ZaloOaWebhookOptions {
  appId: string;
  oaSecretKey: string;
  flow: MessageIntake;
  logger: Logger;
  now: () => number;
  ackTimeoutMs?: number;
  /** Oldest event accepted (default: Zalo's 12 hours of redelivery); never longer than the ledger remembers. */
  maxEventAgeMs?: number;
}

/**
 * `POST /webhooks/zalo`, reading the raw bytes: the signature covers the exact bytes Zalo sent. Order of
 * checks: a request without a signature is refused before anything is read; the JSON is parsed (400 when
 * malformed) because the signed timestamp is inside it; then the signature (401); then the signed time (401
 * when older than Zalo redelivers or ahead of our clock: a replay); then the event is stored for answering
 * and Zalo gets its 200 at once. Answering happens later, in the message flow's queue.
 */
export function zaloOaWebhook(options: ZaloOaWebhookOptions): FastifyPluginAsync {
  const { appId, oaSecretKey, flow, logger, now } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const maxEventAgeMs = options.maxEventAgeMs ?? ZALO_OA_REDELIVERY_MS;

  return rawBodyWebhook(ZALO_OA_WEBHOOK_PATH, async (request, reply, rawBody) => {
    const signature = headerValue(request.headers[SIGNATURE_HEADER]);
    if (!signature) {
      logger.warn({ ip: request.ip }, 'Zalo OA webhook call without a signature; refused');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    const event = parseJsonBody(rawBody);
    if (event === NOT_JSON) {
      logger.warn({ ip: request.ip, bytes: rawBody.length }, 'Zalo OA webhook body is not JSON; refused');
      return reply.code(400).send({ error: 'malformed JSON' });
    }
    const timestamp = eventTimestamp(event);
    if (!timestamp || !verifyZaloOaSignature(signature, { appId, rawBody, timestamp, oaSecretKey })) {
      logger.warn({ ip: request.ip }, 'Zalo OA webhook call with a wrong signature; refused');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    const timeProblem = eventTimeProblem(timestamp, now(), maxEventAgeMs);
    if (timeProblem) {
      logger.warn(
        { ip: request.ip, timestamp, problem: timeProblem },
        'Zalo OA webhook event signed outside the accepted time window (a replay, or a wrong clock here); refused',
      );
      return reply.code(401).send({ error: 'event time outside the accepted window' });
    }

    const mapped = mapZaloOaEvent(event, now());
    if (mapped.action === 'ignore') {
      const eventName = (event as { event_name?: unknown }).event_name;
      logger.debug({ event: eventName, reason: mapped.reason }, 'Zalo OA event acknowledged, not answered');
      return reply.code(200).send({});
    }
    const { message } = mapped;
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    try {
      const outcome = await storeBeforeAck(ackTimeoutMs, () => flow.accept(message));
      log.debug({ kind: message.kind, outcome }, 'Zalo OA message accepted');
    } catch (error) {
      // Not acknowledged, so Zalo delivers it again; the delivery ledger answers it once either way.
      log.error({ err: error }, 'could not store the Zalo OA message; asking Zalo to deliver it again');
      return reply.code(503).send({ error: 'temporarily unavailable' });
    }
    return reply.code(200).send({});
  });
}
