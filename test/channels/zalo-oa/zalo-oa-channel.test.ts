import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESET_TEXT } from '../../../src/answer/messages.ts';
import { createZaloOaChannel, ZALO_OA_MAX_TEXT_CHARS } from '../../../src/channels/zalo-oa/zalo-oa-channel.ts';
import { zaloOaSignature } from '../../../src/channels/zalo-oa/zalo-oa-signature.ts';
import { ZALO_OA_SECRET_NAMES } from '../../../src/channels/zalo-oa/zalo-oa-token-manager.ts';
import type { Assistant } from '../../../src/pipeline/assistant.ts';
import { type MessageFlow, NON_TEXT_TEXT } from '../../../src/pipeline/message-flow.ts';
import type { Channel } from '../../../src/ports/channel.ts';
import { ChannelError } from '../../../src/ports/channel-error.ts';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { MemorySecretStore } from '../../../src/state/secrets/memory.ts';
import {
  capturingLogger,
  createTestFlow,
  loadAssistant,
  longAnswer,
  RecordingAssistant,
  silentLogger,
  type TestFlow,
} from '../../helpers/fake-zalo-kit.ts';
import { FakeZaloOa } from '../../helpers/fake-zalo-oa.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The Official Account channel from the edge: signed webhooks in through Fastify, sends out to a fake Zalo. */

const APP_ID = '1234567890';
const OA_SECRET_KEY = 'oa-secret-key';
const APP_SECRET = 'app-secret';
const HA_TINH_SOURCE = 'Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012';

let knowledge: Assistant;
let zalo: FakeZaloOa;
let assistant: RecordingAssistant;
let test: TestFlow;
let secrets: MemorySecretStore;
let channel: Channel;
let server: FastifyInstance;
let nextId = 0;

beforeAll(async () => {
  knowledge = await loadAssistant();
});

interface BuildOptions {
  logger?: Logger;
  /** Stands between the channel and the flow, e.g. to make storing fail. */
  accept?: (inner: MessageFlow['accept']) => MessageFlow['accept'];
  ackTimeoutMs?: number;
}

function build({ logger = silentLogger, accept, ackTimeoutMs }: BuildOptions = {}): void {
  test = createTestFlow(assistant);
  channel = createZaloOaChannel({
    config: {
      appId: APP_ID,
      appSecret: APP_SECRET,
      oaSecretKey: OA_SECRET_KEY,
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      apiBase: zalo.url,
      oauthBase: zalo.url,
    },
    flow: accept ? { accept: accept(test.flow.accept) } : test.flow,
    secrets,
    logger,
    ...(ackTimeoutMs === undefined ? {} : { ackTimeoutMs }),
  });
  test.flow.register(channel);
  test.flow.start();
  server = Fastify();
  channel.registerRoutes!(server);
}

beforeEach(async () => {
  zalo = await FakeZaloOa.start({
    appId: APP_ID,
    appSecret: APP_SECRET,
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
  });
  assistant = new RecordingAssistant(knowledge);
  secrets = new MemorySecretStore();
  build();
});

afterEach(async () => {
  await test.flow.drain();
  await server.close();
  await zalo.close();
});

/** Zalo's clock: now, in milliseconds as text, a little later at every call so timestamps never collide. */
function zaloTime(offsetMs = 0): string {
  return String(Date.now() + offsetMs + ++nextId);
}

/** A webhook event as Zalo sends it, with increasing ids so tests never collide. */
function textEvent(text: string, user = `user-${++nextId}`) {
  const timestamp = zaloTime();
  return {
    app_id: APP_ID,
    user_id_by_app: `app-user-${nextId}`,
    event_name: 'user_send_text',
    timestamp,
    sender: { id: user },
    recipient: { id: 'oa-1' },
    message: { msg_id: `msg-${nextId}`, text },
  };
}

function otherEvent(eventName: string, extra: Record<string, unknown> = {}) {
  return {
    app_id: APP_ID,
    event_name: eventName,
    timestamp: zaloTime(),
    sender: { id: `user-${nextId}` },
    recipient: { id: 'oa-1' },
    message: {
      msg_id: `msg-${nextId}`,
      attachments: [{ type: 'image', payload: { url: 'https://example.invalid/a.jpg' } }],
    },
    ...extra,
  };
}

/** Waits for the one message Zalo accepted and returns it. */
async function onlySend(what: string, timeoutMs?: number) {
  const sends = await waitFor(() => zalo.sends().length === 1 && zalo.sends(), what, { timeoutMs: timeoutMs });
  return sends[0]!;
}

/** The header Zalo would send for these bytes; the overrides forge it. */
function sign(
  body: string,
  overrides: { appId?: string; rawBody?: string; timestamp?: string; oaSecretKey?: string } = {},
) {
  const timestamp = String((JSON.parse(body) as { timestamp?: unknown }).timestamp ?? '');
  return `mac=${zaloOaSignature({
    appId: overrides.appId ?? APP_ID,
    rawBody: Buffer.from(overrides.rawBody ?? body),
    timestamp: overrides.timestamp ?? timestamp,
    oaSecretKey: overrides.oaSecretKey ?? OA_SECRET_KEY,
  })}`;
}

/** Posts the exact bytes, signed as Zalo signs them (or with the header given). */
function post(body: string, options: { signature?: string | null; contentType?: string | null } = {}) {
  const signature = options.signature === undefined ? sign(body) : options.signature;
  const headers: Record<string, string> = {};
  if (signature !== null) headers['x-zevent-signature'] = signature;
  if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  return server.inject({ method: 'POST', url: '/webhooks/zalo', headers, payload: body });
}

function postEvent(event: object) {
  return post(JSON.stringify(event));
}

describe('answering a citizen', () => {
  it('answers a signed unaccented question with the figure first and the decision cited', async () => {
    const event = textEvent('ha tinh dvc muc 4 bao nhieu');
    const response = await postEvent(event);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({});

    const send = await onlySend('the answer');
    expect(send.userId).toBe(event.sender.id);
    expect(send.accessToken).toBe('access-0');
    expect(send.request.headers.authorization).toBeUndefined();
    expect(send.request.headers['content-type']).toContain('application/json');
    expect(send.text).toContain('15%');
    expect(send.text).toContain(HA_TINH_SOURCE);
    expect(send.text.indexOf('15%')).toBeLessThan(send.text.indexOf('Nguồn:'));
    expect(send.text).not.toMatch(/[*_`#<>]/);
    expect(JSON.parse(send.request.body)).toEqual({
      recipient: { user_id: event.sender.id },
      message: { text: send.text },
    });
  });

  it('resets the conversation on "xoá lịch sử"', async () => {
    await postEvent(textEvent('xoá lịch sử'));
    const send = await onlySend('the reset reply');
    expect(send.text).toBe(RESET_TEXT);
  });

  it('accepts a body without a content type, or with an odd one, as long as it is signed', async () => {
    expect(
      (await post(JSON.stringify(textEvent('ha tinh dvc muc 4 bao nhieu')), { contentType: null })).statusCode,
    ).toBe(200);
    expect(
      (await post(JSON.stringify(textEvent('ha tinh dvc muc 4 bao nhieu')), { contentType: 'text/plain' })).statusCode,
    ).toBe(200);
    await waitFor(() => zalo.sends().length === 2, 'both answers');
  });

  it('acknowledges within the 2 seconds however slow answering is: the 200 comes before the answer exists', async () => {
    assistant.delayMs = 3000;
    const response = await postEvent(textEvent('ha tinh dvc muc 4 bao nhieu'));
    expect(response.statusCode).toBe(200);
    expect(zalo.sendAttempts()).toHaveLength(0);
    expect(test.accepted).toHaveLength(1);

    const send = await onlySend('the slow answer', 10_000);
    expect(send.text).toContain('15%');
  });

  it('answers a re-delivered message once, whether the copy comes while answering or after', async () => {
    const body = JSON.stringify(textEvent('ha tinh dvc muc 4 bao nhieu'));
    expect((await post(body)).statusCode).toBe(200);
    expect((await post(body)).statusCode).toBe(200);
    await waitFor(() => zalo.sends().length === 1, 'the answer');
    expect((await post(body)).statusCode).toBe(200);
    await test.idle();
    expect(zalo.sendAttempts()).toHaveLength(1);
    expect(assistant.asked).toHaveLength(1);
  });
});

describe('when the message cannot be stored', () => {
  async function rebuild(options: BuildOptions) {
    await server.close();
    await test.flow.drain();
    build(options);
  }

  it('answers 503, so that Zalo delivers it again, and answers the re-delivery once', async () => {
    let attempts = 0;
    await rebuild({
      accept: (inner) => (message) =>
        ++attempts === 1 ? Promise.reject(new Error('queue unavailable')) : inner(message),
    });
    const body = JSON.stringify(textEvent('ha tinh dvc muc 4 bao nhieu'));
    expect((await post(body)).statusCode).toBe(503);
    expect((await post(body)).statusCode).toBe(200);
    const send = await onlySend('the answer');
    expect(send.text).toContain('15%');
  });

  it("answers 503 rather than miss Zalo's deadline when storing hangs", async () => {
    await rebuild({ accept: () => () => new Promise(() => {}), ackTimeoutMs: 50 });
    expect((await postEvent(textEvent('ha tinh dvc muc 4 bao nhieu'))).statusCode).toBe(503);
  });
});

describe('signatures', () => {
  it.each([
    ['a forged signature (wrong key)', (body: string) => sign(body, { oaSecretKey: 'guessed' })],
    ['a signature of other bytes', (body: string) => sign(body, { rawBody: `${body} ` })],
    ['a signature for another app', (body: string) => sign(body, { appId: '999' })],
    ['a truncated signature', (body: string) => sign(body).slice(0, 20)],
    ['an empty signature', () => ''],
    ['no signature at all', () => null],
  ])('refuses %s with 401 and processes nothing', async (_name, signature) => {
    const body = JSON.stringify(textEvent('ha tinh dvc muc 4 bao nhieu'));
    const response = await post(body, { signature: signature(body) });
    expect(response.statusCode).toBe(401);
    expect(test.accepted).toHaveLength(0);
    await test.idle();
    expect(zalo.requests).toHaveLength(0);
  });

  it('refuses a body whose timestamp was changed after signing', async () => {
    const event = textEvent('ha tinh dvc muc 4 bao nhieu');
    const response = await post(JSON.stringify({ ...event, timestamp: '1' }), {
      signature: sign(JSON.stringify(event)),
    });
    expect(response.statusCode).toBe(401);
    expect(test.accepted).toHaveLength(0);
  });

  it.each([
    ['signed in 2010 (a captured event replayed)', String(Date.UTC(2010, 0, 1))],
    ['signed 13 hours ago, past Zalo’s redeliveries', zaloTime(-13 * 60 * 60 * 1000)],
    ['signed an hour ahead of our clock', zaloTime(60 * 60 * 1000)],
    ['whose time is not a number', '2026-11-29T10:00:00Z'],
  ])('refuses a correctly signed event %s, and processes nothing', async (_, timestamp) => {
    const { logger, lines } = capturingLogger();
    await server.close();
    await test.flow.drain();
    build({ logger });
    const response = await postEvent({ ...textEvent('ha tinh dvc muc 4 bao nhieu'), timestamp });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'event time outside the accepted window' });
    expect(lines.some((line) => line.includes('outside the accepted time window'))).toBe(true);
    await test.idle();
    expect(test.accepted).toHaveLength(0);
  });

  it('takes a redelivery Zalo makes hours later, and answers it once', async () => {
    const event = { ...textEvent('ha tinh dvc muc 4 bao nhieu'), timestamp: zaloTime(-11 * 60 * 60 * 1000) };
    expect((await postEvent(event)).statusCode).toBe(200);
    expect((await postEvent(event)).statusCode).toBe(200);
    await onlySend('the answer');
    await test.idle();
    expect(zalo.sendAttempts()).toHaveLength(1);
  });

  it('answers 400 to a signed-looking body that is not JSON, and processes nothing', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' },
      payload: '{"event_name": "user_send_text",',
    });
    expect(response.statusCode).toBe(400);
    expect(test.accepted).toHaveLength(0);
  });
});

describe('every event type', () => {
  it('greets a new follower with example questions, once per follow', async () => {
    const follow = {
      app_id: APP_ID,
      event_name: 'follow',
      timestamp: zaloTime(),
      oa_id: 'oa-1',
      source: 'oa_profile',
      follower: { id: 'follower-1' },
    };
    const body = JSON.stringify(follow);
    expect((await post(body)).statusCode).toBe(200);
    expect((await post(body)).statusCode).toBe(200);
    const send = await onlySend('the greeting');
    await test.idle();
    expect(zalo.sendAttempts()).toHaveLength(1);
    expect(send.userId).toBe('follower-1');
    expect(send.text).toContain('Ví dụ câu hỏi');
    expect(test.accepted[0]).toMatchObject({ kind: 'start', messageId: `follow:follower-1:${follow.timestamp}` });
  });

  it.each([
    'user_send_image',
    'user_send_file',
    'user_send_sticker',
    'user_send_gif',
    'user_send_audio',
    'user_send_video',
    'user_send_location',
    'user_send_business_card',
  ])('%s gets the note that the bot reads text', async (eventName) => {
    const event = otherEvent(eventName);
    expect((await postEvent(event)).statusCode).toBe(200);
    const send = await onlySend('the note');
    expect(send).toMatchObject({ userId: event.sender.id, text: NON_TEXT_TEXT });
    expect(assistant.asked).toHaveLength(0);
  });

  it.each([
    ['unfollow', { follower: { id: 'follower-2' } }],
    [
      'oa_send_text',
      { sender: { id: 'oa-1' }, recipient: { id: 'user-9' }, message: { msg_id: 'echo-1', text: 'Xin chào' } },
    ],
    ['user_received_message', { message: { msg_ids: ['m1'] } }],
    ['user_seen_message', { message: { msg_ids: ['m1'] } }],
    ['user_click_button', {}],
    ['user_click_link', {}],
    ['an_event_from_the_future', {}],
  ])('%s is acknowledged and not answered', async (eventName, extra) => {
    const response = await postEvent(otherEvent(eventName, extra));
    expect(response.statusCode).toBe(200);
    expect(test.accepted).toHaveLength(0);
    await test.idle();
    expect(zalo.requests).toHaveLength(0);
  });
});

describe('sending', () => {
  const message = (overrides: Partial<IncomingMessage> = {}): IncomingMessage => ({
    channel: 'zalo-oa',
    kind: 'text',
    messageId: `direct-${++nextId}`,
    userId: 'user-direct',
    chatId: 'user-direct',
    text: 'câu hỏi',
    receivedAt: Date.now(),
    ...overrides,
  });

  it('splits an answer over 2000 characters at sentence ends, in order, with the source on the last part', async () => {
    const answer = longAnswer(4500);
    await channel.deliver(message(), { kind: 'answer', answer });
    const texts = zalo.sends().map((send) => send.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(ZALO_OA_MAX_TEXT_CHARS);
    for (const text of texts.slice(0, -1)) {
      expect(text).not.toContain('Nguồn:');
      expect(text).toMatch(/\.$/);
    }
    expect(texts.at(-1)).toMatch(/\n\nNguồn: Quyết định số 4086\/QĐ-UBND ngày 28\/12\/2012 của UBND tỉnh Hà Tĩnh\.$/);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toBe(answer.answer.replace(/\s+/g, ' '));
  });

  it('resumes a split reply where it failed instead of sending the first part again', async () => {
    const answer = longAnswer(3000);
    const first = message();
    zalo.sendFailures.push(null, 'server-error');
    const error = await channel.deliver(first, { kind: 'answer', answer }).catch((caught: unknown) => caught);
    expect((error as ChannelError).isRetryable).toBe(true);
    expect(zalo.sends()).toHaveLength(1);

    await channel.deliver(first, { kind: 'answer', answer });
    const texts = zalo.sends().map((send) => send.text);
    expect(texts).toHaveLength(2);
    expect(new Set(texts).size).toBe(2);
    expect(texts[1]).toContain('Nguồn:');
  });

  it.each([
    ['a 5xx page', 'server-error' as const, true],
    ['429', 'rate-limit' as const, true],
    ['a 400 page', 'html-error' as const, false],
    ['an API refusal (user not reachable)', { error: -213, message: 'User has not followed OA' }, false],
  ])('maps %s to a ChannelError (retryable: %s)', async (_name, failure, retryable) => {
    zalo.sendFailures.push(failure);
    const error = await channel
      .deliver(message(), { kind: 'notice', text: 'Xin chào' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).isRetryable).toBe(retryable);
    expect((error as ChannelError).channel).toBe('zalo-oa');
  });

  it('fails retryable when Zalo cannot be reached', async () => {
    await zalo.close();
    const error = await channel
      .deliver(message(), { kind: 'notice', text: 'Xin chào' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).isRetryable).toBe(true);
    zalo = await FakeZaloOa.start({
      appId: APP_ID,
      appSecret: APP_SECRET,
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
    });
  });

  it('retries a failed send through the flow until Zalo takes it', async () => {
    zalo.sendFailures.push('server-error');
    await postEvent(textEvent('ha tinh dvc muc 4 bao nhieu'));
    const send = await onlySend('the answer after a retry');
    expect(send.text).toContain('15%');
    expect(zalo.sendAttempts()).toHaveLength(2);
  });
});

describe('access tokens', () => {
  it('refreshes on -216, sends again with the new token, and stores the rotated refresh token', async () => {
    zalo.revoke('access-0');
    await postEvent(textEvent('ha tinh dvc muc 4 bao nhieu'));
    const send = await onlySend('the answer');
    expect(send.accessToken).toBe('access-1');

    const [refresh] = zalo.refreshes();
    expect(refresh!.request.headers.secret_key).toBe(APP_SECRET);
    expect(refresh!.request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(refresh!.form)).toEqual({
      refresh_token: 'refresh-0',
      app_id: APP_ID,
      grant_type: 'refresh_token',
    });
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.refreshToken)).toBe('refresh-1');
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.accessToken)).toBe('access-1');

    // The next expiry uses the stored refresh token, not the spent configured one.
    zalo.revoke('access-1');
    await postEvent(textEvent('ha tinh dvc muc 4 bao nhieu'));
    const sends = await waitFor(() => zalo.sends().length === 2 && zalo.sends(), 'the second answer');
    expect(sends[1]!.accessToken).toBe('access-2');
    expect(zalo.refreshes().map(({ form }) => form.get('refresh_token'))).toEqual(['refresh-0', 'refresh-1']);
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.refreshToken)).toBe('refresh-2');
  });

  it('collapses the refreshes of two sends refused at once into one request', async () => {
    zalo.revoke('access-0');
    zalo.refreshDelayMs = 100;
    zalo.sendDelayMs = 20;
    const deliveries = [1, 2].map((n) =>
      channel.deliver(
        {
          channel: 'zalo-oa',
          kind: 'text',
          messageId: `at-once-${n}`,
          userId: `u${n}`,
          chatId: `u${n}`,
          text: 'x',
          receivedAt: 0,
        },
        { kind: 'notice', text: `Tin ${n}` },
      ),
    );
    await Promise.all(deliveries);
    expect(zalo.refreshes()).toHaveLength(1);
    expect(zalo.sends().map((send) => send.accessToken)).toEqual(['access-1', 'access-1']);
    expect(zalo.sendAttempts().filter((request) => request.headers.access_token === 'access-0')).toHaveLength(2);
  });

  it('logs a failed refresh without any token and fails the send retryable', async () => {
    await server.close();
    await test.flow.drain();
    const { logger, lines } = capturingLogger();
    build({ logger });
    zalo.revoke('access-0');
    zalo.refreshFailures.push('invalid-refresh-token');
    const error = await channel
      .deliver(
        {
          channel: 'zalo-oa',
          kind: 'text',
          messageId: 'refresh-fails',
          userId: 'u',
          chatId: 'u',
          text: 'x',
          receivedAt: 0,
        },
        { kind: 'notice', text: 'Xin chào' },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).isRetryable).toBe(true);
    const log = lines.join('\n');
    expect(log).toContain('refreshing the Zalo OA access token failed');
    for (const secret of ['access-0', 'refresh-0', APP_SECRET, OA_SECRET_KEY]) expect(log).not.toContain(secret);
  });
});
