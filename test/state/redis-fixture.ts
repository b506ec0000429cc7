import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectTestRedis, deleteKeys, type TestRedisClient, uniquePrefix } from '../helpers/redis.ts';

export interface ContractRedis {
  /** The connection the stores under test share; open from beforeAll on. */
  client(): TestRedisClient;
  /** A fresh key prefix, whose keys are deleted after the test that took it. */
  prefix(): string;
  /** A connection of the test's own (a queue's reader, a second process), closed after the test. */
  connect(): Promise<TestRedisClient>;
}

/**
 * The real Redis for a contract file: call once at the top of the file. After each test the connections the
 * test opened are closed first (so nothing writes behind the cleanup), then every key under the prefixes it
 * took is deleted.
 */
export function useContractRedis(): ContractRedis {
  let shared: TestRedisClient | null = null;
  const prefixes: string[] = [];
  const clients: TestRedisClient[] = [];

  beforeAll(async () => {
    shared = await connectTestRedis();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const used of prefixes.splice(0)) await deleteKeys(shared!, used);
  });

  afterAll(async () => {
    await shared?.close();
  });

  return {
    client() {
      if (!shared) throw new Error('Redis is connected in beforeAll: use it inside a test');
      return shared;
    },
    prefix() {
      const fresh = uniquePrefix();
      prefixes.push(fresh);
      return fresh;
    },
    async connect() {
      const client = await connectTestRedis();
      clients.push(client);
      return client;
    },
  };
}
