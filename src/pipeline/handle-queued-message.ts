import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BotMetrics } from '../observability/metrics.ts';
import type { Channel } from '../ports/channel.ts';
import { ChannelError } from '../ports/channel-error.ts';
import { type ChannelName, deliveryKey, type IncomingMessage } from '../ports/incoming-message.ts';
import type { DeliveryLedger } from '../state/deliveries/port.ts';
import { backoffMs, type HandlerResult, type MessageHandler } from '../state/queue/port.ts';
import type { RateDecision, RateLimiter } from '../state/rate-limits/port.ts';
import type { MessageAnswering, PreparedReply } from './answer-message.ts';
import { BoundedMap } from './bounded-map.ts';
import type { FailOpen } from './fail-open.ts';
import { INTERNAL_ERROR_TEXT, RATE_LIMITED_TEXT } from './notices.ts';

/** Replies kept for their retry in this process; a retry in another process answers afresh. */
const UNSENT_REPLIES_KEPT = 1000;

export interface QueuedMessageDependencies {
  /** The registered channels; read on every message, so a channel registered after start is found. */
  channels: ReadonlyMap<ChannelName, Channel>;
  ledger: DeliveryLedger;
  rateLimiter: RateLimiter;
  answering: MessageAnswering;
  metrics: BotMetrics;
  logger: Logger;
  failOpen: FailOpen;
  /** How long a claimed delivery stays claimed before another process may take it over. */
  leaseMs: number;
  now: () => number;
}

/** One queued message on one attempt, with what every step needs. */
interface Delivery {
  message: IncomingMessage;
  attempt: number;
  key: string;
  /** This attempt, in the delivery ledger: a claim that ran out and was taken by another is no longer ours. */
  owner: string;
  channel: Channel;
  log: Logger;
}

/**
 * Answers queued messages in steps: claim → rate-limit → answer → mark sending → deliver → complete. A failed
 * send gives the claim back and asks the queue to retry, unless the platform refused the reply for good. The
 * "sending" mark checks the claim is still this attempt's right before the platform call, so an attempt
 * that outlived its lease never sends beside the one that took over.
 */
export function createQueuedMessageHandler(deps: QueuedMessageDependencies): MessageHandler {
  const handler = new QueuedMessageHandler(deps);
  return (message, attempt) => handler.handle(message, attempt);
}

class QueuedMessageHandler {
  private readonly unsentReplies = new BoundedMap<string, PreparedReply>(UNSENT_REPLIES_KEPT);

  constructor(private readonly deps: QueuedMessageDependencies) {}

  /** Every step after the claim runs inside the try: whatever fails there, the claim is given back. */
  async handle(message: IncomingMessage, attempt: number): Promise<HandlerResult> {
    const log = this.deps.logger.child({
      channel: message.channel,
      user: message.userId,
      messageId: message.messageId,
    });
    const channel = this.deps.channels.get(message.channel);
    if (!channel) {
      log.error('no channel registered for this message; dropping it');
      return { outcome: 'drop' };
    }
    const delivery: Delivery = { message, attempt, key: deliveryKey(message), owner: randomUUID(), channel, log };
    const claimed = await this.claim(delivery);
    if (claimed) return claimed;
    try {
      const decision = await this.rateLimit(delivery);
      if (decision === 'limited') return await this.stayQuiet(delivery);
      const prepared = await this.answer(delivery, decision);
      if (!(await this.beginSending(delivery))) return { outcome: 'done' };
      await this.deliver(delivery, prepared);
      await this.complete(delivery, prepared, decision);
      return { outcome: 'done' };
    } catch (error) {
      return this.failed(delivery, error);
    }
  }

  /** Null when this worker now holds the delivery; otherwise what to tell the queue. */
  private async claim({ message, key, owner, log }: Delivery): Promise<HandlerResult | null> {
    const { failOpen, ledger, leaseMs, metrics } = this.deps;
    const claimed = await failOpen('delivery ledger', 'acquired' as const, () => ledger.claim(key, leaseMs, owner));
    if (claimed === 'done') {
      metrics.messages.inc({ channel: message.channel, outcome: 'duplicate' });
      log.debug('already answered');
      return { outcome: 'done' };
    }
    if (claimed === 'busy') {
      // Another worker holds it; if that worker died, its lease runs out and this retry takes over.
      return { outcome: 'retry', afterMs: leaseMs };
    }
    return null;
  }

  /** Only the first attempt counts against the user's limit: a retry is the same message again. */
  private async rateLimit({ message, attempt }: Delivery): Promise<RateDecision> {
    if (attempt !== 1) return 'allowed';
    const { failOpen, rateLimiter } = this.deps;
    return failOpen('rate limiter', 'allowed' as const, () =>
      rateLimiter.consume(`${message.channel}:${message.userId}`),
    );
  }

  /** Over the limit and told so already: the delivery is settled without a word. */
  private async stayQuiet({ message, key }: Delivery): Promise<HandlerResult> {
    const { failOpen, ledger, metrics } = this.deps;
    metrics.messages.inc({ channel: message.channel, outcome: 'rate-limited' });
    await failOpen('delivery ledger', undefined, () => ledger.complete(key));
    return { outcome: 'done' };
  }

  /** Never rejects: when answering fails the user gets an apology instead. */
  private async answer({ message, key, log }: Delivery, decision: RateDecision): Promise<PreparedReply> {
    // A retry sends what was answered the first time: asking again would record the turn twice.
    const unsent = this.unsentReplies.get(key);
    if (unsent) return unsent;
    if (decision === 'limited-first') return { reply: { kind: 'notice', text: RATE_LIMITED_TEXT }, answer: null };
    try {
      return await this.deps.answering.replyFor(message);
    } catch (error) {
      log.error({ err: error }, 'answering failed');
      return { reply: { kind: 'notice', text: INTERNAL_ERROR_TEXT }, answer: null };
    }
  }

  /**
   * False when this attempt's claim ran out and another attempt took the delivery: that one answers it. With
   * the ledger unreachable the reply is sent (at least once rather than never).
   */
  private async beginSending({ key, owner, log }: Delivery): Promise<boolean> {
    const { failOpen, ledger, leaseMs } = this.deps;
    const ours = await failOpen('delivery ledger', true, () => ledger.beginSending(key, owner, leaseMs));
    if (!ours) log.warn('the claim ran out while answering and another attempt took over; not sending');
    return ours;
  }

  /** Keeps the reply until the platform has taken it, so a retry sends the same one. */
  private async deliver({ message, key, channel }: Delivery, prepared: PreparedReply): Promise<void> {
    this.unsentReplies.set(key, prepared);
    await channel.deliver(message, prepared.reply);
    this.unsentReplies.delete(key);
  }

  private async complete({ message, key }: Delivery, { answer }: PreparedReply, decision: RateDecision): Promise<void> {
    const { failOpen, ledger, metrics, answering, now } = this.deps;
    await failOpen('delivery ledger', undefined, () => ledger.complete(key));
    metrics.messages.inc({
      channel: message.channel,
      outcome: answer?.outcome ?? (decision === 'allowed' ? message.kind : 'rate-limited'),
    });
    metrics.answerSeconds.observe({ channel: message.channel }, (now() - message.receivedAt) / 1000);
    if (answer) await answering.record(message, answer);
  }

  /** Gives the claim back so a retry may take it at once; a reply the platform refused for good is dropped. */
  private async failed({ message, attempt, key, owner, log }: Delivery, error: unknown): Promise<HandlerResult> {
    const { failOpen, ledger, metrics } = this.deps;
    await failOpen('delivery ledger', undefined, () => ledger.release(key, owner));
    if (error instanceof ChannelError && !error.isRetryable) {
      this.unsentReplies.delete(key);
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
