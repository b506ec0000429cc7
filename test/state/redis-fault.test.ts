import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { PrivateRedis } from '../helpers/redis.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * Redis going away while messages flow: a private redis-server is killed and restarted; answers continue
 * throughout, one warning is logged per outage (not per message), and history resumes after the restart.
 */

let redis: PrivateRedis;
let app: App;
const logLines: Array<{ level: number; msg: string }> = [];

beforeAll(async () => {
  redis = await PrivateRedis.start();
  const sink = new Writable({
    write(chunk: Buffer, _, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ REDIS_URL: redis.url, REDIS_PREFIX: 'fault:', KNOWLEDGE_WATCH: 'false' });
  app = await createApp({ config, logger: pino({ level: 'debug' }, sink) });
});

afterAll(async () => {
  await app.close();
  await redis.stop();
});

const ask = (user: string, text: string) => app.assistant.ask({ channel: 'zalo-oa', user, text });

describe('Redis outage', { timeout: 60_000 }, () => {
  it('keeps answering, warns once per outage, and resumes history after a restart', async () => {
    await ask('an', 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?');
    expect((await ask('an', 'Còn Quảng Bình thì sao?')).citations[0]!.number).toBe('2972/QĐ-UBND');

    await redis.stop();
    await waitFor(() => !app.redis!.isReady(), 'Redis seen as down', { timeoutMs: 15_000 });
    const warningsBefore = logLines.filter((line) => line.level === 40).length;
    for (let i = 0; i < 20; i++) {
      const answer = await ask(`user-${i}`, 'ha tinh dvc muc 4 bao nhieu');
      expect(answer.answer).toContain('15%');
    }
    const warningsDuring = logLines.filter((line) => line.level === 40).length - warningsBefore;
    expect(warningsDuring).toBeLessThanOrEqual(3);

    await redis.restart();
    await waitFor(() => app.redis!.isReady(), 'Redis back', { timeoutMs: 15_000 });
    await ask('binh', 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?');
    expect((await ask('binh', 'Còn Quảng Bình thì sao?')).citations[0]!.number).toBe('2972/QĐ-UBND');
    expect(logLines.some((line) => /back|available again/.test(line.msg))).toBe(true);
  });
});
