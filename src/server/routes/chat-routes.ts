import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotMetrics } from '../../observability/metrics.ts';
import { createFailOpen } from '../../pipeline/fail-open.ts';
import { type MessageFlow, RATE_LIMITED_TEXT } from '../../pipeline/message-flow.ts';
import { RATE_WINDOW_MS, type RateLimiter } from '../../state/rate-limits/port.ts';
import { ApiKeys } from '../chat/api-keys.ts';
import { clientAddressKey } from '../chat/client-address.ts';
import { answeringFor } from '../chat/question-source.ts';
import { newSessionId, sessionCookie, sessionIdFrom } from '../chat/session-cookie.ts';
import { chatPage } from '../web/chat-page.ts';

const USER_ERROR = 'field "user" must be a non-empty string';
const text = z
  .string({ error: 'field "text" must be a string' })
  .max(4000, 'field "text" is too long (at most 4000 characters)');
/** A session's request: any `user` it sends is ignored, the cookie says who it is. */
const sessionRequest = z.object({ text });
/** An integrator's request: the key vouches for the caller, who names its own users. */
const keyedRequest = z.object({
  user: z.string({ error: USER_ERROR }).trim().min(1, USER_ERROR).max(128, 'field "user" is too long'),
  text,
});

/** Who may ask on the web, and how often. */
export interface WebChatAccess {
  /** CHAT_API_KEYS: integrators holding one name their own users, each key in its own namespace. */
  apiKeys: readonly string[];
  /** Questions per client address a minute (RATE_LIMIT_PER_ADDRESS_PER_MINUTE), for requests without a key. */
  addressLimiter: RateLimiter;
  /** How long the browser keeps its session: as long as the conversation store keeps the conversation. */
  sessionMaxAgeS: number;
}

export interface ChatRouteOptions {
  flow: Pick<MessageFlow, 'answerNow'>;
  access: WebChatAccess;
  metrics: Pick<BotMetrics, 'messages'>;
  logger: Logger;
  /** PUBLIC_URL: when it is https, the cookie is Secure even if the proxy talks plain http to us. */
  publicUrl: string | null;
}

/** Who a request speaks for: the conversation key, what the reply names, and where its questions count. */
interface Asker {
  userId: string;
  /** The integrator's own name for its user, echoed back; a session is not named in the reply. */
  user: string | null;
  /** For the unanswered list's per-source cap; integrators are trusted with theirs. */
  source: string | null;
  setCookie: string | null;
}

function secondsLeftInWindow(now: number): number {
  return Math.ceil((RATE_WINDOW_MS - (now % RATE_WINDOW_MS)) / 1000);
}

function tooMany(reply: FastifyReply, user: string | null) {
  return reply
    .status(429)
    .header('retry-after', String(secondsLeftInWindow(Date.now())))
    .send({ ...(user ? { user } : {}), answer: RATE_LIMITED_TEXT, grounded: false, citations: [] });
}

function badRequest(reply: FastifyReply, error: z.ZodError) {
  return reply.status(400).send({ error: error.issues.map((issue) => issue.message).join('; ') });
}

/** The cookie's session (a new one when it has none), answered as `session:{id}` and counted per address. */
function sessionAsker(request: FastifyRequest, address: string, options: ChatRouteOptions): Asker {
  const id = sessionIdFrom(request.headers.cookie) ?? newSessionId();
  const secure = request.protocol === 'https' || Boolean(options.publicUrl?.startsWith('https:'));
  return {
    userId: `session:${id}`,
    user: null,
    source: `address:${address}`,
    // Sent with every answer, so the session lasts as long after the last question as the conversation does.
    setCookie: sessionCookie(id, { maxAgeS: options.access.sessionMaxAgeS, secure }),
  };
}

/**
 * `GET /`: the web chat page. `POST /v1/chat` `{"text"}` → `{"answer","grounded","citations"}`, the
 * conversation taken from the session cookie (issued on the first question); with `Authorization: Bearer
 * <key>` `{"user","text"}` → `{"user","answer","grounded","citations"}`, the CLI's `--jsonl` shape.
 * Requests without a key are limited per client address as well as per session.
 */
export function registerChatRoutes(server: FastifyInstance, options: ChatRouteOptions): void {
  const { flow, access, metrics } = options;
  const keys = new ApiKeys(access.apiKeys);
  const failOpen = createFailOpen(options.logger);

  server.get('/', async (_, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(chatPage()),
  );

  server.post('/v1/chat', async (request, reply) => {
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
      return reply.status(400).send({ error: 'expected a JSON object {"text"}' });
    }
    reply.header('cache-control', 'no-store');
    const key = keys.check(request.headers.authorization);
    const address = clientAddressKey(request.ip);
    if (key.kind !== 'key') {
      // Counted before the key is checked, so guessing keys is as slow as asking.
      const decision = await failOpen('address rate limiter', 'allowed' as const, () =>
        access.addressLimiter.consume(`web-address:${address}`),
      );
      if (decision !== 'allowed') {
        metrics.messages.inc({ channel: 'web', outcome: 'rate-limited' });
        return tooMany(reply, null);
      }
      if (key.kind === 'invalid') {
        return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'unknown API key' });
      }
    }

    let asker: Asker;
    let question: string;
    if (key.kind === 'key') {
      const parsed = keyedRequest.safeParse(request.body);
      if (!parsed.success) return badRequest(reply, parsed.error);
      const { user } = parsed.data;
      asker = { userId: `key:${key.keyId}:${user}`, user, source: null, setCookie: null };
      question = parsed.data.text;
    } else {
      const parsed = sessionRequest.safeParse(request.body);
      if (!parsed.success) return badRequest(reply, parsed.error);
      asker = sessionAsker(request, address, options);
      question = parsed.data.text;
    }
    return answer(reply, flow, asker, question);
  });
}

async function answer(reply: FastifyReply, flow: ChatRouteOptions['flow'], asker: Asker, text: string) {
  const ask = () =>
    flow.answerNow({
      channel: 'web',
      kind: 'text',
      messageId: randomUUID(),
      userId: asker.userId,
      chatId: asker.userId,
      text,
      receivedAt: Date.now(),
    });
  const result = await (asker.source ? answeringFor(asker.source, ask) : ask());
  if (asker.setCookie) reply.header('set-cookie', asker.setCookie);
  if (result.kind === 'notice') return tooMany(reply, asker.user);
  const { answer, grounded, citations } = result.answer;
  return reply.send({ ...(asker.user ? { user: asker.user } : {}), answer, grounded, citations });
}
