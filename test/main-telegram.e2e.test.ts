import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from './helpers/fake-telegram.ts';
import { textUpdate } from './helpers/telegram-updates.ts';
import { waitFor } from './helpers/wait-for.ts';

/**
 * `npm start` with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT pointing at a Bot-API-compatible server:
 * the whole process, long polling, answering /start, a cited question, a follow-up, an unaccented
 * question and a 5,000-character message.
 */

const root = new URL('..', import.meta.url).pathname;
let telegram: FakeTelegram;
let bot: ChildProcess;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      PORT: '0',
      KNOWLEDGE_WATCH: 'false',
      LOG_LEVEL: 'warn',
      // Its own journal folder, so no other run's messages are replayed here, and a short drain at the end.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hoidap-e2e-')),
      SHUTDOWN_DRAIN_MS: '2000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

afterAll(async () => {
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.once('exit', resolve));
  await telegram.close();
});

describe('npm start with Telegram', () => {
  it('answers /start, questions with citations, follow-ups, unaccented and very long messages', async () => {
    telegram.queueUpdate(textUpdate('/start'));
    const greeting = await waitFor(() => telegram.sent()[0], 'the /start reply', { timeoutMs: 20_000 });
    expect(String(greeting.params.text)).toContain('Hà Tĩnh');

    telegram.queueUpdate(textUpdate('Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?'));
    const answer = await waitFor(() => telegram.sent()[1], 'the answer');
    expect(String(answer.params.text)).toContain('15%');
    expect(String(answer.params.text)).toContain(
      '<b>Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.</b>',
    );

    telegram.queueUpdate(textUpdate('Còn Quảng Bình thì sao?'));
    const followUp = await waitFor(() => telegram.sent()[2], 'the follow-up');
    expect(String(followUp.params.text)).toContain('2972/QĐ-UBND');

    telegram.queueUpdate(textUpdate('bac lieu tong kinh phi bao nhieu'));
    const unaccented = await waitFor(() => telegram.sent()[3], 'the unaccented answer');
    expect(String(unaccented.params.text)).toContain('57,600 tỷ đồng');

    telegram.queueUpdate(
      textUpdate(`Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4? ${'Xin cảm ơn. '.repeat(420)}`),
    );
    const long = await waitFor(() => telegram.sent()[4], 'the answer to a 5,000-character message');
    expect(String(long.params.text)).toContain('15%');
  });
});
