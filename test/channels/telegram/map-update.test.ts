import { describe, expect, it } from 'vitest';
import { type MapContext, mapUpdate, parseCommand, stripMention } from '../../../src/channels/telegram/map-update.ts';
import type { TelegramUpdate } from '../../../src/channels/telegram/telegram-update.ts';
import {
  editedTextUpdate,
  GROUP,
  messageOf,
  OFFICIAL,
  OTHER_OFFICIAL,
  photoUpdate,
  stickerUpdate,
  textUpdate,
  update,
} from '../../helpers/telegram-updates.ts';

const BOT = { id: 7_000_001, username: 'hoidap_cntt_bot' };
const context: MapContext = { bot: BOT, adminIds: [String(OFFICIAL.id)], receivedAt: 1_700_000_000_000 };
const fromBot = {
  message_id: 9,
  from: { id: BOT.id, is_bot: true, first_name: 'Bot' },
  chat: GROUP,
  date: 1,
  text: 'Trả lời trước',
};

function map(raw: object) {
  return mapUpdate(raw as TelegramUpdate, context);
}

/** What the flow gets: kind, text and the reply context; or the reason it gets nothing. */
function summary(raw: object) {
  const mapped = map(raw);
  if (mapped.kind === 'ignored') return { ignored: mapped.reason };
  const { kind, text, replyContext } = mapped.message;
  return { kind, text, ...(replyContext ? { replyContext } : {}) };
}

describe('mapUpdate: private chats', () => {
  it('maps a text message with update_id as the message id, and who and where it came from', () => {
    const raw = textUpdate('Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?');
    expect(map(raw)).toEqual({
      kind: 'message',
      message: {
        channel: 'telegram',
        kind: 'text',
        messageId: String(raw.update_id),
        userId: '111',
        chatId: '111',
        text: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?',
        receivedAt: context.receivedAt,
      },
    });
  });

  it.each([
    ['/start', { kind: 'start', text: '/start' }],
    ['/start ref_so_tttt', { kind: 'start', text: '/start' }],
    ['/help', { kind: 'text', text: '/help' }],
    ['/help@hoidap_cntt_bot', { kind: 'text', text: '/help' }],
    ['/nguon', { kind: 'text', text: '/nguon' }],
    ['/reset', { kind: 'text', text: 'xoá lịch sử' }],
    [
      '/hoi Quảng Bình phê duyệt quy hoạch ngày nào?',
      { kind: 'text', text: 'Quảng Bình phê duyệt quy hoạch ngày nào?' },
    ],
    ['/HELP', { kind: 'text', text: '/help' }],
    ['/stats', { kind: 'text', text: '/help', replyContext: { command: 'stats' } }],
    ['/reload', { kind: 'text', text: '/help', replyContext: { command: 'reload' } }],
    ['/xoa', { kind: 'text', text: '/help', replyContext: { command: 'unknown' } }],
    ['/help@other_bot', { ignored: 'command for another bot' }],
    ['4086/QĐ-UBND ban hành ngày nào?', { kind: 'text', text: '4086/QĐ-UBND ban hành ngày nào?' }],
  ])('%s', (text, expected) => {
    expect(summary(textUpdate(text))).toEqual(expected);
  });

  it('gives /stats and /reload to admins only; anyone else gets the unknown-command reply', () => {
    expect(summary(textUpdate('/stats', { from: OTHER_OFFICIAL }))).toEqual({
      kind: 'text',
      text: '/help',
      replyContext: { command: 'unknown' },
    });
    expect(summary(textUpdate('/reload', { from: OTHER_OFFICIAL }))).toEqual({
      kind: 'text',
      text: '/help',
      replyContext: { command: 'unknown' },
    });
  });

  it.each([
    ['photo', photoUpdate()],
    ['photo with a caption', photoUpdate({ caption: 'Ảnh quyết định' })],
    ['sticker', stickerUpdate()],
    ['voice', update({ message: messageOf({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }) })],
    [
      'document',
      update({ message: messageOf({ document: { file_id: 'd', file_unique_id: 'd', file_name: 'qd.pdf' } }) }),
    ],
    ['location', update({ message: messageOf({ location: { latitude: 18.34, longitude: 105.9 } }) })],
    ['contact', update({ message: messageOf({ contact: { phone_number: '0900000000', first_name: 'A' } }) })],
  ])('%s → non-text', (_, raw) => {
    expect(summary(raw)).toMatchObject({ kind: 'non-text' });
  });

  it.each([
    ['edited message', editedTextUpdate('Sửa câu hỏi'), 'edited_message update'],
    [
      'channel post',
      update({ channel_post: { message_id: 1, chat: { id: -100, type: 'channel' }, date: 1, text: 'x' } }),
      'channel_post update',
    ],
    [
      'service message',
      update({ message: messageOf({ new_chat_members: [OTHER_OFFICIAL] }, { chat: GROUP }) }),
      'service message',
    ],
    ['pinned message', update({ message: messageOf({ pinned_message: fromBot }) }), 'service message'],
    [
      'message from another bot',
      textUpdate('xin chào', { from: { id: 5, is_bot: true, first_name: 'B' } }),
      'message from a bot',
    ],
    ['malformed message', update({ message: { text: 'không có chat' } }), 'malformed message'],
    ['callback query', update({ callback_query: { id: '1' } }), 'callback_query update'],
  ])('%s → ignored', (_, raw, reason) => {
    expect(summary(raw)).toEqual({ ignored: reason });
  });
});

describe('mapUpdate: groups', () => {
  const inGroup = { chat: GROUP };

  it('ignores what is not addressed to the bot', () => {
    expect(summary(textUpdate('Hà Tĩnh đạt bao nhiêu %?', inGroup))).toEqual({
      ignored: 'group message not addressed to the bot',
    });
    expect(summary(photoUpdate(inGroup))).toEqual({ ignored: 'group message not addressed to the bot' });
    expect(summary(textUpdate('/weather', inGroup))).toEqual({ ignored: 'unknown command in a group' });
    expect(summary(textUpdate('hỏi @someone_else xem', inGroup))).toEqual({
      ignored: 'group message not addressed to the bot',
    });
  });

  it('answers a mention (without it), a reply to the bot and /hoi, replying to the message', () => {
    const mention = textUpdate('@hoidap_cntt_bot Hà Tĩnh đạt bao nhiêu % mức 4?', inGroup);
    expect(summary(mention)).toEqual({
      kind: 'text',
      text: 'Hà Tĩnh đạt bao nhiêu % mức 4?',
      replyContext: { replyTo: (mention.message as { message_id: number }).message_id },
    });
    expect(summary(textUpdate('Cho hỏi @HoiDap_CNTT_Bot, Quảng Bình thì sao?', inGroup))).toMatchObject({
      text: 'Cho hỏi Quảng Bình thì sao?',
    });
    expect(summary(textUpdate('Còn Quảng Bình thì sao?', { ...inGroup, replyTo: fromBot }))).toMatchObject({
      kind: 'text',
      text: 'Còn Quảng Bình thì sao?',
    });
    expect(summary(textUpdate('/hoi Quảng Bình phê duyệt ngày nào?', inGroup))).toMatchObject({
      kind: 'text',
      text: 'Quảng Bình phê duyệt ngày nào?',
    });
    expect(summary(textUpdate('/hoi@hoidap_cntt_bot Lâm Đồng?', inGroup))).toMatchObject({
      kind: 'text',
      text: 'Lâm Đồng?',
    });
    expect(summary(textUpdate('/weather@hoidap_cntt_bot', inGroup))).toMatchObject({
      replyContext: { command: 'unknown' },
    });
    expect(summary(photoUpdate({ ...inGroup, caption: '@hoidap_cntt_bot xem giúp' }))).toMatchObject({
      kind: 'non-text',
    });
  });

  it('keeps the forum topic so the reply lands in it', () => {
    const raw = update({
      message: {
        ...messageOf({ text: '@hoidap_cntt_bot Hà Tĩnh?' }, inGroup),
        message_thread_id: 42,
        is_topic_message: true,
      },
    });
    expect(summary(raw)).toMatchObject({ replyContext: { threadId: 42 } });
  });
});

describe('parseCommand and stripMention', () => {
  it.each([
    ['/hoi  Hà Tĩnh?', { name: 'hoi', bot: null, args: 'Hà Tĩnh?' }],
    ['/Nguon@HoiDap_Bot', { name: 'nguon', bot: 'HoiDap_Bot', args: '' }],
    ['/start\nxin chào', { name: 'start', bot: null, args: 'xin chào' }],
    ['/2012/QĐ-UBND', null],
    ['Hỏi /help', null],
    ['/', null],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['@hoidap_cntt_bot Hà Tĩnh?', 'Hà Tĩnh?'],
    ['@hoidap_cntt_bot, cho hỏi', 'cho hỏi'],
    ['Hà Tĩnh @hoidap_cntt_bot?', 'Hà Tĩnh?'],
    ['@HOIDAP_CNTT_BOT: Lâm Đồng', 'Lâm Đồng'],
    ['@hoidap_cntt_bot_2 ở đây', '@hoidap_cntt_bot_2 ở đây'],
    ['email@hoidap_cntt_bot.vn', 'email@hoidap_cntt_bot.vn'],
  ])('%j', (text, expected) => {
    expect(stripMention(text, BOT)).toBe(expected);
  });
});
