import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { SECRET_HEADER, TELEGRAM_WEBHOOK_PATH } from '../../../src/channels/telegram/webhook-route.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/config.ts';
import { KnowledgeLibrary } from '../../../src/library/knowledge-library.ts';
import { type BotMetrics, createMetrics } from '../../../src/observability/metrics.ts';
import { createAssistant } from '../../../src/pipeline/assistant.ts';
import { createMessageFlow, type MessageFlow } from '../../../src/pipeline/message-flow.ts';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { MemoryConversationStore } from '../../../src/state/conversations/memory.ts';
import { MemoryDeliveryLedger } from '../../../src/state/deliveries/memory.ts';
import { MemoryQuestionLog } from '../../../src/state/question-log/memory.ts';
import { MemoryMessageQueue } from '../../../src/state/queue/memory.ts';
import { MemoryRateLimiter } from '../../../src/state/rate-limits/memory.ts';
import { type FakeTelegram, type RecordedCall, startFakeTelegram } from '../../helpers/fake-telegram.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/**
 * The Telegram channel with the real pieces around it: the assistant on the bundled knowledge, the message
 * flow on in-memory stores (one message at a time, so answers come in the order asked), a Fastify instance
 * for webhook calls through inject(), and the fake Bot API server on 127.0.0.1.
 */

export const WEBHOOK_SECRET = 'test_secret-Token_123';
export const ADMIN_ID = '111';

export interface TelegramHarness {
  fake: FakeTelegram;
  channel: TelegramChannel;
  flow: MessageFlow;
  server: FastifyInstance;
  metrics: BotMetrics;
  library: KnowledgeLibrary;
  /** Every message the channel handed to the flow. */
  accepted: IncomingMessage[];
  /** Log lines (JSON), to check what was logged and that no secret was. */
  logs: string[];
  /** Sends an update to the webhook route, with the right secret unless told otherwise. */
  post(update: object | string, secret?: string | null): Promise<LightMyRequestResponse>;
  /** Waits until at least `count` messages were sent, and returns all sent so far. */
  waitForSent(count: number): Promise<RecordedCall[]>;
  /** Posts an update and waits for the one reply it should produce. */
  ask(update: object): Promise<RecordedCall>;
  /** Counted duplicate deliveries (the flow's metric). */
  duplicates(): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: 'webhook' | 'polling';
  adminIds?: string[];
  /** Deadline of each Bot API call but the long poll (the channel's default when absent). */
  callTimeoutMs?: number;
}

export async function createTelegramHarness({
  mode = 'webhook',
  adminIds = [ADMIN_ID],
  callTimeoutMs,
}: HarnessOptions = {}): Promise<TelegramHarness> {
  const fake = await startFakeTelegram();
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const library = new KnowledgeLibrary({ dir: BUNDLED_KNOWLEDGE_DIR, logger });
  await library.reload();
  const assistant = createAssistant({
    knowledge: () => library.current(),
    conversations: new MemoryConversationStore(),
    logger,
  });
  const questionLog = new MemoryQuestionLog();
  const metrics = createMetrics();
  const flow = createMessageFlow({
    assistant,
    queue: new MemoryMessageQueue(1, logger),
    ledger: new MemoryDeliveryLedger(60_000),
    rateLimiter: new MemoryRateLimiter(1000),
    questionLog,
    metrics,
    logger,
    maxMessageChars: 4000,
  });
  const accepted: IncomingMessage[] = [];
  const channel = createTelegramChannel({
    config: {
      token: fake.token,
      apiRoot: fake.apiRoot,
      webhookUrl: mode === 'webhook' ? 'https://bot.example.gov.vn' : null,
      webhookSecret: mode === 'webhook' ? WEBHOOK_SECRET : null,
      adminIds,
    },
    flow: {
      async accept(message) {
        accepted.push(message);
        return flow.accept(message);
      },
    },
    library,
    questionLog,
    logger,
    polling: { timeoutSeconds: 1, backoffMs: () => 20 },
    ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }),
  });
  flow.register(channel);
  flow.start();
  const server = Fastify();
  channel.registerRoutes(server);
  await channel.start();

  const waitForSent = (count: number) =>
    waitFor(() => fake.sent().length >= count && fake.sent(), `${count} sent message(s)`);

  const post = (update: object | string, secret: string | null = WEBHOOK_SECRET): Promise<LightMyRequestResponse> =>
    server.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [SECRET_HEADER]: secret }) },
      payload: typeof update === 'string' ? update : JSON.stringify(update),
    });

  return {
    fake,
    channel,
    flow,
    server,
    metrics,
    library,
    accepted,
    logs,
    post,
    waitForSent,
    async ask(update) {
      const before = fake.sent().length;
      const response = await post(update);
      if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
      const sent = await waitForSent(before + 1);
      return sent[before]!;
    },
    async duplicates() {
      const { values } = await metrics.messages.get();
      return values
        .filter((value) => value.labels.outcome === 'duplicate')
        .reduce((sum, value) => sum + value.value, 0);
    },
    async close() {
      await channel.stop();
      await flow.drain();
      await server.close();
      await fake.close();
    },
  };
}
