import { describe, expect, it } from 'vitest';
import {
  IGNORED_EVENTS,
  mapZaloOaEvent,
  NON_TEXT_EVENTS,
  type ZaloOaEvent,
} from '../../../src/channels/zalo-oa/zalo-oa-event.ts';

const AT = 1_800_000_000_000;

function event(name: string, extra: Partial<ZaloOaEvent> = {}): ZaloOaEvent {
  return {
    app_id: 'app-1',
    event_name: name,
    timestamp: '1700000000123',
    sender: { id: 'user-1' },
    recipient: { id: 'oa-1' },
    message: { msg_id: 'msg-1' },
    ...extra,
  };
}

describe('mapZaloOaEvent', () => {
  it('maps a text message, keyed on msg_id', () => {
    expect(
      mapZaloOaEvent(event('user_send_text', { message: { msg_id: 'abc', text: 'ha tinh dvc muc 4' } }), AT),
    ).toEqual({
      action: 'accept',
      message: {
        channel: 'zalo-oa',
        kind: 'text',
        messageId: 'abc',
        userId: 'user-1',
        chatId: 'user-1',
        text: 'ha tinh dvc muc 4',
        receivedAt: AT,
      },
    });
  });

  it('maps a follow to a start for the follower, keyed on event, follower and timestamp', () => {
    const follow = { app_id: 'app-1', event_name: 'follow', timestamp: 1700000000999, follower: { id: 'f-1' } };
    expect(mapZaloOaEvent(follow, AT)).toMatchObject({
      action: 'accept',
      message: { kind: 'start', messageId: 'follow:f-1:1700000000999', userId: 'f-1', chatId: 'f-1', text: '' },
    });
  });

  it.each([...NON_TEXT_EVENTS])('maps %s to a non-text message', (name) => {
    expect(mapZaloOaEvent(event(name), AT)).toMatchObject({
      action: 'accept',
      message: { kind: 'non-text', messageId: 'msg-1', text: '' },
    });
  });

  it.each([...IGNORED_EVENTS])('ignores %s', (name) => {
    expect(mapZaloOaEvent(event(name), AT)).toEqual({ action: 'ignore', reason: 'not-for-answering' });
  });

  it.each([
    ['an unknown event', event('user_sent_hologram'), 'unknown-event'],
    ['a body without event name', { sender: { id: 'u' } }, 'unknown-event'],
    ['not an object', ['user_send_text'], 'unknown-event'],
    ['a text without sender', { ...event('user_send_text'), sender: undefined }, 'no-user'],
  ])('ignores %s', (_name, body, reason) => {
    expect(mapZaloOaEvent(body, AT)).toEqual({ action: 'ignore', reason });
  });

  it('builds a stable key for a message without msg_id', () => {
    const body = event('user_send_sticker', { message: {} });
    const first = mapZaloOaEvent(body, AT);
    const again = mapZaloOaEvent(JSON.parse(JSON.stringify(body)), AT + 5000);
    expect(first).toMatchObject({ message: { messageId: 'user_send_sticker:user-1:1700000000123' } });
    expect(again).toMatchObject({ message: { messageId: 'user_send_sticker:user-1:1700000000123' } });
  });
});
