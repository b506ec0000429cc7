import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { withDeadline } from '../../util/with-deadline.ts';

/** Webhook bodies are small; anything much larger is not from Zalo. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Zalo wants HTTP 200 within 2 seconds, else it delivers again and may disable the webhook: storing the
 * message must finish in less, leaving room for the network.
 */
export const DEFAULT_ACK_TIMEOUT_MS = 1500;

/** Handles one webhook call; `rawBody` is the body exactly as sent (empty when there was none). */
export type RawBodyHandler = (request: FastifyRequest, reply: FastifyReply, rawBody: Buffer) => Promise<unknown>;

/**
 * `POST path` in a plugin of its own, so that its body parser (raw bytes whatever the content type, bounded
 * in size) applies to this route only: the OA signature covers the exact bytes, and a Bot Platform call
 * with an odd content type still reaches the secret check.
 */
export function rawBodyWebhook(path: string, handle: RawBodyHandler): FastifyPluginAsync {
  return async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.post(path, async (request, reply) =>
      handle(request, reply, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)),
    );
  };
}

/** A header's value; the first one when it was sent several times. */
export function headerValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** What `parseJsonBody` gives for a body that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

export function parseJsonBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

/** Runs `store`, rejecting once `ackTimeoutMs` has passed so the webhook can ask Zalo to deliver again. */
export function storeBeforeAck<T>(ackTimeoutMs: number, store: () => Promise<T>): Promise<T> {
  return withDeadline(ackTimeoutMs, store, () => new Error(`not stored within ${ackTimeoutMs} ms`));
}
