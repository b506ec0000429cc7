import { afterAll, afterEach, beforeAll } from 'vitest';
import { RedisConversationStore } from '../../src/state/conversations/redis.ts';
import { RedisDeliveryLedger } from '../../src/state/deliveries/redis.ts';
import { RedisQuestionLog } from '../../src/state/question-log/redis.ts';
import { RedisRateLimiter } from '../../src/state/rate-limits/redis.ts';
import { RedisSecretStore } from '../../src/state/secrets/redis.ts';
import { connectTestRedis, deleteKeys, type TestRedisClient, uniquePrefix } from '../helpers/redis.ts';
import { conversationStoreContract } from './conversations/contract.ts';
import {
  deliveryLedgerContract,
  questionLogContract,
  rateLimiterContract,
  secretStoreContract,
} from './store-contracts.ts';

/** The same contracts as the memory stores, against a real Redis; each store gets a fresh prefix. */

let redis: TestRedisClient;
const prefixes: string[] = [];

function prefix(): string {
  const fresh = uniquePrefix();
  prefixes.push(fresh);
  return fresh;
}

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterEach(async () => {
  for (const used of prefixes.splice(0)) await deleteKeys(redis, used);
});

afterAll(async () => {
  await redis.close();
});

conversationStoreContract(
  'RedisConversationStore',
  ({ maxTurns, ttlMs, now }) => new RedisConversationStore(redis, prefix(), { maxTurns, ttlMs }, now),
);
deliveryLedgerContract('RedisDeliveryLedger', (doneTtlMs) => new RedisDeliveryLedger(redis, prefix(), doneTtlMs));
rateLimiterContract('RedisRateLimiter', (limit, now) => new RedisRateLimiter(redis, prefix(), limit, now));
questionLogContract('RedisQuestionLog', () => new RedisQuestionLog(redis, prefix()));
secretStoreContract('RedisSecretStore', () => new RedisSecretStore(redis, prefix()));
