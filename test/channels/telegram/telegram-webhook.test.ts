import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_COMMAND_TEXT } from '../../../src/channels/telegram/command-replies.ts';
import { NON_TEXT_TEXT } from '../../../src/pipeline/message-flow.ts';
import {
  editedTextUpdate,
  GROUP,
  OFFICIAL,
  photoUpdate,
  stickerUpdate,
  type TelegramUserFixture,
  textUpdate,
} from '../../helpers/telegram-updates.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

/** The channel from the edge: updates posted to the webhook route, replies read from the fake Bot API. */

const HA_TINH_QUESTION = 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?';
const HA_TINH_SOURCE = '<b>Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012';

let h: TelegramHarness;
let nextUserId = 5000;
/** A fresh user per test, so conversations never mix. */
function newUser(): TelegramUserFixture {
  return { id: nextUserId++, is_bot: false, first_name: 'Cán bộ' };
}

beforeAll(async () => {
  h = await createTelegramHarness({ mode: 'webhook' });
});

afterAll(async () => {
  await h.close();
});

describe('start-up in webhook mode', () => {
  it('registers the webhook with the secret and only the updates it handles', () => {
    expect(h.fake.callsTo('getMe')).toHaveLength(1);
    expect(h.fake.callsTo('setWebhook')[0]!.params).toEqual({
      url: 'https://bot.example.gov.vn/webhooks/telegram',
      secret_token: 'test_secret-Token_123',
      allowed_updates: ['message'],
    });
    expect(h.fake.callsTo('deleteWebhook')).toHaveLength(0);
  });
});

describe('commands', () => {
  it('/start greets, says what it covers and gives example questions', async () => {
    const reply = await h.ask(textUpdate('/start', { from: newUser() }));
    const text = String(reply.params.text);
    expect(text.startsWith('Xin chào!')).toBe(true);
    expect(text).toContain('Ví dụ câu hỏi');
    expect(text).toContain('Hà Tĩnh đặt mục tiêu bao nhiêu phần trăm dịch vụ công trực tuyến mức độ 4?');
    expect(text).toContain('Quy hoạch CNTT của Quảng Bình được phê duyệt ngày nào?');
    expect(reply.params.parse_mode).toBe('HTML');
  });

  it('/help gives the help', async () => {
    const text = String((await h.ask(textUpdate('/help', { from: newUser() }))).params.text);
    expect(text).toContain('luôn ghi rõ nguồn');
    expect(text).toContain('Ví dụ câu hỏi');
  });

  it('/nguon lists the documents with number, date, province and title', async () => {
    const text = String((await h.ask(textUpdate('/nguon', { from: newUser() }))).params.text);
    expect(text).toContain('Hà Tĩnh: Quyết định số 4086/QĐ-UBND ngày 28/12/2012');
    expect(text).toContain('Quảng Bình: Quyết định số 2972/QĐ-UBND ngày 24/8/2017');
    expect(text).toContain('phê duyệt điều chỉnh Quy hoạch phát triển CNTT đến năm 2020');
  });

  it('/reset clears the conversation', async () => {
    const text = String((await h.ask(textUpdate('/reset', { from: newUser() }))).params.text);
    expect(text).toContain('Đã xoá lịch sử');
  });

  it('an unknown command gets the command list', async () => {
    const text = String((await h.ask(textUpdate('/xyz', { from: newUser() }))).params.text);
    expect(text).toBe(UNKNOWN_COMMAND_TEXT.replace('<câu hỏi>', '&lt;câu hỏi&gt;'));
  });
});

describe('questions', () => {
  it('answers with the figure and the source in bold, after a typing indicator', async () => {
    const user = newUser();
    const update = textUpdate(HA_TINH_QUESTION, { from: user });
    const reply = await h.ask(update);
    expect(reply.params).toMatchObject({ chat_id: String(user.id), parse_mode: 'HTML' });
    expect(String(reply.params.text)).toContain('15%');
    expect(String(reply.params.text)).toContain(HA_TINH_SOURCE);
    expect(String(reply.params.text).endsWith('</b>')).toBe(true);
    expect(reply.params.reply_parameters).toBeUndefined();
    const typing = h.fake.calls.findIndex(
      (call) => call.method === 'sendChatAction' && call.params.chat_id === String(user.id),
    );
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(h.fake.calls[typing]!.params.action).toBe('typing');
    expect(typing).toBeLessThan(h.fake.calls.indexOf(reply));
  });

  it('follows up on the previous question', async () => {
    const user = newUser();
    await h.ask(textUpdate(HA_TINH_QUESTION, { from: user }));
    const text = String((await h.ask(textUpdate('Còn Quảng Bình thì sao?', { from: user }))).params.text);
    expect(text).toContain('2972/QĐ-UBND');
  });

  it('understands a question typed without accents', async () => {
    const text = String(
      (await h.ask(textUpdate('ha tinh dat muc tieu bao nhieu phan tram dich vu cong muc 4', { from: newUser() })))
        .params.text,
    );
    expect(text).toContain('15%');
    expect(text).toContain(HA_TINH_SOURCE);
  });

  it('answers a 5,000-character message without error', async () => {
    const text = `${HA_TINH_QUESTION} ${'Xin cung cấp thêm chi tiết về kế hoạch. '.repeat(130)}`.slice(0, 5000);
    expect(text).toHaveLength(5000);
    const reply = await h.ask(textUpdate(text, { from: newUser() }));
    expect(String(reply.params.text)).not.toContain('sự cố');
    expect(String(reply.params.text).length).toBeGreaterThan(0);
  });

  it('answers photos and stickers with a note that it reads text', async () => {
    const escaped = NON_TEXT_TEXT;
    expect((await h.ask(photoUpdate({ from: newUser() }))).params.text).toBe(escaped);
    expect((await h.ask(stickerUpdate({ from: newUser() }))).params.text).toBe(escaped);
  });

  it('ignores edited messages', async () => {
    const before = h.accepted.length;
    const response = await h.post(editedTextUpdate('Sửa: Hà Tĩnh?', { from: newUser() }));
    expect(response.statusCode).toBe(200);
    expect(h.accepted).toHaveLength(before);
  });
});

describe('group chats', () => {
  const inGroup = () => ({ from: newUser(), chat: GROUP });

  it('stays silent when not addressed', async () => {
    const before = h.accepted.length;
    const response = await h.post(textUpdate(HA_TINH_QUESTION, inGroup()));
    expect(response.statusCode).toBe(200);
    expect(h.accepted).toHaveLength(before);
  });

  it('answers an @mention, replying to the message', async () => {
    const update = textUpdate(`@hoidap_cntt_bot ${HA_TINH_QUESTION}`, inGroup());
    const reply = await h.ask(update);
    expect(String(reply.params.text)).toContain('15%');
    expect(reply.params).toMatchObject({
      chat_id: String(GROUP.id),
      reply_parameters: {
        message_id: (update.message as { message_id: number }).message_id,
        allow_sending_without_reply: true,
      },
    });
  });

  it('answers a reply to one of its messages', async () => {
    const botMessage = { message_id: 77, from: { ...h.fake.me }, chat: GROUP, date: 1, text: 'Câu trả lời trước' };
    const reply = await h.ask(textUpdate(HA_TINH_QUESTION, { ...inGroup(), replyTo: botMessage }));
    expect(String(reply.params.text)).toContain('15%');
  });

  it('answers /hoi', async () => {
    const reply = await h.ask(textUpdate('/hoi Quy hoạch CNTT của Quảng Bình được phê duyệt ngày nào?', inGroup()));
    expect(String(reply.params.text)).toContain('24/8/2017');
  });
});

describe('admin commands', () => {
  const admin = OFFICIAL;
  const stranger = () => newUser();

  it('/stats tells an admin the documents, questions and unanswered questions of today', async () => {
    const stats = async () => {
      const text = String((await h.ask(textUpdate('/stats', { from: admin }))).params.text);
      expect(text).toMatch(/^Thống kê ngày \d{2}\/\d{1,2}\/\d{4} \(giờ Việt Nam\):/);
      expect(text).toContain('Văn bản đang có: 5');
      return {
        questions: Number(/Câu hỏi hôm nay: (\d+)/.exec(text)![1]),
        unanswered: Number(/Chưa trả lời được: (\d+)/.exec(text)![1]),
      };
    };
    const before = await stats();
    await h.ask(textUpdate(HA_TINH_QUESTION, { from: newUser() }));
    await h.ask(textUpdate('Đà Nẵng đặt mục tiêu bao nhiêu % dịch vụ công mức 4?', { from: newUser() }));
    // The /stats commands themselves are not counted as questions.
    expect(await stats()).toEqual({ questions: before.questions + 2, unanswered: before.unanswered + 1 });
  });

  it('/reload re-reads the folder for an admin and reports counts and warnings', async () => {
    const text = String((await h.ask(textUpdate('/reload', { from: admin }))).params.text);
    expect(text).toContain('Đã nạp lại kho văn bản: 5 văn bản từ 5 tệp.');
    expect(text).toContain('lam-dong-nghi-quyet-16-2008.md: không có ngày ban hành');
  });

  it('anyone else gets the unknown-command reply, and nothing is reloaded', async () => {
    const reloads = h.logs.filter((line) => line.includes('knowledge reloaded from telegram')).length;
    for (const command of ['/stats', '/reload']) {
      const text = String((await h.ask(textUpdate(command, { from: stranger() }))).params.text);
      expect(text).toContain('Tôi không hiểu lệnh này.');
    }
    expect(h.logs.filter((line) => line.includes('knowledge reloaded from telegram'))).toHaveLength(reloads);
  });
});

describe('sending', () => {
  it('waits out a 429 and answers once', async () => {
    h.fake.failNext('sendMessage', 1, { status: 429, retryAfter: 1 });
    const user = newUser();
    const before = h.fake.callsTo('sendMessage').length;
    const reply = await h.ask(textUpdate(HA_TINH_QUESTION, { from: user }));
    const attempts = h.fake.callsTo('sendMessage').slice(before);
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(attempts[0]!.params.text).toBe(reply.params.text);
    expect(String(reply.params.text)).toContain('15%');
  });

  it('retries after a 500', async () => {
    h.fake.failNext('sendMessage', 1, { status: 500 });
    const before = h.fake.callsTo('sendMessage').length;
    await h.ask(textUpdate(HA_TINH_QUESTION, { from: newUser() }));
    expect(
      h.fake
        .callsTo('sendMessage')
        .slice(before)
        .map((call) => call.status),
    ).toEqual([500, 200]);
  });
});

describe('webhook security and delivery', () => {
  it('refuses a missing or wrong secret with 403 and processes nothing', async () => {
    const before = { accepted: h.accepted.length, calls: h.fake.calls.length };
    for (const secret of [null, 'wrong-secret', `${'test_secret-Token_123'}x`, '']) {
      const response = await h.post(textUpdate(HA_TINH_QUESTION, { from: newUser() }), secret);
      expect(response.statusCode).toBe(403);
    }
    // Even a malformed body gets 403 first: nothing is read before the secret is checked.
    expect((await h.post('{not json', 'wrong-secret')).statusCode).toBe(403);
    expect(h.accepted).toHaveLength(before.accepted);
    expect(h.fake.calls).toHaveLength(before.calls);
  });

  it('refuses a malformed body with a 400 JSON error', async () => {
    for (const body of ['{not json', '[]', '{"message":{}}', '']) {
      const response = await h.post(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toHaveProperty('error');
    }
  });

  it('answers an update delivered twice once', async () => {
    const update = textUpdate(HA_TINH_QUESTION, { from: newUser() });
    const before = h.fake.sent().length;
    await h.ask(update);
    expect((await h.post(update)).statusCode).toBe(200);
    await waitFor(async () => (await h.duplicates()) >= 1, 'the duplicate to be counted');
    // A later message is answered after the duplicate was handled (one message at a time).
    await h.ask(textUpdate('/help', { from: newUser() }));
    expect(h.fake.sent().length - before).toBe(2);
  });

  it('never logs the bot token', () => {
    const secretPart = h.fake.token.split(':')[1]!;
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(secretPart);
    expect(h.logs.join('\n')).not.toContain('test_secret-Token_123');
  });
});
