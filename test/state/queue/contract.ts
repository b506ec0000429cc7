import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import type { HandlerResult, MessageQueue } from '../../../src/state/queue/port.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let sequence = 0;

export function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  sequence++;
  return {
    channel: 'telegram',
    kind: 'text',
    messageId: `m${sequence}`,
    userId: 'u1',
    chatId: 'c1',
    text,
    receivedAt: Date.now(),
    ...overrides,
  };
}

/** The behaviour every MessageQueue must have. `create` returns a fresh, empty queue. */
export function messageQueueContract(
  name: string,
  create: (concurrency: number) => Promise<MessageQueue> | MessageQueue,
): void {
  describe(`${name} (MessageQueue contract)`, () => {
    const queues: MessageQueue[] = [];
    const make = async (concurrency = 2) => {
      const queue = await create(concurrency);
      queues.push(queue);
      return queue;
    };
    afterEach(async () => {
      for (const queue of queues.splice(0)) await queue.drain();
    });

    it('hands every message to the handler once, with its Vietnamese text intact', async () => {
      const queue = await make();
      const seen: string[] = [];
      queue.start(async (received) => {
        seen.push(received.text);
        return { outcome: 'done' };
      });
      await queue.enqueue(message('Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?'));
      await queue.enqueue(message('Còn Quảng Bình thì sao?'));
      await waitFor(() => seen.length === 2, 'the queue to get there', { timeoutMs: 10_000 });
      expect(seen.sort()).toEqual(['Còn Quảng Bình thì sao?', 'Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?']);
    });

    it('keeps messages enqueued before start', async () => {
      const queue = await make();
      await queue.enqueue(message('trước khi chạy'));
      const seen: string[] = [];
      queue.start(async (received) => {
        seen.push(received.text);
        return { outcome: 'done' };
      });
      await waitFor(() => seen.length === 1, 'the queue to get there', { timeoutMs: 10_000 });
    });

    it('retries after the handler asks for it, counting attempts', async () => {
      const queue = await make();
      const attempts: number[] = [];
      queue.start(async (_, attempt): Promise<HandlerResult> => {
        attempts.push(attempt);
        return attempt < 3 ? { outcome: 'retry', afterMs: 10 } : { outcome: 'done' };
      });
      await queue.enqueue(message('thử lại'));
      await waitFor(() => attempts.length === 3, 'the queue to get there', { timeoutMs: 10_000 });
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('never runs more handlers at once than its concurrency', async () => {
      const queue = await make(2);
      let running = 0;
      let most = 0;
      let finished = 0;
      queue.start(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        finished++;
        return { outcome: 'done' };
      });
      for (let i = 0; i < 6; i++) await queue.enqueue(message(`câu ${i}`));
      await waitFor(() => finished === 6, 'the queue to get there', { timeoutMs: 10_000 });
      expect(most).toBeLessThanOrEqual(2);
    });

    it('drains: waits for the messages in progress', async () => {
      const queue = await make();
      let started = false;
      let finished = false;
      queue.start(async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
        return { outcome: 'done' };
      });
      await queue.enqueue(message('đang xử lý'));
      await waitFor(() => started, 'the queue to get there', { timeoutMs: 10_000 });
      await queue.drain();
      expect(finished).toBe(true);
    });
  });
}
