import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.ts';
import type { Audience } from '../answer/answer-writer.ts';
import type { BotMetrics } from '../observability/metrics.ts';
import { createOutageReporter, type OutageReporter } from '../observability/outage-reporter.ts';
import type { Channel, Reply } from '../ports/channel.ts';
import { ChannelError } from '../ports/channel-error.ts';
import { type ChannelName, deliveryKey, type IncomingMessage } from '../ports/incoming-message.ts';
import type { DeliveryLedger } from '../state/deliveries/port.ts';
import type { QuestionLog } from '../state/question-log/port.ts';
import { backoffMs, type HandlerResult, type MessageQueue } from '../state/queue/port.ts';
import type { RateLimiter } from '../state/rate-limits/port.ts';
import type { Assistant } from './assistant.ts';

/** Said once when a user goes over the per-minute limit; then the bot stays silent until the window passes. */
export const RATE_LIMITED_TEXT = 'Bạn đang gửi quá nhiều tin nhắn. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.';
/** Said for photos, stickers, voice, files, locations. */
export const NON_TEXT_TEXT =
  'Xin lỗi, tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi về quy hoạch, kế hoạch CNTT của tỉnh bạn quan tâm nhé.';
/** Said when answering failed unexpectedly: the user hears something rather than nothing. */
export const INTERNAL_ERROR_TEXT = 'Xin lỗi, hệ thống đang gặp sự cố khi trả lời. Bạn vui lòng hỏi lại sau ít phút.';

export interface MessageFlowDependencies {
  assistant: Assistant;
  queue: MessageQueue;
  /** Takes over while the main queue cannot store (Redis down): answers keep flowing, without durability. */
  fallbackQueue?: MessageQueue;
  ledger: DeliveryLedger;
  rateLimiter: RateLimiter;
  questionLog: QuestionLog;
  metrics: BotMetrics;
  logger: Logger;
  /** How long a claimed delivery stays claimed before another process may take it over. */
  leaseMs?: number;
  maxMessageChars: number;
  now?: () => number;
}

export interface MessageFlow {
  /** Adds a channel whose messages this flow answers. */
  register(channel: Channel): void;
  /**
   * Stores a message for answering; resolves once it is stored, which is when the platform may be told
   * "received". A delivery already answered is reported as a duplicate and not stored again.
   */
  accept(message: IncomingMessage): Promise<'queued' | 'duplicate'>;
  /** Answers at once, for request-response channels (web chat, HTTP API): same limits, same logging. */
  answerNow(message: IncomingMessage): Promise<Reply>;
  start(): void;
  /** Stops taking queued messages and waits for those in progress (SIGTERM). */
  drain(): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;
/** Replies kept for their retry in this process; a retry in another process answers afresh. */
const UNSENT_REPLIES_KEPT = 1000;

/** A Map that forgets its oldest entries past a size, so failed sends cannot grow memory without bound. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    while (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

/** Officials use Telegram and want fuller answers; citizens on Zalo and the web want the figure first. */
function audienceOf(channel: ChannelName): Audience {
  return channel === 'telegram' ? 'official' : 'citizen';
}

export function createMessageFlow(deps: MessageFlowDependencies): MessageFlow {
  const { assistant, queue, fallbackQueue, ledger, rateLimiter, questionLog, metrics, logger, maxMessageChars } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const now = deps.now ?? Date.now;
  const channels = new Map<ChannelName, Channel>();
  const unsentReplies = new BoundedMap<string, { reply: Reply; answer: Answer | null }>(UNSENT_REPLIES_KEPT);

  const outages = new Map<string, OutageReporter>();

  /** Store failures never stop an answer: the bot fails open and says so in the logs, once per outage. */
  async function tolerant<T>(what: string, fallback: T, action: () => Promise<T>): Promise<T> {
    let outage = outages.get(what);
    if (!outage) {
      outage = createOutageReporter(logger, what);
      outages.set(what, outage);
    }
    try {
      const result = await action();
      outage.succeeded();
      return result;
    } catch (error) {
      outage.failed(error);
      return fallback;
    }
  }

  function clip(message: IncomingMessage): IncomingMessage {
    return message.text.length > maxMessageChars
      ? { ...message, text: message.text.slice(0, maxMessageChars) }
      : message;
  }

  async function replyFor(message: IncomingMessage): Promise<{ reply: Reply; answer: Answer | null }> {
    if (message.kind === 'non-text') return { reply: { kind: 'notice', text: NON_TEXT_TEXT }, answer: null };
    const text = message.kind === 'start' ? '/start' : message.text;
    const answer = await assistant.ask({
      channel: message.channel,
      user: message.userId,
      text,
      audience: audienceOf(message.channel),
    });
    return { reply: { kind: 'answer', answer }, answer };
  }

  async function record(message: IncomingMessage, answer: Answer): Promise<void> {
    metrics.answers.inc({ grounded: String(answer.grounded) });
    await tolerant('question log', undefined, () =>
      questionLog.record({
        channel: message.channel,
        text: message.text,
        outcome: answer.outcome,
        grounded: answer.grounded,
        at: now(),
      }),
    );
  }

  async function handle(message: IncomingMessage, attempt: number): Promise<HandlerResult> {
    const log = logger.child({ channel: message.channel, user: message.userId, messageId: message.messageId });
    const key = deliveryKey(message);
    const channel = channels.get(message.channel);
    if (!channel) {
      log.error('no channel registered for this message; dropping it');
      return { outcome: 'drop' };
    }
    const claim = await tolerant('delivery ledger', 'acquired' as const, () => ledger.claim(key, leaseMs));
    if (claim === 'done') {
      metrics.messages.inc({ channel: message.channel, outcome: 'duplicate' });
      log.debug('already answered');
      return { outcome: 'done' };
    }
    if (claim === 'busy') {
      // Another worker holds it; if that worker died, its lease runs out and this retry takes over.
      return { outcome: 'retry', afterMs: leaseMs };
    }
    try {
      let reply: Reply;
      let answer: Answer | null = null;
      const decision =
        attempt === 1
          ? await tolerant('rate limiter', 'allowed' as const, () =>
              rateLimiter.consume(`${message.channel}:${message.userId}`),
            )
          : 'allowed';
      if (decision === 'limited') {
        metrics.messages.inc({ channel: message.channel, outcome: 'rate-limited' });
        await tolerant('delivery ledger', undefined, () => ledger.complete(key));
        return { outcome: 'done' };
      }
      const unsent = unsentReplies.get(key);
      if (unsent) {
        // A retry sends what was answered the first time: asking again would record the turn twice.
        ({ reply, answer } = unsent);
      } else if (decision === 'limited-first') {
        reply = { kind: 'notice', text: RATE_LIMITED_TEXT };
      } else {
        try {
          ({ reply, answer } = await replyFor(message));
        } catch (error) {
          log.error({ err: error }, 'answering failed');
          reply = { kind: 'notice', text: INTERNAL_ERROR_TEXT };
        }
      }
      unsentReplies.set(key, { reply, answer });
      await channel.deliver(message, reply);
      unsentReplies.delete(key);
      await tolerant('delivery ledger', undefined, () => ledger.complete(key));
      metrics.messages.inc({
        channel: message.channel,
        outcome: answer?.outcome ?? (decision === 'allowed' ? message.kind : 'rate-limited'),
      });
      metrics.answerSeconds.observe({ channel: message.channel }, (now() - message.receivedAt) / 1000);
      if (answer) await record(message, answer);
      return { outcome: 'done' };
    } catch (error) {
      await tolerant('delivery ledger', undefined, () => ledger.release(key));
      if (error instanceof ChannelError && !error.isRetryable) {
        unsentReplies.delete(key);
        metrics.messages.inc({ channel: message.channel, outcome: 'failed' });
        log.error({ err: error }, 'reply rejected by the platform; not retrying');
        return { outcome: 'drop' };
      }
      const afterMs =
        error instanceof ChannelError && error.retryAfterMs !== null ? error.retryAfterMs : backoffMs(attempt);
      log.warn({ err: error, attempt, afterMs }, 'reply not sent; will retry');
      return { outcome: 'retry', afterMs };
    }
  }

  return {
    register(channel) {
      channels.set(channel.name, channel);
    },

    async accept(raw) {
      const message = clip(raw);
      if (await tolerant('delivery ledger', false, () => ledger.isDone(deliveryKey(message)))) {
        metrics.messages.inc({ channel: message.channel, outcome: 'duplicate' });
        return 'duplicate';
      }
      try {
        await queue.enqueue(message);
      } catch (error) {
        if (!fallbackQueue) throw error;
        logger.warn({ err: error }, 'queue unavailable; answering from memory until it is back');
        await fallbackQueue.enqueue(message);
      }
      return 'queued';
    },

    async answerNow(raw) {
      const message = clip(raw);
      const decision = await tolerant('rate limiter', 'allowed' as const, () =>
        rateLimiter.consume(`${message.channel}:${message.userId}`),
      );
      if (decision !== 'allowed') {
        metrics.messages.inc({ channel: message.channel, outcome: 'rate-limited' });
        return { kind: 'notice', text: RATE_LIMITED_TEXT };
      }
      const started = now();
      const { reply, answer } = await replyFor(message);
      metrics.messages.inc({ channel: message.channel, outcome: answer?.outcome ?? message.kind });
      metrics.answerSeconds.observe({ channel: message.channel }, (now() - started) / 1000);
      if (answer) await record(message, answer);
      return reply;
    },

    start() {
      queue.start(handle);
      fallbackQueue?.start(handle);
    },

    async drain() {
      await Promise.all([queue.drain(), fallbackQueue?.drain()]);
    },
  };
}
