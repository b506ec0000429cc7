import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeZaloOa } from '../helpers/fake-zalo-oa.ts';
import { freePort } from '../helpers/free-port.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { BotProcess } from './bot-process.ts';
import { postMessage, sendsPerUser, startZalo } from './zalo-traffic.ts';

/**
 * The short version of `npm run chaos`'s kills: with Redis away, acknowledged messages wait in the memory
 * queue. A SIGKILL must not lose them (the journal in DATA_DIR is replayed at the next start), and a SIGTERM
 * answers them before exit while /healthz says 503. Every message is answered exactly once here.
 */

let zalo: FakeZaloOa;
let zaloEnv: Record<string, string>;
let dataDir: string;
let deadRedisUrl: string;
const bots: BotProcess[] = [];

async function startBot(extra: Record<string, string> = {}): Promise<BotProcess> {
  const bot = await BotProcess.start({
    ...zaloEnv,
    REDIS_URL: deadRedisUrl,
    DATA_DIR: dataDir,
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: 'info',
    ...extra,
  });
  bots.push(bot);
  return bot;
}

async function postAll(bot: BotProcess, users: string[]): Promise<number[]> {
  return Promise.all(users.map((user) => postMessage(bot.url, user)));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidap-ack-'));
  // Nothing listens there: Redis is down from the start, so every message goes to the memory queue.
  deadRedisUrl = `redis://127.0.0.1:${await freePort()}`;
  ({ zalo, env: zaloEnv } = await startZalo());
});

afterAll(async () => {
  for (const bot of bots) bot.signal('SIGKILL');
  await zalo.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('acknowledged messages with Redis away', { timeout: 60_000 }, () => {
  it('survive a SIGKILL: the next start answers each of them once', async () => {
    // Zalo fails every send for now, so the messages stay waiting in the memory queue.
    zalo.sendFailures = Array.from({ length: 1000 }, () => 'server-error' as const);
    const first = await startBot();
    const users = Array.from({ length: 6 }, (_, i) => `kill-${i}`);
    expect(await postAll(first, users)).toEqual(users.map(() => 200));
    await waitFor(() => zalo.sendAttempts().length >= users.length, 'a first, failed, send of each');
    first.signal('SIGKILL');
    await first.exited;

    zalo.sendFailures = [];
    const second = await startBot();
    await waitFor(() => users.every((user) => sendsPerUser(zalo).get(user)), 'every message answered', {
      timeoutMs: 20_000,
    });
    expect(second.logged(/the last run left/)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(users.map((user) => sendsPerUser(zalo).get(user))).toEqual(users.map(() => 1));
    second.signal('SIGKILL');
    await second.exited;
  });

  it('are answered before a SIGTERM exit, /healthz answering 503 meanwhile', async () => {
    zalo.sendDelayMs = 150;
    const bot = await startBot({ QUEUE_CONCURRENCY: '1', SHUTDOWN_DRAIN_MS: '10000' });
    const users = Array.from({ length: 8 }, (_, i) => `term-${i}`);
    expect(await postAll(bot, users)).toEqual(users.map(() => 200));
    let exited = false;
    void bot.exited.then(() => {
      exited = true;
    });
    bot.signal('SIGTERM');
    const statuses = new Set<number>();
    while (!exited) {
      const health = await fetch(`${bot.url}/healthz`).catch(() => null);
      if (health) statuses.add(health.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await bot.exited).code).toBe(0);
    expect(statuses.has(503)).toBe(true);
    expect(users.map((user) => sendsPerUser(zalo).get(user))).toEqual(users.map(() => 1));
    zalo.sendDelayMs = 0;
  });
});
