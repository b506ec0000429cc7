import { describe, expect, it } from 'vitest';
import {
  mapZaloBotUpdate,
  NON_TEXT_EVENTS,
  type ZaloBotUpdate,
} from '../../../src/channels/zalo-bot/zalo-bot-update.ts';

const AT = 1_800_000_000_000;

function update(eventName: string, text?: string): ZaloBotUpdate {
  return {
    event_name: eventName,
    message: {
      message_id: '2d758cb5e222177a4e35',
      from: { id: '6ede9afa66b88fe6d6a9', display_name: 'Ted' },
      chat: { id: 'chat-6ede', chat_type: 'PRIVATE' },
      date: 1750316131602,
      ...(text === undefined ? {} : { text }),
    },
  };
}

describe('mapZaloBotUpdate', () => {
  const expected = {
    action: 'accept',
    message: {
      channel: 'zalo-bot',
      kind: 'text',
      messageId: '2d758cb5e222177a4e35',
      userId: '6ede9afa66b88fe6d6a9',
      chatId: 'chat-6ede',
      text: 'Xin chào',
      receivedAt: AT,
    },
  };

  it('maps a flat text update, replying to chat.id', () => {
    expect(mapZaloBotUpdate(update('message.text.received', 'Xin chào'), AT)).toEqual(expected);
  });

  it('maps the same update wrapped in { ok, result }', () => {
    expect(mapZaloBotUpdate({ ok: true, result: update('message.text.received', 'Xin chào') }, AT)).toEqual(expected);
  });

  it.each([...NON_TEXT_EVENTS])('maps %s to a non-text message', (name) => {
    expect(mapZaloBotUpdate(update(name), AT)).toMatchObject({
      action: 'accept',
      message: { kind: 'non-text', text: '' },
    });
  });

  it.each([
    ['an unknown event', update('message.reaction.received'), 'unknown-event'],
    ['an empty result', { ok: true, result: {} }, 'unknown-event'],
    ['a failed reply', { ok: false, error_code: 408 }, 'unknown-event'],
    [
      'a message without sender',
      { event_name: 'message.text.received', message: { message_id: 'm', text: 'x' } },
      'no-user',
    ],
  ])('ignores %s', (_name, body, reason) => {
    expect(mapZaloBotUpdate(body, AT)).toEqual({ action: 'ignore', reason });
  });
});
