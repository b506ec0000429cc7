import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeZaloOa } from '../helpers/fake-zalo-oa.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { BotProcess } from './bot-process.ts';
import { ChaosRedis } from './redis-server.ts';
import { postMessage, sendsPerUser, startZalo } from './zalo-traffic.ts';

/**
 * The short version of `npm run chaos`'s hang: Redis is stopped with SIGSTOP (its sockets stay open, nothing
 * answers). The bot must keep every door answering within the command deadline: /healthz says degraded,
 * /metrics and the chat API answer, webhooks are acknowledged and answered from memory, one warning is
 * logged for the outage, and all is back after SIGCONT.
 */

const COMMAND_TIMEOUT_MS = 300;
let redis: ChaosRedis;
let zalo: FakeZaloOa;
let bot: BotProcess;
let dataDir: string;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidap-hang-'));
  redis = await ChaosRedis.start();
  const started = await startZalo();
  zalo = started.zalo;
  bot = await BotProcess.start({
    ...started.env,
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
    DATA_DIR: dataDir,
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: 'info',
  });
}, 40_000);

afterAll(async () => {
  bot?.signal('SIGKILL');
  redis?.resume();
  await redis?.kill();
  await zalo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a hung Redis (SIGSTOP)', { timeout: 40_000 }, () => {
  it('never hangs the bot: degraded health, metrics at once, webhooks answered from memory, back after SIGCONT', async () => {
    expect(await postMessage(bot.url, 'hang-before')).toBe(200);
    await waitFor(() => sendsPerUser(zalo).get('hang-before'), 'the answer while Redis answers', { timeoutMs: 10_000 });

    redis.pause();
    const health = await timed(() => fetch(`${bot.url}/healthz`));
    expect(health.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 1500);
    expect(health.value.status).toBe(200);
    expect(await health.value.json()).toMatchObject({ status: 'degraded', redis: 'down' });

    const metrics = await timed(() => fetch(`${bot.url}/metrics`).then((response) => response.text()));
    expect(metrics.ms).toBeLessThan(1000);
    expect(metrics.value).toMatch(/hoidap_redis_up 0/);

    const chat = await timed(() =>
      fetch(`${bot.url}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'web-hang', text: 'ha tinh dvc muc 4 bao nhieu' }),
      }),
    );
    expect(chat.ms).toBeLessThan(COMMAND_TIMEOUT_MS * 4 + 1000);
    expect(chat.value.status).toBeLessThan(500);

    const users = Array.from({ length: 5 }, (_, i) => `hang-${i}`);
    const acks = await Promise.all(users.map((user) => timed(() => postMessage(bot.url, user))));
    expect(acks.map((ack) => ack.value)).toEqual([200, 200, 200, 200, 200]);
    // Zalo waits 2 s for its acknowledgement.
    expect(Math.max(...acks.map((ack) => ack.ms))).toBeLessThan(2000);
    await waitFor(() => users.every((user) => sendsPerUser(zalo).get(user)), 'the answers from memory', {
      timeoutMs: 10_000,
    });

    redis.resume();
    await waitFor(
      async () => ((await (await fetch(`${bot.url}/healthz`)).json()) as { redis: string }).redis === 'up',
      'Redis seen as back',
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(await postMessage(bot.url, 'hang-after')).toBe(200);
    await waitFor(() => sendsPerUser(zalo).get('hang-after'), 'the answer after SIGCONT', { timeoutMs: 10_000 });

    expect(bot.logged(/Redis is not answering/, 40)).toHaveLength(1);
    expect(bot.logged(/queue unavailable/, 40).length).toBeLessThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...sendsPerUser(zalo).values()].every((count) => count === 1)).toBe(true);
  });
});
