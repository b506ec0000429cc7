import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZaloBotChannel, ZALO_BOT_MAX_TEXT_CHARS } from '../../../src/channels/zalo-bot/zalo-bot-channel.ts';
import type { Assistant } from '../../../src/pipeline/assistant.ts';
import type { MessageFlow } from '../../../src/pipeline/message-flow.ts';
import { NON_TEXT_TEXT } from '../../../src/pipeline/message-flow.ts';
import type { Channel } from '../../../src/ports/channel.ts';
import { ChannelError } from '../../../src/ports/channel-error.ts';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { FakeZaloBot } from '../../helpers/fake-zalo-bot.ts';
import {
  createTestFlow,
  loadAssistant,
  longAnswer,
  RecordingAssistant,
  silentLogger,
  type TestFlow,
} from '../../helpers/fake-zalo-kit.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The Zalo Bot Platform channel from the edge: webhook through Fastify, long polling and sends against a fake. */

const TOKEN = '1234567890:bot-secret-token';
const WEBHOOK_URL = 'https://hoidap.example.vn/webhooks/zalo-bot';
const SECRET = 'webhook-secret-123';
const HA_TINH_SOURCE = 'Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012';

let knowledge: Assistant;
let zalo: FakeZaloBot;
let assistant: RecordingAssistant;
let test: TestFlow;
let channel: Channel;
let server: FastifyInstance;
let nextId = 0;

beforeAll(async () => {
  knowledge = await loadAssistant();
});

beforeEach(async () => {
  zalo = await FakeZaloBot.start(TOKEN);
  assistant = new RecordingAssistant(knowledge);
});

afterEach(async () => {
  await channel.stop?.();
  await test.flow.drain();
  await server.close();
  await zalo.close();
});

function build(mode: 'webhook' | 'polling', flow?: (inner: MessageFlow) => Pick<MessageFlow, 'accept'>): void {
  test = createTestFlow(assistant);
  channel = createZaloBotChannel({
    config: {
      token: TOKEN,
      apiRoot: zalo.url,
      webhookUrl: mode === 'webhook' ? WEBHOOK_URL : null,
      webhookSecret: SECRET,
    },
    flow: flow ? flow(test.flow) : test.flow,
    logger: silentLogger,
    // The fake ignores it; long enough that only an aborted poll lets stop() return within the test timeout.
    pollTimeoutSeconds: 30,
    pollBackoffMs: () => 5,
  });
  test.flow.register(channel);
  test.flow.start();
  server = Fastify();
  channel.registerRoutes!(server);
}

/** An update as the platform sends it, with increasing ids. */
function update(eventName = 'message.text.received', text?: string) {
  const id = ++nextId;
  return {
    event_name: eventName,
    message: {
      message_id: `msg-${id}`,
      from: { id: `user-${id}`, display_name: 'Lan', is_bot: false },
      chat: { id: `chat-${id}`, chat_type: 'PRIVATE' },
      date: 1_750_316_131_602 + id,
      ...(text === undefined ? {} : { text }),
    },
  };
}

/** Waits for the one message the platform accepted and returns it. */
async function onlySent(what: string, timeoutMs?: number) {
  const sent = await waitFor(() => zalo.sentTexts().length === 1 && zalo.sentTexts(), what, { timeoutMs: timeoutMs });
  return sent[0]!;
}

function post(body: unknown, secret: string | null = SECRET) {
  return server.inject({
    method: 'POST',
    url: '/webhooks/zalo-bot',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-bot-api-secret-token': secret }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('webhook mode', () => {
  beforeEach(() => build('webhook'));

  it('registers the webhook URL with its secret at start', async () => {
    await channel.start!();
    expect(zalo.calls('setWebhook').map((call) => call.body)).toEqual([{ url: WEBHOOK_URL, secret_token: SECRET }]);
    expect(zalo.calls('getUpdates')).toHaveLength(0);
  });

  it.each([
    ['flat', (u: object) => u],
    ['wrapped in { ok, result }', (u: object) => ({ ok: true, result: u })],
  ])('answers a %s text update with a cited answer, in plain text to chat.id', async (_name, wrap) => {
    const body = update('message.text.received', 'ha tinh dvc muc 4 bao nhieu');
    const response = await post(wrap(body));
    expect(response.statusCode).toBe(200);
    const sent = await onlySent('the answer');
    expect(sent.chatId).toBe(body.message.chat.id);
    expect(sent.text).toContain('15%');
    expect(sent.text).toContain(HA_TINH_SOURCE);
    expect(Object.keys(zalo.calls('sendMessage')[0]!.body).sort()).toEqual(['chat_id', 'text']);
    expect(zalo.calls('sendChatAction').map((call) => call.body)).toEqual([
      { chat_id: body.message.chat.id, action: 'typing' },
    ]);
  });

  it.each([
    ['missing', null, 401],
    ['wrong', 'webhook-secret-124', 403],
    ['a prefix of the right one', SECRET.slice(0, -1), 403],
  ])('refuses a %s secret token and processes nothing', async (_name, secret, status) => {
    const response = await post(update('message.text.received', 'ha tinh dvc muc 4 bao nhieu'), secret);
    expect(response.statusCode).toBe(status);
    expect(test.accepted).toHaveLength(0);
    await test.idle();
    expect(zalo.calls()).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    expect((await post('{"event_name":')).statusCode).toBe(400);
    expect(test.accepted).toHaveLength(0);
  });

  it('acknowledges before a slow answer exists', async () => {
    assistant.delayMs = 3000;
    const response = await post(update('message.text.received', 'ha tinh dvc muc 4 bao nhieu'));
    expect(response.statusCode).toBe(200);
    expect(zalo.calls('sendMessage')).toHaveLength(0);
    const sent = await onlySent('the slow answer', 10_000);
    expect(sent.text).toContain('15%');
  });

  it('answers a re-delivered message_id once', async () => {
    const body = update('message.text.received', 'ha tinh dvc muc 4 bao nhieu');
    await post(body);
    await post({ ok: true, result: body });
    await waitFor(() => zalo.sentTexts().length === 1, 'the answer');
    await post(body);
    await test.idle();
    expect(zalo.calls('sendMessage')).toHaveLength(1);
  });

  it.each(['message.image.received', 'message.sticker.received', 'message.unsupported.received'])(
    '%s gets the note that the bot reads text',
    async (eventName) => {
      const body = update(eventName);
      await post(body);
      const sent = await onlySent('the note');
      expect(sent).toEqual({ chatId: body.message.chat.id, text: NON_TEXT_TEXT });
    },
  );

  it('acknowledges an unknown event without answering', async () => {
    expect((await post(update('message.reaction.received'))).statusCode).toBe(200);
    expect(test.accepted).toHaveLength(0);
  });
});

describe('long polling', () => {
  it('answers the updates between empty polls (408) and stops promptly, cutting the poll in flight', async () => {
    build('polling');
    const text = update('message.text.received', 'ha tinh dvc muc 4 bao nhieu');
    const sticker = update('message.sticker.received');
    zalo.pollScript.push(
      { error_code: 408, description: 'Request timeout' },
      { update: text },
      { error_code: 408, description: 'Request timeout' },
      { update: sticker },
    );
    await channel.start!();
    const sent = await waitFor(() => zalo.sentTexts().length === 2 && zalo.sentTexts(), 'both replies');
    expect(sent.find((s) => s.chatId === text.message.chat.id)?.text).toContain(HA_TINH_SOURCE);
    expect(sent.find((s) => s.chatId === sticker.message.chat.id)?.text).toBe(NON_TEXT_TEXT);
    expect(zalo.calls('getUpdates')[0]!.body).toEqual({ timeout: '30' });
    expect(zalo.calls('setWebhook')).toHaveLength(0);

    zalo.pollHoldMs = 60_000;
    const polls = zalo.calls('getUpdates').length;
    await waitFor(() => zalo.calls('getUpdates').length > polls, 'a held poll');
    await channel.stop!();
    const last = zalo.calls('getUpdates').at(-1)!;
    expect(zalo.wasAnswered(last.seq)).toBe(false);
    expect(zalo.calls('getUpdates')).toHaveLength(polls + 1);
  });

  it('keeps polling after failures, with backoff', async () => {
    build('polling');
    const text = update('message.text.received', 'ha tinh dvc muc 4 bao nhieu');
    zalo.pollScript.push(
      { status: 502, text: '<html>Bad Gateway</html>' },
      { error_code: 500, description: 'Internal error' },
      { update: text },
    );
    await channel.start!();
    await waitFor(() => zalo.sentTexts().length === 1, 'the answer');
  });

  it('offers an update again until the flow stores it', async () => {
    let attempts = 0;
    build('polling', (inner) => ({
      accept(message: IncomingMessage) {
        attempts++;
        return attempts === 1 ? Promise.reject(new Error('queue unavailable')) : inner.accept(message);
      },
    }));
    zalo.pollScript.push({ update: update('message.text.received', 'ha tinh dvc muc 4 bao nhieu') });
    await channel.start!();
    await waitFor(() => zalo.sentTexts().length === 1, 'the answer');
    expect(attempts).toBe(2);
  });

  it('serves no webhook route', async () => {
    build('polling');
    expect((await post(update('message.text.received', 'x'))).statusCode).toBe(404);
  });
});

describe('sending', () => {
  beforeEach(() => build('webhook'));

  const message = (): IncomingMessage => ({
    channel: 'zalo-bot',
    kind: 'text',
    messageId: `direct-${++nextId}`,
    userId: 'user-direct',
    chatId: 'chat-direct',
    text: 'câu hỏi',
    receivedAt: Date.now(),
  });

  it('splits over 2000 characters with the source on the last part', async () => {
    await channel.deliver(message(), { kind: 'answer', answer: longAnswer(4500) });
    const texts = zalo.sentTexts().map((sent) => String(sent.text));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(ZALO_BOT_MAX_TEXT_CHARS);
    expect(texts.slice(0, -1).join('')).not.toContain('Nguồn:');
    expect(texts.at(-1)).toContain(HA_TINH_SOURCE);
  });

  it.each([
    ['429', { error_code: 429, description: 'Too Many Requests', status: 429 }, true],
    ['a 5xx page', { status: 503, text: 'Service Unavailable' }, true],
    ['a refusal', { error_code: 400, description: 'Bad Request: chat not found', status: 400 }, false],
    ['an unauthorized token', { error_code: 401, description: 'Unauthorized', status: 401 }, false],
  ])('maps %s to a ChannelError (retryable: %s)', async (_name, failure, retryable) => {
    zalo.sendFailures.push(failure);
    const error = await channel
      .deliver(message(), { kind: 'notice', text: 'Xin chào' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).isRetryable).toBe(retryable);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});
