import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { MemoryMessageQueue } from '../../../src/state/queue/memory.ts';
import type { HandlerResult, MessageQueue } from '../../../src/state/queue/port.ts';
import { QueueJournal } from '../../../src/state/queue/queue-journal.ts';
import { RedisMessageQueue } from '../../../src/state/queue/redis.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every MessageQueue must have; each `create` returns a fresh, empty queue. */

const silent = pino({ level: 'silent' });
const redis = useContractRedis();

/** A Redis queue as one bot process has it: its own command connection and its own blocking reader. */
async function redisQueueAt(prefix: string, concurrency: number, claimIdleMs = 30_000): Promise<RedisMessageQueue> {
  const commands = await redis.connect();
  const reader = await redis.connect();
  return new RedisMessageQueue({
    redis: commands,
    openReader: () => reader,
    prefix,
    concurrency,
    claimIdleMs,
    logger: silent,
  });
}

const journalDirs: string[] = [];
const journals: QueueJournal[] = [];
afterAll(() => {
  for (const journal of journals) journal.close();
  for (const dir of journalDirs) rmSync(dir, { recursive: true, force: true });
});

/** The memory queue as the app runs it: journaled to a folder of its own. */
function journaledQueue(concurrency: number): MemoryMessageQueue {
  const dir = mkdtempSync(join(tmpdir(), 'hoidap-queue-'));
  journalDirs.push(dir);
  const { journal } = QueueJournal.open(dir, silent);
  journals.push(journal!);
  return new MemoryMessageQueue(concurrency, silent, { journal });
}

const implementations: Array<[name: string, create: (concurrency: number) => Promise<MessageQueue>]> = [
  ['MemoryMessageQueue', async (concurrency) => new MemoryMessageQueue(concurrency, silent)],
  ['MemoryMessageQueue with a journal', async (concurrency) => journaledQueue(concurrency)],
  ['RedisMessageQueue', (concurrency) => redisQueueAt(redis.prefix(), concurrency)],
];

let sequence = 0;

function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  sequence++;
  return {
    channel: 'telegram',
    kind: 'text',
    messageId: `m${sequence}`,
    userId: 'u1',
    chatId: 'c1',
    text,
    receivedAt: Date.now(),
    ...overrides,
  };
}

describe.each(implementations)('%s (MessageQueue contract)', (_name, create) => {
  const queues: MessageQueue[] = [];
  const make = async (concurrency = 2) => {
    const queue = await create(concurrency);
    queues.push(queue);
    return queue;
  };
  // Runs before the file's Redis clean-up: a queue still reading would write keys behind it.
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.drain();
  });

  it('hands every message to the handler once, with its Vietnamese text intact', async () => {
    const queue = await make();
    const seen: string[] = [];
    queue.start(async (received) => {
      seen.push(received.text);
      return { outcome: 'done' };
    });
    await queue.enqueue(message('Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?'));
    await queue.enqueue(message('Còn Quảng Bình thì sao?'));
    await waitFor(() => seen.length === 2, 'the queue to get there', { timeoutMs: 10_000 });
    expect(seen.sort()).toEqual(['Còn Quảng Bình thì sao?', 'Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?']);
  });

  it('keeps messages enqueued before start', async () => {
    const queue = await make();
    await queue.enqueue(message('trước khi chạy'));
    const seen: string[] = [];
    queue.start(async (received) => {
      seen.push(received.text);
      return { outcome: 'done' };
    });
    await waitFor(() => seen.length === 1, 'the queue to get there', { timeoutMs: 10_000 });
  });

  it('retries after the handler asks for it, counting attempts', async () => {
    const queue = await make();
    const attempts: number[] = [];
    queue.start(async (_, attempt): Promise<HandlerResult> => {
      attempts.push(attempt);
      return attempt < 3 ? { outcome: 'retry', afterMs: 10 } : { outcome: 'done' };
    });
    await queue.enqueue(message('thử lại'));
    await waitFor(() => attempts.length === 3, 'the queue to get there', { timeoutMs: 10_000 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('never runs more handlers at once than its concurrency', async () => {
    const queue = await make(2);
    let running = 0;
    let most = 0;
    let finished = 0;
    queue.start(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
      finished++;
      return { outcome: 'done' };
    });
    for (let i = 0; i < 6; i++) await queue.enqueue(message(`câu ${i}`));
    await waitFor(() => finished === 6, 'the queue to get there', { timeoutMs: 10_000 });
    expect(most).toBeLessThanOrEqual(2);
  });

  it('drains: waits for the messages in progress', async () => {
    const queue = await make();
    let started = false;
    let finished = false;
    queue.start(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = true;
      return { outcome: 'done' };
    });
    await queue.enqueue(message('đang xử lý'));
    await waitFor(() => started, 'the queue to get there', { timeoutMs: 10_000 });
    await queue.drain();
    expect(finished).toBe(true);
  });
});

describe('RedisMessageQueue across processes (beyond the contract)', () => {
  it('splits the work between two consumers of one queue, each message once', async () => {
    const prefix = redis.prefix();
    const [first, second] = [await redisQueueAt(prefix, 2), await redisQueueAt(prefix, 2)];
    const seen: string[] = [];
    const handler = async (received: { text: string }) => {
      seen.push(received.text);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { outcome: 'done' as const };
    };
    first.start(handler);
    second.start(handler);
    for (let i = 0; i < 20; i++) await first.enqueue(message(`câu ${i}`));
    await waitFor(() => seen.length >= 20, 'the queue to get there', { timeoutMs: 10_000 });
    await Promise.all([first.drain(), second.drain()]);
    expect(new Set(seen).size).toBe(20);
    expect(seen).toHaveLength(20);
  });

  it('moves due retries back in one script, an unreadable one dropped rather than blocking the rest', async () => {
    const prefix = redis.prefix();
    const queue = await redisQueueAt(prefix, 1);
    const due = Date.now() - 1000;
    const retry = JSON.stringify({ message: JSON.stringify(message('Còn Cà Mau?')), attempt: '2', entry: '1-0' });
    await redis.client().zAdd(`${prefix}queue:delayed`, [
      { score: due, value: 'not json' },
      { score: due, value: retry },
    ]);
    const seen: Array<[string, number]> = [];
    queue.start(async (received, attempt) => {
      seen.push([received.text, attempt]);
      return { outcome: 'done' };
    });
    await waitFor(() => seen.length === 1, 'the promoted retry', { timeoutMs: 10_000 });
    expect(seen).toEqual([['Còn Cà Mau?', 2]]);
    expect(await redis.client().zCard(`${prefix}queue:delayed`)).toBe(0);
    await queue.drain();
  });

  it('takes over the messages a dead consumer left unacknowledged', async () => {
    const prefix = redis.prefix();
    const dying = await redisQueueAt(prefix, 1, 200);
    let taken = false;
    // This consumer takes the message and never finishes: as if its process were killed. It is never
    // drained (that would wait forever); closing its connections after the test stops it touching Redis.
    dying.start(async () => {
      taken = true;
      return new Promise(() => {});
    });
    await dying.enqueue(message('Còn Bạc Liêu thì sao?'));
    await waitFor(() => taken, 'the queue to get there', { timeoutMs: 10_000 });
    const survivor = await redisQueueAt(prefix, 1, 200);
    const seen: string[] = [];
    survivor.start(async (received) => {
      seen.push(received.text);
      return { outcome: 'done' };
    });
    await waitFor(() => seen.length === 1, 'the queue to get there', { timeoutMs: 10_000 });
    expect(seen).toEqual(['Còn Bạc Liêu thì sao?']);
    await survivor.drain();
  });
});
