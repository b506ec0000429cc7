import type { Logger } from 'pino';
import type { BotMetrics } from '../observability/metrics.ts';
import { createOutageReporter, type OutageReporter } from '../observability/outage-reporter.ts';
import type { Channel, Reply } from '../ports/channel.ts';
import { type ChannelName, deliveryKey, type IncomingMessage } from '../ports/incoming-message.ts';
import type { DeliveryLedger } from '../state/deliveries/port.ts';
import type { QuestionLog } from '../state/question-log/port.ts';
import type { MessageQueue } from '../state/queue/port.ts';
import type { RateLimiter } from '../state/rate-limits/port.ts';
import { createMessageAnswering, type MessageAnswering } from './answer-message.ts';
import type { Assistant } from './assistant.ts';
import { createFailOpen, type FailOpen } from './fail-open.ts';
import { createQueuedMessageHandler } from './handle-queued-message.ts';
import { RATE_LIMITED_TEXT } from './notices.ts';

export { INTERNAL_ERROR_TEXT, NON_TEXT_TEXT, RATE_LIMITED_TEXT } from './notices.ts';

export interface MessageFlowDependencies {
  assistant: Assistant;
  queue: MessageQueue;
  /**
   * Takes over while the main queue cannot store (Redis down or hung): answers keep flowing, and the memory
   * queue's journal keeps what it accepted across a restart.
   */
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
  /**
   * Stops taking queued messages and waits for those in progress (SIGTERM). With `withinMs`, the messages
   * waiting in this process (the fallback queue while Redis is away) are answered first, for at most that long.
   */
  drain(withinMs?: number): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;

/** What accepting and answering at once need, built once per flow. */
interface FlowParts {
  queue: MessageQueue;
  fallbackQueue: MessageQueue | undefined;
  /** "Queue unavailable" is said once per outage of the main queue, not once per message. */
  queueOutage: OutageReporter;
  ledger: DeliveryLedger;
  rateLimiter: RateLimiter;
  answering: MessageAnswering;
  metrics: BotMetrics;
  logger: Logger;
  failOpen: FailOpen;
  maxMessageChars: number;
  now: () => number;
}

/**
 * Where every channel hands its messages. Queued messages are answered by the steps in
 * handle-queued-message.ts; request-response channels are answered at once. Store failures never stop an
 * answer: each store fails open, and the logs say so once per outage.
 */
export function createMessageFlow(deps: MessageFlowDependencies): MessageFlow {
  const { assistant, queue, fallbackQueue, ledger, rateLimiter, questionLog, metrics, logger, maxMessageChars } = deps;
  const now = deps.now ?? Date.now;
  const failOpen = createFailOpen(logger);
  const answering = createMessageAnswering({ assistant, questionLog, metrics, failOpen, now });
  const parts: FlowParts = {
    queue,
    fallbackQueue,
    queueOutage: createOutageReporter(logger, 'shared queue'),
    ledger,
    rateLimiter,
    answering,
    metrics,
    logger,
    failOpen,
    maxMessageChars,
    now,
  };
  const channels = new Map<ChannelName, Channel>();
  const handle = createQueuedMessageHandler({ ...parts, channels, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS });
  return {
    register(channel) {
      channels.set(channel.name, channel);
    },
    accept: (message) => accept(parts, message),
    answerNow: (message) => answerNow(parts, message),
    start() {
      queue.start(handle);
      fallbackQueue?.start(handle);
    },
    async drain(withinMs) {
      await Promise.all([queue.drain(withinMs), fallbackQueue?.drain(withinMs)]);
    },
  };
}

function clip(message: IncomingMessage, maxChars: number): IncomingMessage {
  return message.text.length > maxChars ? { ...message, text: message.text.slice(0, maxChars) } : message;
}

async function accept(parts: FlowParts, raw: IncomingMessage): Promise<'queued' | 'duplicate'> {
  const { queue, fallbackQueue, queueOutage, ledger, metrics, failOpen } = parts;
  const message = clip(raw, parts.maxMessageChars);
  if (await failOpen('delivery ledger', false, () => ledger.isDone(deliveryKey(message)))) {
    metrics.messages.inc({ channel: message.channel, outcome: 'duplicate' });
    return 'duplicate';
  }
  try {
    await queue.enqueue(message);
    queueOutage.succeeded();
  } catch (error) {
    if (!fallbackQueue) throw error;
    queueOutage.failed(error);
    await fallbackQueue.enqueue(message);
  }
  return 'queued';
}

/** The queued steps without the queue: rate-limit → answer → record; no ledger, as nothing is retried. */
async function answerNow(parts: FlowParts, raw: IncomingMessage): Promise<Reply> {
  const { rateLimiter, answering, metrics, failOpen, now } = parts;
  const message = clip(raw, parts.maxMessageChars);
  const decision = await failOpen('rate limiter', 'allowed' as const, () =>
    rateLimiter.consume(`${message.channel}:${message.userId}`),
  );
  if (decision !== 'allowed') {
    metrics.messages.inc({ channel: message.channel, outcome: 'rate-limited' });
    return { kind: 'notice', text: RATE_LIMITED_TEXT };
  }
  const started = now();
  const { reply, answer } = await answering.replyFor(message);
  metrics.messages.inc({ channel: message.channel, outcome: answer?.outcome ?? message.kind });
  metrics.answerSeconds.observe({ channel: message.channel }, (now() - started) / 1000);
  if (answer) await answering.record(message, answer);
  return reply;
}
