import { afterEach, describe, expect, it } from 'vitest';
import { OFFICIAL, textUpdate } from '../../helpers/telegram-updates.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

/** Long polling end to end: getUpdates on the fake Bot API, answers through the flow, a prompt stop. */

let h: TelegramHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

describe('long polling', () => {
  it('removes any webhook, answers updates from getUpdates and moves the offset past them', async () => {
    h = await createTelegramHarness({ mode: 'polling' });
    const harness = h;
    expect(harness.fake.callsTo('deleteWebhook')[0]!.params).toEqual({ drop_pending_updates: false });
    expect(harness.fake.callsTo('setWebhook')).toHaveLength(0);

    const first = textUpdate('Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?', { from: OFFICIAL });
    const second = textUpdate('Còn Quảng Bình thì sao?', { from: OFFICIAL });
    harness.fake.queueUpdate(first, second);
    const sent = await harness.waitForSent(2);
    expect(String(sent[0]!.params.text)).toContain('<b>Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012');
    expect(String(sent[1]!.params.text)).toContain('2972/QĐ-UBND');

    const polls = await waitFor(
      () => harness.fake.callsTo('getUpdates').find((call) => call.params.offset === second.update_id + 1),
      'a getUpdates call confirming both updates',
    );
    expect(polls.params).toMatchObject({ allowed_updates: ['message'], timeout: 1 });
    expect(harness.accepted.map((message) => message.messageId)).toEqual([
      String(first.update_id),
      String(second.update_id),
    ]);
  });

  it('stops promptly, aborting the getUpdates call in flight', async () => {
    h = await createTelegramHarness({ mode: 'polling' });
    const harness = h;
    const inFlight = await waitFor(
      () => harness.fake.callsTo('getUpdates').find((call) => call.status === 0),
      'a getUpdates call held open',
    );
    await harness.channel.stop();
    await waitFor(() => inFlight.status === 499, 'the fake to see the call abandoned');
    // Nothing polls after stop: an update queued now is never fetched.
    const calls = harness.fake.callsTo('getUpdates').length;
    harness.fake.queueUpdate(textUpdate('/help'));
    expect(harness.accepted).toHaveLength(0);
    expect(harness.fake.callsTo('getUpdates')).toHaveLength(calls);
  });

  it('logs a 409 Conflict clearly and keeps polling', async () => {
    h = await createTelegramHarness({ mode: 'polling' });
    const harness = h;
    harness.fake.failNext('getUpdates', 2, {
      status: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    harness.fake.queueUpdate(textUpdate('/help'));
    await harness.waitForSent(1);
    const conflict = harness.logs.find((line) => line.includes('"code":409'));
    expect(conflict).toBeDefined();
    expect(JSON.parse(conflict!)).toMatchObject({ level: 50, msg: expect.stringContaining('Only one poller may run') });
  });

  it('fetches an update again when the flow could not store it', async () => {
    h = await createTelegramHarness({ mode: 'polling' });
    const harness = h;
    const update = textUpdate('/nguon');
    const accept = harness.flow.accept;
    let refusals = 1;
    harness.flow.accept = async (message) => {
      if (refusals-- > 0) throw new Error('queue unavailable');
      return accept(message);
    };
    harness.fake.queueUpdate(update);
    const [reply] = await harness.waitForSent(1);
    expect(String(reply!.params.text)).toContain('Các văn bản tôi đang có');
    expect(harness.accepted.filter((message) => message.messageId === String(update.update_id))).toHaveLength(2);
  });
});
