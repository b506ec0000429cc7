import { describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../src/state/deliveries/port.ts';
import type { QuestionLog } from '../../src/state/question-log/port.ts';
import type { RateLimiter } from '../../src/state/rate-limits/port.ts';
import type { SecretStore } from '../../src/state/secrets/port.ts';

/** Behaviour every implementation of the store ports must have; each factory returns a fresh, empty store. */

export function deliveryLedgerContract(
  name: string,
  create: (doneTtlMs: number) => Promise<DeliveryLedger> | DeliveryLedger,
): void {
  describe(`${name} (DeliveryLedger contract)`, () => {
    it('lets one caller claim a delivery, reports it busy to others, done after completion', async () => {
      const ledger = await create(60_000);
      expect(await ledger.claim('telegram:1', 10_000)).toBe('acquired');
      expect(await ledger.claim('telegram:1', 10_000)).toBe('busy');
      expect(await ledger.isDone('telegram:1')).toBe(false);
      await ledger.complete('telegram:1');
      expect(await ledger.claim('telegram:1', 10_000)).toBe('done');
      expect(await ledger.isDone('telegram:1')).toBe(true);
    });

    it('frees a released claim at once, but never a completed one', async () => {
      const ledger = await create(60_000);
      await ledger.claim('zalo-oa:a', 10_000);
      await ledger.release('zalo-oa:a');
      expect(await ledger.claim('zalo-oa:a', 10_000)).toBe('acquired');
      await ledger.complete('zalo-oa:a');
      await ledger.release('zalo-oa:a');
      expect(await ledger.isDone('zalo-oa:a')).toBe(true);
    });

    it('lets a claim run out after its lease (the worker died)', async () => {
      const ledger = await create(60_000);
      expect(await ledger.claim('web:lease', 30)).toBe('acquired');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await ledger.claim('web:lease', 30)).toBe('acquired');
    });

    it('keeps deliveries of different channels apart', async () => {
      const ledger = await create(60_000);
      await ledger.complete('telegram:7');
      expect(await ledger.claim('zalo-oa:7', 1000)).toBe('acquired');
    });
  });
}

export function rateLimiterContract(
  name: string,
  create: (limit: number, now: () => number) => Promise<RateLimiter> | RateLimiter,
): void {
  describe(`${name} (RateLimiter contract)`, () => {
    it('allows the limit, warns once, then stays silent until the window passes', async () => {
      const clock = { now: 1_700_000_000_000 - (1_700_000_000_000 % 60_000) };
      const limiter = await create(3, () => clock.now);
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(await limiter.consume('telegram:42'));
      expect(decisions).toEqual(['allowed', 'allowed', 'allowed', 'limited-first', 'limited', 'limited']);
      expect(await limiter.consume('telegram:43')).toBe('allowed');
      clock.now += 60_000;
      expect(await limiter.consume('telegram:42')).toBe('allowed');
    });
  });
}

export function questionLogContract(name: string, create: () => Promise<QuestionLog> | QuestionLog): void {
  describe(`${name} (QuestionLog contract)`, () => {
    const at = Date.UTC(2026, 10, 21, 20, 0); // 03:00 on 22/11 in Vietnam

    it('counts questions and unanswered ones per Vietnamese day', async () => {
      const log = await create();
      await log.record({ channel: 'zalo-oa', text: 'ha tinh dvc muc 4', outcome: 'answered', grounded: true, at });
      await log.record({
        channel: 'zalo-oa',
        text: 'Nghệ An thì sao?',
        outcome: 'unknown-province',
        grounded: false,
        at,
      });
      await log.record({ channel: 'zalo-oa', text: 'xin chào', outcome: 'greeting', grounded: false, at });
      expect(await log.stats('2026-11-22')).toEqual({ day: '2026-11-22', questions: 2, unanswered: 1 });
      expect(await log.stats('2026-11-21')).toEqual({ day: '2026-11-21', questions: 0, unanswered: 0 });
    });

    it('groups unanswered questions that differ only in accents, case and punctuation, newest first', async () => {
      const log = await create();
      await log.record({
        channel: 'web',
        text: 'Nghệ An có quy hoạch CNTT không?',
        outcome: 'unknown-province',
        grounded: false,
        at,
      });
      await log.record({
        channel: 'web',
        text: 'Thời tiết hôm nay?',
        outcome: 'no-match',
        grounded: false,
        at: at + 1000,
      });
      await log.record({
        channel: 'zalo-oa',
        text: 'nghe an co quy hoach cntt khong',
        outcome: 'unknown-province',
        grounded: false,
        at: at + 2000,
      });
      const groups = await log.unanswered(10);
      expect(groups.map((group) => [group.text, group.count])).toEqual([
        ['nghe an co quy hoach cntt khong', 2],
        ['Thời tiết hôm nay?', 1],
      ]);
      expect(await log.unanswered(1)).toHaveLength(1);
    });
  });
}

export function secretStoreContract(name: string, create: () => Promise<SecretStore> | SecretStore): void {
  describe(`${name} (SecretStore contract)`, () => {
    it('stores, replaces and returns named values', async () => {
      const store = await create();
      expect(await store.get('zalo-oa:refresh-token')).toBeNull();
      await store.set('zalo-oa:refresh-token', 'một');
      await store.set('zalo-oa:refresh-token', 'hai');
      expect(await store.get('zalo-oa:refresh-token')).toBe('hai');
    });
  });
}
