import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src/ports/channel-error.ts';
import { OFFICIAL, textUpdate } from '../../helpers/telegram-updates.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

/**
 * A Bot API that stops answering mid-request (its process stopped, a network black hole) never holds the bot:
 * a stop ends in a couple of seconds, and a send fails retryable at its deadline instead of waiting 500 s.
 */

let h: TelegramHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await action();
  return { result, ms: performance.now() - started };
}

describe('a Bot API gone quiet', () => {
  it('does not hold a stop: the poll in flight is aborted and the offset confirmed for at most 2 s', async () => {
    h = await createTelegramHarness({ mode: 'polling' });
    const harness = h;
    harness.fake.queueUpdate(textUpdate('Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?', { from: OFFICIAL }));
    await harness.waitForSent(1);
    const inFlight = await waitFor(
      () => harness.fake.callsTo('getUpdates').find((call) => call.status === 0),
      'a getUpdates call held open',
    );
    harness.fake.stall('getUpdates');

    const { ms } = await timed(() => harness.channel.stop());
    expect(ms).toBeLessThan(3000);
    await waitFor(() => inFlight.status === 499, 'the poll in flight abandoned');
    const confirm = harness.fake.callsTo('getUpdates').at(-1)!;
    expect(confirm.params).toMatchObject({ limit: 1, timeout: 0 });
    await waitFor(() => confirm.status === 499, 'the unanswered confirmation abandoned');
  });

  it('fails a send that gets no answer at its deadline, retryable, rather than hold the drain', async () => {
    h = await createTelegramHarness({ callTimeoutMs: 300 });
    h.fake.stall('sendMessage');
    const message = {
      channel: 'telegram' as const,
      kind: 'text' as const,
      messageId: 'deadline-1',
      userId: '900',
      chatId: '900',
      text: 'câu hỏi',
      receivedAt: Date.now(),
    };
    const { result, ms } = await timed(() =>
      h!.channel.deliver(message, { kind: 'notice', text: 'Xin chào' }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(ms).toBeLessThan(2000);
    expect(result).toBeInstanceOf(ChannelError);
    expect(result).toMatchObject({ isRetryable: true });
    expect(String((result as Error).message)).not.toContain(h.fake.token);
  });
});
