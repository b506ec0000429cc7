import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { createApp, serverDependencies } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createServer } from '../../../src/server/create-server.ts';
import { connectTestRedis, deleteKeys } from '../../helpers/redis.ts';
import { memoryNow } from '../measure.ts';
import { BENCH_CHAT_KEY } from '../run-workers.ts';
import { emit, runWorker } from './worker-io.ts';

/** The machine's Redis; the run uses keys under a prefix of its own and deletes them when it stops. */
export const BENCH_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * `serve <memory|redis>`: the whole bot over HTTP for autocannon, on 127.0.0.1 (a free port, reported),
 * with the bundled knowledge, the rate limit out of the way and logging off. Stops on "stop" on stdin;
 * with Redis it then deletes every key of its prefix and reports how many there were.
 */
async function main(args: readonly string[]): Promise<void> {
  const store = args[0];
  if (store !== 'memory' && store !== 'redis') throw new Error(`unknown store ${store}`);
  const prefix = `bench:${randomUUID().slice(0, 12)}:`;
  const config = loadConfig({
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    CHAT_API_KEYS: BENCH_CHAT_KEY,
    ...(store === 'redis' ? { REDIS_URL: BENCH_REDIS_URL, REDIS_PREFIX: prefix } : {}),
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  if (store === 'redis' && !app.redis?.isReady()) throw new Error(`Redis at ${BENCH_REDIS_URL} did not answer`);
  const server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  emit({ event: 'listening', port: typeof address === 'object' && address ? address.port : 0, store });
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'stop') break;
  const memory = memoryNow();
  await server.close();
  await app.close();
  let deletedKeys = 0;
  if (store === 'redis') {
    const client = await connectTestRedis(BENCH_REDIS_URL);
    try {
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) deletedKeys += batch.length;
      await deleteKeys(client, prefix);
      let left = 0;
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) left += batch.length;
      if (left > 0) throw new Error(`${left} keys under ${prefix} were not deleted`);
    } finally {
      await client.close();
    }
  }
  emit({ event: 'stopped', memory, deletedKeys, prefix: store === 'redis' ? prefix : null });
}

runWorker(main);
