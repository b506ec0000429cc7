import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/answer.ts';
import { formatReply, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/format-reply.ts';
import { createTelegramChannel } from '../../../src/channels/telegram/telegram-channel.ts';
import { ChannelError } from '../../../src/ports/channel-error.ts';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { createTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

/** `deliver` on its own: how replies are cut, resumed after a 429, and how failures are classified. */

const SOURCE = 'Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.';

let h: TelegramHarness;
let nextId = 1;

function message(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    channel: 'telegram',
    kind: 'text',
    messageId: `deliver-${nextId++}`,
    userId: '900',
    chatId: '900',
    text: 'câu hỏi',
    receivedAt: Date.now(),
    ...overrides,
  };
}

function longAnswer(): Answer {
  const body = Array.from(
    { length: 90 },
    (_, i) => `Mục ${i + 1}: tại TP. Hồ Chí Minh, kinh phí 57,600 tỷ đồng cho 1.000 máy trạm & mạng nội bộ.`,
  ).join(' ');
  return { answer: `${body}\n\n${SOURCE}`, grounded: true, citations: [], outcome: 'answered' };
}

async function deliverError(promise: Promise<void>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

beforeAll(async () => {
  h = await createTelegramHarness({ mode: 'webhook' });
});

afterAll(async () => {
  await h.close();
});

describe('deliver', () => {
  it('sends a long answer in parts under 4096 characters, the source in bold on the last', async () => {
    const before = h.fake.sent().length;
    await h.channel.deliver(message(), { kind: 'answer', answer: longAnswer() });
    const parts = h.fake
      .sent()
      .slice(before)
      .map((call) => String(call.params.text));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.at(-1)!.endsWith(`<b>${SOURCE}</b>`)).toBe(true);
    expect(parts.slice(0, -1).every((part) => !part.includes('<b>') && part.endsWith('.'))).toBe(true);
  });

  it('after a 429 in the middle, says when to retry, and the retry sends only the parts still missing', async () => {
    const target = message();
    const reply = { kind: 'answer' as const, answer: longAnswer() };
    const expected = formatReply(reply);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const before = h.fake.calls.length;
    h.fake.failNext('sendMessage', 1, { status: 429, retryAfter: 1 }, { after: 1 });

    const error = await deliverError(h.channel.deliver(target, reply));
    expect(error).toMatchObject({ isRetryable: true, retryAfterMs: 1000 });
    // The flow's retry (its backoff is the flow's business, not the channel's).
    await h.channel.deliver(target, reply);

    const calls = h.fake.calls.slice(before);
    const sends = calls.filter((call) => call.method === 'sendMessage');
    expect(sends.map((call) => call.status)).toEqual([200, 429, ...expected.slice(1).map(() => 200)]);
    expect(sends.filter((call) => call.status === 200).map((call) => call.params.text)).toEqual(expected);
    expect(calls.filter((call) => call.method === 'sendChatAction')).toHaveLength(1);
  });

  it('classifies failures: 429 and 5xx retryable, 403 not', async () => {
    h.fake.failNext('sendMessage', 1, { status: 429, retryAfter: 7 });
    const limited = await deliverError(h.channel.deliver(message(), { kind: 'notice', text: 'x' }));
    expect(limited).toMatchObject({ isRetryable: true, retryAfterMs: 7000, channel: 'telegram' });

    h.fake.failNext('sendMessage', 1, { status: 502 });
    expect(await deliverError(h.channel.deliver(message(), { kind: 'notice', text: 'x' }))).toMatchObject({
      isRetryable: true,
      retryAfterMs: null,
    });

    h.fake.failNext('sendMessage', 1, { status: 403, description: 'Forbidden: bot was blocked by the user' });
    const blocked = await deliverError(h.channel.deliver(message(), { kind: 'notice', text: 'x' }));
    expect(blocked.isRetryable).toBe(false);
    expect(blocked.message).toContain('bot was blocked by the user');

    h.fake.failNext('sendMessage', 1, { status: 400, description: 'Bad Request: chat not found' });
    expect((await deliverError(h.channel.deliver(message(), { kind: 'notice', text: 'x' }))).isRetryable).toBe(false);
  });

  it('still answers when the typing indicator fails', async () => {
    h.fake.failNext('sendChatAction', 1, { status: 500 });
    const before = h.fake.sent().length;
    await h.channel.deliver(message(), { kind: 'notice', text: 'Vẫn trả lời.' });
    expect(
      h.fake
        .sent()
        .slice(before)
        .map((call) => call.params.text),
    ).toEqual(['Vẫn trả lời.']);
  });

  it('treats an unreachable Bot API as retryable, without the token in the error', async () => {
    const channel = createTelegramChannel({
      config: {
        token: h.fake.token,
        apiRoot: 'http://127.0.0.1:9',
        webhookUrl: null,
        webhookSecret: null,
        adminIds: [],
      },
      flow: { accept: async () => 'queued' },
      library: h.library,
      questionLog: { stats: async (day) => ({ day, questions: 0, unanswered: 0 }) },
      logger: pino({ level: 'silent' }),
    });
    const error = await deliverError(channel.deliver(message(), { kind: 'notice', text: 'x' }));
    expect(error.isRetryable).toBe(true);
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(
      h.fake.token.split(':')[1]!,
    );
  });
});

describe('start', () => {
  it('fails with a clear, token-free error when Telegram refuses the token', async () => {
    const wrongToken = '999999:WRONG-secret_value';
    const channel = createTelegramChannel({
      config: { token: wrongToken, apiRoot: h.fake.apiRoot, webhookUrl: null, webhookSecret: null, adminIds: [] },
      flow: { accept: async () => 'queued' },
      library: h.library,
      questionLog: { stats: async (day) => ({ day, questions: 0, unanswered: 0 }) },
      logger: pino({ level: 'silent' }),
    });
    const error = await channel.start().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ isRetryable: false, message: 'getMe failed: 401: Unauthorized' });
    await channel.stop();
  });
});
