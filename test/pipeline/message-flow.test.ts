import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { type Assistant, createAssistant } from '../../src/pipeline/assistant.ts';
import {
  createMessageFlow,
  INTERNAL_ERROR_TEXT,
  type MessageFlow,
  NON_TEXT_TEXT,
  RATE_LIMITED_TEXT,
} from '../../src/pipeline/message-flow.ts';
import { type Channel, type Reply, replyText } from '../../src/ports/channel.ts';
import { ChannelError } from '../../src/ports/channel-error.ts';
import type { IncomingMessage } from '../../src/ports/incoming-message.ts';
import { MemoryConversationStore } from '../../src/state/conversations/memory.ts';
import { MemoryDeliveryLedger } from '../../src/state/deliveries/memory.ts';
import type { DeliveryLedger } from '../../src/state/deliveries/port.ts';
import { MemoryQuestionLog } from '../../src/state/question-log/memory.ts';
import { MemoryMessageQueue } from '../../src/state/queue/memory.ts';
import { backoffMs, type MessageHandler, type MessageQueue } from '../../src/state/queue/port.ts';
import { MemoryRateLimiter } from '../../src/state/rate-limits/memory.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** The message flow with fakes of our own ports: a recording channel, a scripted failure, a broken queue. */

const silent = pino({ level: 'silent' });
const library = new KnowledgeLibrary({ dir: BUNDLED_KNOWLEDGE_DIR, logger: silent });
await library.reload();

class RecordingChannel implements Channel {
  readonly name = 'zalo-oa' as const;
  readonly sent: Array<{ message: IncomingMessage; reply: Reply }> = [];
  readonly failures: Error[] = [];

  async deliver(message: IncomingMessage, reply: Reply): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ message, reply });
  }

  texts(): string[] {
    return this.sent.map(({ reply }) => replyText(reply));
  }
}

let sequence = 0;
function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    channel: 'zalo-oa',
    kind: 'text',
    messageId: `msg-${++sequence}`,
    userId: 'citizen',
    chatId: 'citizen',
    text,
    receivedAt: Date.now(),
    ...overrides,
  };
}

let channel: RecordingChannel;
let conversations: MemoryConversationStore;
let questionLog: MemoryQuestionLog;

function flowWith(
  options: {
    assistant?: Assistant;
    queue?: MessageQueue;
    fallbackQueue?: MessageQueue;
    ledger?: DeliveryLedger;
    rateLimit?: number;
  } = {},
): MessageFlow {
  const assistant =
    options.assistant ?? createAssistant({ knowledge: () => library.current(), conversations, logger: silent });
  const flow = createMessageFlow({
    assistant,
    queue: options.queue ?? new MemoryMessageQueue(2, silent),
    ...(options.fallbackQueue ? { fallbackQueue: options.fallbackQueue } : {}),
    ledger: options.ledger ?? new MemoryDeliveryLedger(60_000),
    rateLimiter: new MemoryRateLimiter(options.rateLimit ?? 100),
    questionLog,
    metrics: createMetrics(),
    logger: silent,
    leaseMs: 200,
    maxMessageChars: 4000,
  });
  flow.register(channel);
  flow.start();
  return flow;
}

beforeEach(() => {
  channel = new RecordingChannel();
  conversations = new MemoryConversationStore();
  questionLog = new MemoryQuestionLog();
});

describe('message flow', () => {
  it('answers an accepted message with its citation, and a re-delivered one not again', async () => {
    const flow = flowWith();
    const first = message('ha tinh dvc muc 4 bao nhieu');
    expect(await flow.accept(first)).toBe('queued');
    await waitFor(() => channel.sent.length === 1, 'the answer');
    expect(channel.texts()[0]).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012');
    expect(await flow.accept({ ...first })).toBe('duplicate');
    await flow.drain();
    expect(channel.sent).toHaveLength(1);
  });

  it('says once that a user is over the limit, then stays silent', async () => {
    const flow = flowWith({ rateLimit: 2 });
    for (let i = 0; i < 5; i++) await flow.accept(message(`Hà Tĩnh câu ${i}`));
    await waitFor(() => channel.sent.length === 3, 'two answers and one notice');
    await flow.drain();
    expect(channel.texts().filter((text) => text === RATE_LIMITED_TEXT)).toHaveLength(1);
    expect(channel.sent).toHaveLength(3);
  });

  it('answers photos and stickers with a short note', async () => {
    const flow = flowWith();
    await flow.accept(message('', { kind: 'non-text' }));
    await waitFor(() => channel.sent.length === 1, 'the note');
    expect(channel.texts()).toEqual([NON_TEXT_TEXT]);
  });

  it('retries a send the platform may accept later, with the same answer and one history entry', async () => {
    const flow = flowWith();
    channel.failures.push(new ChannelError('429', { channel: 'zalo-oa', isRetryable: true, retryAfterMs: 20 }));
    await flow.accept(message('Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?'));
    await waitFor(() => channel.sent.length === 1, 'the retried answer');
    expect(channel.texts()[0]).toContain('15%');
    expect(await conversations.recent('zalo-oa:citizen')).toHaveLength(1);
    expect((await questionLog.stats(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10))).questions).toBe(1);
  });

  it('does not retry a send the platform refused for good', async () => {
    const flow = flowWith();
    channel.failures.push(new ChannelError('blocked', { channel: 'zalo-oa', isRetryable: false }));
    await flow.accept(message('Hà Tĩnh'));
    await flow.accept(message('Quảng Bình'));
    await waitFor(() => channel.sent.length === 1, 'the second answer');
    await flow.drain();
    expect(channel.sent).toHaveLength(1);
  });

  it('tells the user politely when answering fails, and keeps serving', async () => {
    const broken: Assistant = { ask: () => Promise.reject(new Error('bug')) };
    const flow = flowWith({ assistant: broken });
    await flow.accept(message('Hà Tĩnh'));
    await waitFor(() => channel.sent.length === 1, 'the apology');
    expect(channel.texts()).toEqual([INTERNAL_ERROR_TEXT]);
  });

  it('falls back to memory when the queue cannot store (Redis away)', async () => {
    const down: MessageQueue = {
      enqueue: () => Promise.reject(new Error('Redis is not connected')),
      start: () => {},
      drain: async () => {},
      stats: async () => ({ waiting: 0, active: 0, failed: 0, durable: true }),
    };
    const flow = flowWith({ queue: down, fallbackQueue: new MemoryMessageQueue(1, silent) });
    expect(await flow.accept(message('ha tinh dvc muc 4 bao nhieu'))).toBe('queued');
    await waitFor(() => channel.sent.length === 1, 'the answer from the fallback queue');
  });

  it('says "queue unavailable" once per outage, not once per message', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    let up = false;
    const flaky: MessageQueue = {
      enqueue: async () => {
        if (!up) throw new Error('Redis is not connected');
      },
      start: () => {},
      drain: async () => {},
      stats: async () => ({ waiting: 0, active: 0, failed: 0, durable: true }),
    };
    const flow = createMessageFlow({
      assistant: createAssistant({ knowledge: () => library.current(), conversations, logger: silent }),
      queue: flaky,
      fallbackQueue: new MemoryMessageQueue(2, silent),
      ledger: new MemoryDeliveryLedger(60_000),
      rateLimiter: new MemoryRateLimiter(100),
      questionLog,
      metrics: createMetrics(),
      logger,
      maxMessageChars: 4000,
    });
    for (let i = 0; i < 20; i++) await flow.accept(message(`Hà Tĩnh câu ${i}`));
    up = true;
    await flow.accept(message('Quảng Bình'));
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(warnings.filter((line) => line.level === 40 && /queue unavailable/.test(line.msg))).toHaveLength(1);
    expect(warnings.filter((line) => /queue available again/.test(line.msg))).toHaveLength(1);
  });

  it('answers what waits in memory before stopping, within the drain deadline', async () => {
    const slow = new RecordingChannel();
    const originalDeliver = slow.deliver.bind(slow);
    slow.deliver = async (delivered, reply) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return originalDeliver(delivered, reply);
    };
    channel = slow;
    const flow = flowWith({ queue: new MemoryMessageQueue(1, silent) });
    for (let i = 0; i < 8; i++) await flow.accept(message(`Hà Tĩnh câu ${i}`, { userId: `u${i}` }));
    await flow.drain(5000);
    expect(slow.sent).toHaveLength(8);
  });
});

/** A queue that hands its handler to the test, so each exit of the queued path is seen in its result. */
class HandOverQueue implements MessageQueue {
  handler: MessageHandler | null = null;
  async enqueue(): Promise<void> {}
  start(handler: MessageHandler): void {
    this.handler = handler;
  }
  async drain(): Promise<void> {}
  async stats() {
    return { waiting: 0, active: 0, failed: 0, durable: false };
  }
}

describe('queued message handler', () => {
  function handlerWith(options: { ledger?: DeliveryLedger; rateLimit?: number } = {}): MessageHandler {
    const queue = new HandOverQueue();
    flowWith({ ...options, queue });
    return queue.handler!;
  }

  it('drops a message of a channel nobody registered', async () => {
    const handle = handlerWith();
    expect(await handle(message('Hà Tĩnh', { channel: 'telegram' }), 1)).toEqual({ outcome: 'drop' });
    expect(channel.sent).toHaveLength(0);
  });

  it('leaves a delivery another worker holds for a retry after the lease', async () => {
    const ledger = new MemoryDeliveryLedger(60_000);
    const handle = handlerWith({ ledger });
    const held = message('Hà Tĩnh');
    await ledger.claim(`zalo-oa:${held.messageId}`, 10_000, 'another-worker');
    expect(await handle(held, 1)).toEqual({ outcome: 'retry', afterMs: 200 });
    expect(channel.sent).toHaveLength(0);
  });

  it('settles a delivery answered already without sending it again', async () => {
    const ledger = new MemoryDeliveryLedger(60_000);
    const handle = handlerWith({ ledger });
    const answered = message('Hà Tĩnh');
    await ledger.complete(`zalo-oa:${answered.messageId}`);
    expect(await handle(answered, 1)).toEqual({ outcome: 'done' });
    expect(channel.sent).toHaveLength(0);
  });

  it('stays silent past the notice, and counts only first attempts against the limit', async () => {
    const handle = handlerWith({ rateLimit: 1 });
    expect(await handle(message('Hà Tĩnh câu 1'), 1)).toEqual({ outcome: 'done' });
    expect(await handle(message('Hà Tĩnh câu 2'), 1)).toEqual({ outcome: 'done' });
    expect(await handle(message('Hà Tĩnh câu 3'), 1)).toEqual({ outcome: 'done' });
    expect(await handle(message('ha tinh dvc muc 4 bao nhieu'), 2)).toEqual({ outcome: 'done' });
    const texts = channel.texts();
    expect(texts).toHaveLength(3);
    expect(texts[1]).toBe(RATE_LIMITED_TEXT);
    expect(texts[2]).toContain('15%');
  });

  it('does not send when its claim ran out while answering and another attempt took the delivery', async () => {
    const ledger = new MemoryDeliveryLedger(60_000);
    const real = createAssistant({ knowledge: () => library.current(), conversations, logger: silent });
    const slowWriter: Assistant = {
      ask: async (question) => {
        // Meanwhile the lease (200 ms) runs out and another worker claims the delivery.
        await new Promise((resolve) => setTimeout(resolve, 250));
        await ledger.claim(`zalo-oa:${late.messageId}`, 10_000, 'the-other-worker');
        return real.ask(question);
      },
    };
    const queue = new HandOverQueue();
    flowWith({ assistant: slowWriter, ledger, queue });
    const late = message('Hà Tĩnh');
    expect(await queue.handler!(late, 1)).toEqual({ outcome: 'done' });
    expect(channel.sent).toHaveLength(0);
  });

  it('retries a failed send after the backoff of its attempt when the platform names no delay', async () => {
    const handle = handlerWith();
    channel.failures.push(new ChannelError('502', { channel: 'zalo-oa', isRetryable: true }));
    const failing = message('Hà Tĩnh');
    expect(await handle(failing, 3)).toEqual({ outcome: 'retry', afterMs: backoffMs(3) });
    expect(await handle(failing, 4)).toEqual({ outcome: 'done' });
    expect(channel.sent).toHaveLength(1);
  });
});
