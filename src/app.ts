import type { Logger } from 'pino';
import type { AnswerWriter } from './answer/answer-writer.ts';
import { answerWriterFromConfig } from './answer/llm/answer-writer-from-config.ts';
import type { ChannelDependencies } from './channels/build-channels.ts';
import type { Config } from './config.ts';
import { createKnowledgeReaders } from './knowledge/knowledge-readers.ts';
import { createIsolatedReading } from './knowledge/parsing/isolated-reading.ts';
import { KnowledgeFiles } from './library/knowledge-files.ts';
import { KnowledgeLibrary } from './library/knowledge-library.ts';
import { type BotMetrics, createMetrics } from './observability/metrics.ts';
import { type Assistant, createAssistant } from './pipeline/assistant.ts';
import { createMessageFlow, type MessageFlow } from './pipeline/message-flow.ts';
import { attributeQuestionSources } from './server/chat/question-source.ts';
import type { ServerDependencies } from './server/create-server.ts';
import { MemoryConversationStore } from './state/conversations/memory.ts';
import type { ConversationStore } from './state/conversations/port.ts';
import { RedisConversationStore } from './state/conversations/redis.ts';
import { LayeredDeliveryLedger } from './state/deliveries/layered.ts';
import { MemoryDeliveryLedger } from './state/deliveries/memory.ts';
import type { DeliveryLedger } from './state/deliveries/port.ts';
import { RedisDeliveryLedger } from './state/deliveries/redis.ts';
import { MemoryQuestionLog } from './state/question-log/memory.ts';
import type { QuestionLog } from './state/question-log/port.ts';
import { RedisQuestionLog } from './state/question-log/redis.ts';
import { LastKnownQueueStats } from './state/queue/last-known-stats.ts';
import { MemoryMessageQueue } from './state/queue/memory.ts';
import type { MessageQueue } from './state/queue/port.ts';
import type { OpenedJournal } from './state/queue/queue-journal.ts';
import { RedisMessageQueue } from './state/queue/redis.ts';
import { MemoryRateLimiter } from './state/rate-limits/memory.ts';
import type { RateLimiter } from './state/rate-limits/port.ts';
import { RedisRateLimiter } from './state/rate-limits/redis.ts';
import { createRedisConnection, type RedisConnection } from './state/redis-connection.ts';
import { MemorySecretStore } from './state/secrets/memory.ts';
import type { SecretStore } from './state/secrets/port.ts';
import { RedisSecretStore } from './state/secrets/redis.ts';

/** Where shared state lives: in this process, or in Redis for every process. */
export interface Stores {
  conversations: ConversationStore;
  ledger: DeliveryLedger;
  rateLimiter: RateLimiter;
  /** Web chat questions per client address (RATE_LIMIT_PER_ADDRESS_PER_MINUTE), whatever sessions it holds. */
  addressRateLimiter: RateLimiter;
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
  /** The queue figures for /metrics (the main queue and its fallback), never waiting on Redis. */
  queueStats: LastKnownQueueStats;
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
  /**
   * The memory queue's journal, held by the caller (main.ts opens it in DATA_DIR and closes it after the app)
   * with what the last run left to answer. Without one (the CLI, tests) a crash loses what waits in memory.
   */
  journal?: OpenedJournal;
}

const REDIS_START_WAIT_MS = 2000;

function memoryStores(config: Readonly<Config>, queue: MessageQueue): Stores {
  return {
    conversations: new MemoryConversationStore(config.conversation),
    ledger: new MemoryDeliveryLedger(config.dedupeTtlMs),
    rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
    addressRateLimiter: new MemoryRateLimiter(config.webChat.perAddressPerMinute),
    questionLog: new MemoryQuestionLog(),
    secrets: new MemorySecretStore(),
    queue,
  };
}

function redisStores(config: Readonly<Config>, redis: RedisConnection, logger: Logger): Stores {
  const { prefix } = config.redis!;
  const client = redis.client;
  return {
    conversations: new RedisConversationStore(client, prefix, config.conversation),
    // Backed by a ledger of this process, so an outage or a hang does not turn into answers sent twice.
    ledger: new LayeredDeliveryLedger(
      new RedisDeliveryLedger(client, prefix, config.dedupeTtlMs),
      new MemoryDeliveryLedger(config.dedupeTtlMs),
    ),
    rateLimiter: new RedisRateLimiter(client, prefix, config.rateLimitPerMinute),
    addressRateLimiter: new RedisRateLimiter(client, prefix, config.webChat.perAddressPerMinute),
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
export async function createApp({
  config,
  logger,
  writer,
  stores: overrides = {},
  metrics = createMetrics(),
  journal,
}: AppDependencies): Promise<App> {
  // A missing or broken prompt stops the start here, naming the file and the variable.
  const answerWriter = writer ?? (await answerWriterFromConfig({ llm: config.llm, logger }));
  const redis = config.redis
    ? createRedisConnection({
        url: config.redis.url,
        logger,
        commandTimeoutMs: config.redis.commandTimeoutMs,
        onStateChange: (ready) => metrics.redisUp.set(ready ? 1 : 0),
      })
    : null;
  // The memory queue is the main queue without Redis and the fallback with it; either way it writes to the
  // journal it is given, so what it acknowledged survives a crash.
  const memoryQueue =
    redis || !overrides.queue
      ? new MemoryMessageQueue(config.queueConcurrency, logger, {
          journal: journal?.journal ?? null,
          replay: journal?.pending ?? [],
        })
      : null;
  const stores: Stores = {
    ...(redis ? redisStores(config, redis, logger) : memoryStores(config, memoryQueue ?? overrides.queue!)),
    ...overrides,
  };
  const fallbackQueue = redis ? (memoryQueue ?? undefined) : undefined;
  // Give Redis a moment, so the first question of a fresh process already sees its conversation; past that
  // the bot starts anyway and Redis joins when it answers.
  if (redis && !(await redis.waitUntilReady(REDIS_START_WAIT_MS))) {
    logger.warn('Redis did not answer at start; starting without shared state, it will join when it answers');
  }

  // Files are parsed in child processes with caps, so no file can crash, freeze or fill this one.
  const reading = createIsolatedReading(config.knowledgeReading, logger);
  const library = new KnowledgeLibrary({
    dir: config.knowledgeDir,
    maxFileBytes: config.knowledgeMaxFileBytes,
    logger,
    onReload: (documents) => metrics.documents.set(documents),
    readers: createKnowledgeReaders({ ocr: config.ocr, logger }),
    reading,
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
    ...(fallbackQueue ? { fallbackQueue } : {}),
    ledger: stores.ledger,
    rateLimiter: stores.rateLimiter,
    // A web question is recorded with its client's address, so one address cannot flood the unanswered list.
    questionLog: attributeQuestionSources(stores.questionLog),
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
    queueStats: new LastKnownQueueStats(fallbackQueue ? [stores.queue, fallbackQueue] : [stores.queue]),
    async close() {
      await flow.drain();
      await redis?.close();
      reading.parser.close();
    },
  };
}

/** What the HTTP server's routes use, taken from the app. */
export function serverDependencies(app: App): ServerDependencies {
  return {
    logger: app.logger,
    library: app.library,
    flow: app.flow,
    queue: app.queueStats,
    questionLog: app.stores.questionLog,
    redis: app.redis,
    metrics: app.metrics,
    adminToken: app.config.adminToken,
    knowledgeFiles: new KnowledgeFiles({
      dir: app.config.knowledgeDir,
      maxTextBytes: app.config.knowledgeMaxFileBytes,
    }),
    uploadMaxBytes: app.config.uploadMaxBytes,
    publicUrl: app.config.publicUrl,
    trustProxy: app.config.trustProxy,
    webChat: {
      apiKeys: app.config.webChat.apiKeys,
      addressLimiter: app.stores.addressRateLimiter,
      sessionMaxAgeS: Math.round(app.config.conversation.ttlMs / 1000),
    },
  };
}

/** What the channels use, taken from the app. */
export function channelDependencies(app: App): ChannelDependencies {
  return {
    config: app.config,
    flow: app.flow,
    library: app.library,
    questionLog: app.stores.questionLog,
    secrets: app.stores.secrets,
    logger: app.logger,
  };
}
