import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeZaloOa, startZaloOaSetup, zaloOaWebhookSignature } from './helpers/fake-zalo-oa.ts';
import { freePort } from './helpers/free-port.ts';
import { waitFor } from './helpers/wait-for.ts';

/**
 * `npm start` with the Official Account settings pointing at an OA-compatible server: a signed
 * user_send_text gets a cited answer within the limits, a forged request is rejected, a re-delivered
 * message is answered once.
 */

const root = new URL('..', import.meta.url).pathname;
const APP_ID = '4242424242';
const OA_SECRET_KEY = 'oa-secret-key-for-tests';
let zalo: FakeZaloOa;
let bot: ChildProcess;
let base: string;

function signedEvent(event: object): { body: string; signature: string } {
  const body = JSON.stringify(event);
  const timestamp = String((event as { timestamp: string }).timestamp);
  return { body, signature: zaloOaWebhookSignature(APP_ID, OA_SECRET_KEY, body, timestamp) };
}

function post(body: string, signature: string) {
  return fetch(`${base}/webhooks/zalo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zevent-signature': signature },
    body,
  });
}

beforeAll(async () => {
  const setup = await startZaloOaSetup(APP_ID, OA_SECRET_KEY);
  zalo = setup.zalo;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      ...setup.env,
      KNOWLEDGE_WATCH: 'false',
      LOG_LEVEL: 'warn',
      // Its own journal folder, so no other run's messages are replayed here, and a short drain at the end.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hoidap-e2e-')),
      SHUTDOWN_DRAIN_MS: '2000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, 'the bot to be ready', {
    timeoutMs: 20_000,
    intervalMs: 100,
  });
});

afterAll(async () => {
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.once('exit', resolve));
  await zalo.close();
});

describe('npm start with the Zalo Official Account', () => {
  it('answers a signed question with its source, rejects a forged one, answers a re-delivery once', async () => {
    const event = {
      app_id: APP_ID,
      event_name: 'user_send_text',
      // Signed now: the webhook refuses events older than Zalo redelivers (a replay).
      timestamp: String(Date.now()),
      sender: { id: 'citizen-1' },
      recipient: { id: 'oa-1' },
      message: { msg_id: 'msg-e2e-1', text: 'ha tinh dvc muc 4 bao nhieu' },
    };
    const { body, signature } = signedEvent(event);

    const forged = await post(body, `mac=${'0'.repeat(64)}`);
    expect(forged.status).toBe(401);

    expect((await post(body, signature)).status).toBe(200);
    expect((await post(body, signature)).status).toBe(200);
    const [send] = await waitFor(() => zalo.sends().length > 0 && zalo.sends(), 'the answer sent to Zalo', {
      timeoutMs: 10_000,
    });
    expect(send!.userId).toBe('citizen-1');
    expect(send!.text).toContain('15%');
    expect(send!.text).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh');
    expect(send!.text.length).toBeLessThanOrEqual(2000);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(zalo.sends()).toHaveLength(1);
  });
});
