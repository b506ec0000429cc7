import { pino } from 'pino';
import type { Stores } from '../../src/app.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';

/**
 * `npm run bench:stores [-- --json]`: what shared state costs. Store operations per second and the added
 * latency per answered message, memory against Redis (the machine's 127.0.0.1:6379).
 */

const OPERATIONS = 5000;
const MESSAGES = 2000;

async function opsPerSecond(_label: string, operations: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < operations; i++) await run(i);
  const perSecond = operations / ((performance.now() - started) / 1000);
  return Math.round(perSecond);
}

async function measure(redisUrl: string | null) {
  const prefix = uniquePrefix();
  const env: NodeJS.ProcessEnv = {
    KNOWLEDGE_WATCH: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: prefix } : {}),
  };
  const app = await createApp({ config: loadConfig(env), logger: pino({ level: 'silent' }) });
  const stores: Stores = app.stores;
  const turn = {
    question: 'ha tinh dvc muc 4',
    provinces: ['Hà Tĩnh'],
    documentIds: ['ha-tinh'],
    terms: ['dich', 'vu', 'cong'],
    intent: 'fact',
    grounded: true,
    at: 0,
  };
  const result = {
    conversationAppendPerS: await opsPerSecond('append', OPERATIONS, (i) =>
      stores.conversations.append(`bench:${i % 100}`, turn),
    ),
    conversationReadPerS: await opsPerSecond('recent', OPERATIONS, (i) =>
      stores.conversations.recent(`bench:${i % 100}`),
    ),
    ledgerClaimCompletePerS: await opsPerSecond('ledger', OPERATIONS, async (i) => {
      await stores.ledger.claim(`bench:${i}`, 30_000, 'bench');
      await stores.ledger.complete(`bench:${i}`);
    }),
    rateLimitPerS: await opsPerSecond('rate', OPERATIONS, (i) => stores.rateLimiter.consume(`bench:${i % 100}`)),
    answerMsP50: 0,
  };
  const timings: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const started = performance.now();
    await app.assistant.ask({
      channel: 'bench',
      user: `u${i % 50}`,
      text: i % 2 ? 'ha tinh dvc muc 4 bao nhieu' : 'Còn Quảng Bình thì sao?',
    });
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  result.answerMsP50 = Number(timings[Math.floor(timings.length / 2)]!.toFixed(3));
  await app.close();
  if (redisUrl) {
    const client = await connectTestRedis(redisUrl);
    await deleteKeys(client, prefix);
    await client.close();
  }
  return result;
}

const memory = await measure(null);
const redis = await measure('redis://127.0.0.1:6379');
const result = {
  memory,
  redis,
  addedMsPerMessageWithRedis: Number((redis.answerMsP50 - memory.answerMsP50).toFixed(3)),
};
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write('| measure | memory | Redis |\n| --- | --- | --- |\n');
  for (const key of Object.keys(memory) as Array<keyof typeof memory>) {
    process.stdout.write(`| ${key} | ${memory[key]} | ${redis[key]} |\n`);
  }
  process.stdout.write(`\nadded latency per message with Redis (p50): ${result.addedMsPerMessageWithRedis} ms\n`);
}
