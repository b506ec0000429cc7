import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisMessageQueue } from '../../../src/state/queue/redis.ts';
import { connectTestRedis, deleteKeys, type TestRedisClient, uniquePrefix } from '../../helpers/redis.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { message, messageQueueContract } from './contract.ts';

const silent = pino({ level: 'silent' });
const clients: TestRedisClient[] = [];
const prefixes: string[] = [];
let admin: TestRedisClient;

beforeAll(async () => {
  admin = await connectTestRedis();
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(admin, prefix);
  for (const client of clients) await client.close();
  await admin.close();
});

async function queueAt(prefix: string, concurrency: number, claimIdleMs = 30_000): Promise<RedisMessageQueue> {
  const redis = await connectTestRedis();
  const reader = await connectTestRedis();
  clients.push(redis, reader);
  return new RedisMessageQueue({ redis, openReader: () => reader, prefix, concurrency, claimIdleMs, logger: silent });
}

messageQueueContract('RedisMessageQueue', async (concurrency) => {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  return queueAt(prefix, concurrency);
});

describe('RedisMessageQueue across processes', () => {
  it('splits the work between two consumers of one queue, each message once', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const [first, second] = [await queueAt(prefix, 2), await queueAt(prefix, 2)];
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

  it('takes over the messages a dead consumer left unacknowledged', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const dying = await queueAt(prefix, 1, 200);
    let taken = false;
    // This consumer takes the message and never finishes: as if its process were killed.
    dying.start(async () => {
      taken = true;
      return new Promise(() => {});
    });
    await dying.enqueue(message('Còn Bạc Liêu thì sao?'));
    await waitFor(() => taken, 'the queue to get there', { timeoutMs: 10_000 });
    const survivor = await queueAt(prefix, 1, 200);
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
