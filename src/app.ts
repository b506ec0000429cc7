import type { Logger } from 'pino';
import type { AnswerWriter } from './answer/answer-writer.ts';
import { answerWriterFromConfig } from './answer/llm/answer-writer-from-config.ts';
import type { Config } from './config.ts';
import type { ConversationStore } from './conversation/conversation-store.ts';
import { MemoryConversationStore } from './conversation/memory-conversation-store.ts';
import { KnowledgeLibrary } from './knowledge/knowledge-library.ts';
import { type BotMetrics, createMetrics } from './observability/metrics.ts';
import { type Assistant, createAssistant } from './pipeline/assistant.ts';
import { createMessageFlow, type MessageFlow } from './pipeline/message-flow.ts';
import { MemoryMessageQueue } from './queue/memory-message-queue.ts';
import type { MessageQueue } from './queue/message-queue.ts';
import { createRedisConnection, type RedisConnection } from './redis/redis-connection.ts';
import { RedisConversationStore } from './redis/redis-conversation-store.ts';
import { RedisDeliveryLedger } from './redis/redis-delivery-ledger.ts';
import { RedisMessageQueue } from './redis/redis-message-queue.ts';
import { RedisQuestionLog } from './redis/redis-question-log.ts';
import { RedisRateLimiter } from './redis/redis-rate-limiter.ts';
import { RedisSecretStore } from './redis/redis-secret-store.ts';
import type { DeliveryLedger } from './store/delivery-ledger.ts';
import { MemoryDeliveryLedger } from './store/memory-delivery-ledger.ts';
import { MemoryQuestionLog } from './store/memory-question-log.ts';
import { MemoryRateLimiter } from './store/memory-rate-limiter.ts';
import type { QuestionLog } from './store/question-log.ts';
import type { RateLimiter } from './store/rate-limiter.ts';
import { MemorySecretStore, type SecretStore } from './store/secret-store.ts';

/** Where shared state lives: in this process, or in Redis for every process. */
export interface Stores {
  conversations: ConversationStore;
  ledger: DeliveryLedger;
  rateLimiter: RateLimiter;
  questionLog: QuestionLog;
  secrets: SecretStore;
  queue: MessageQueue;
}

export interface App {
  config: Readonly<Config>;
  logger: Logger;
  library: KnowledgeLibrary;
  assistant: Assistant;
  stores: Stores;
  flow: MessageFlow;
  metrics: BotMetrics;
  /** Null without REDIS_URL. */
  redis: RedisConnection | null;
  /** Stops the flow (waiting for messages in progress) and closes connections the app opened. */
  close(): Promise<void>;
}

export interface AppDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Writes answers; default: the LLM writer with OPENAI_API_KEY, the offline writer without. */
  writer?: AnswerWriter;
  /** Replaces individual stores (tests); the rest follow the configuration. */
  stores?: Partial<Stores>;
  metrics?: BotMetrics;
}

const REDIS_START_WAIT_MS = 2000;

function memoryStores(config: Readonly<Config>, logger: Logger): Stores {
  return {
    conversations: new MemoryConversationStore(config.conversation),
    ledger: new MemoryDeliveryLedger(config.dedupeTtlMs),
    rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
    questionLog: new MemoryQuestionLog(),
    secrets: new MemorySecretStore(),
    queue: new MemoryMessageQueue(config.queueConcurrency, logger),
  };
}

function redisStores(config: Readonly<Config>, redis: RedisConnection, logger: Logger): Stores {
  const { prefix } = config.redis!;
  const client = redis.client;
  return {
    conversations: new RedisConversationStore(client, prefix, config.conversation),
    ledger: new RedisDeliveryLedger(client, prefix, config.dedupeTtlMs),
    rateLimiter: new RedisRateLimiter(client, prefix, config.rateLimitPerMinute),
    questionLog: new RedisQuestionLog(client, prefix),
    secrets: new RedisSecretStore(client, prefix),
    queue: new RedisMessageQueue({
      redis: client,
      openReader: () => redis.duplicate(),
      prefix,
      concurrency: config.queueConcurrency,
      claimIdleMs: config.queueLeaseMs,
      logger,
    }),
  };
}

/**
 * Wires the parts together from explicit dependencies; reads no environment. With `config.redis` the shared
 * state and the queue live in Redis, otherwise in this process. Loads the knowledge folder before returning.
 */
export async function createApp({ config, logger, writer, stores: overrides = {}, metrics = createMetrics() }: AppDependencies): Promise<App> {
  // A missing or broken prompt stops the start here, naming the file and the variable.
  const answerWriter = writer ?? (await answerWriterFromConfig({ llm: config.llm, logger }));
  const redis = config.redis
    ? createRedisConnection({ url: config.redis.url, logger, onStateChange: (ready) => metrics.redisUp.set(ready ? 1 : 0) })
    : null;
  const stores: Stores = { ...(redis ? redisStores(config, redis, logger) : memoryStores(config, logger)), ...overrides };
  // Give Redis a moment, so the first question of a fresh process already sees its conversation; past that
  // the bot starts anyway and Redis joins when it answers.
  if (redis && !(await redis.waitUntilReady(REDIS_START_WAIT_MS))) {
    logger.warn('Redis did not answer at start; starting without shared state, it will join when it answers');
  }

  const library = new KnowledgeLibrary({
    dir: config.knowledgeDir,
    maxFileBytes: config.knowledgeMaxFileBytes,
    logger,
    onReload: (documents) => metrics.documents.set(documents),
  });
  await library.reload();
  const assistant = createAssistant({
    knowledge: () => library.current(),
    conversations: stores.conversations,
    logger,
    writer: answerWriter,
  });
  const flow = createMessageFlow({
    assistant,
    queue: stores.queue,
    // Without Redis the main queue already is in memory; with it, memory takes over while Redis is away.
    ...(redis ? { fallbackQueue: new MemoryMessageQueue(config.queueConcurrency, logger) } : {}),
    ledger: stores.ledger,
    rateLimiter: stores.rateLimiter,
    questionLog: stores.questionLog,
    metrics,
    logger,
    leaseMs: config.queueLeaseMs,
    maxMessageChars: config.maxMessageChars,
  });

  return {
    config,
    logger,
    library,
    assistant,
    stores,
    flow,
    metrics,
    redis,
    async close() {
      await flow.drain();
      await redis?.close();
    },
  };
}
