import { describe, expect, it } from 'vitest';
import type { ConversationStore, ConversationTurn } from '../../../src/state/conversations/port.ts';

/**
 * The behaviour every ConversationStore must have, run against each implementation. `create` gets the
 * limits and a clock it must honour; each call returns a fresh, empty store.
 */
export type StoreFactory = (options: {
  maxTurns: number;
  ttlMs: number;
  now: () => number;
}) => Promise<ConversationStore> | ConversationStore;

export function turn(question: string, overrides: Partial<ConversationTurn> = {}): ConversationTurn {
  return {
    question,
    provinces: ['Hà Tĩnh'],
    documentIds: ['ha-tinh-4086-qd-ubnd-2012'],
    terms: ['dich', 'vu', 'cong'],
    intent: 'fact',
    grounded: true,
    at: 0,
    ...overrides,
  };
}

export function conversationStoreContract(name: string, create: StoreFactory): void {
  describe(`${name} (ConversationStore contract)`, () => {
    const clock = { now: 1_000_000 };
    const make = (maxTurns = 10, ttlMs = 60_000) => create({ maxTurns, ttlMs, now: () => clock.now });

    it('returns nothing for an unknown conversation', async () => {
      const store = await make();
      expect(await store.recent('telegram:nobody')).toEqual([]);
    });

    it('keeps turns in order, oldest first, with Vietnamese text intact', async () => {
      const store = await make();
      await store.append('zalo:1', turn('Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?'));
      await store.append('zalo:1', turn('Còn Quảng Bình thì sao?', { provinces: ['Quảng Bình'] }));
      const turns = await store.recent('zalo:1');
      expect(turns.map((t) => t.question)).toEqual([
        'Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?',
        'Còn Quảng Bình thì sao?',
      ]);
      expect(turns[1]!.provinces).toEqual(['Quảng Bình']);
    });

    it('keeps only the last maxTurns turns', async () => {
      const store = await make(3);
      for (let i = 1; i <= 5; i++) await store.append('cli:u', turn(`câu ${i}`));
      expect((await store.recent('cli:u')).map((t) => t.question)).toEqual(['câu 3', 'câu 4', 'câu 5']);
    });

    it('keeps conversations apart', async () => {
      const store = await make();
      await store.append('telegram:1', turn('một'));
      await store.append('zalo:1', turn('hai'));
      expect((await store.recent('telegram:1')).map((t) => t.question)).toEqual(['một']);
      expect((await store.recent('zalo:1')).map((t) => t.question)).toEqual(['hai']);
    });

    it('clears one conversation', async () => {
      const store = await make();
      await store.append('cli:a', turn('một'));
      await store.append('cli:b', turn('hai'));
      await store.clear('cli:a');
      expect(await store.recent('cli:a')).toEqual([]);
      expect(await store.recent('cli:b')).toHaveLength(1);
    });

    it('forgets a conversation after its time to live, counted from the last turn', async () => {
      const store = await make(10, 60_000);
      await store.append('cli:ttl', turn('một'));
      clock.now += 50_000;
      await store.append('cli:ttl', turn('hai'));
      clock.now += 50_000;
      expect(await store.recent('cli:ttl')).toHaveLength(2);
      clock.now += 61_000;
      expect(await store.recent('cli:ttl')).toEqual([]);
    });

    it('returns copies: changing a returned turn does not change the store', async () => {
      const store = await make();
      await store.append('cli:copy', turn('một'));
      const [first] = await store.recent('cli:copy');
      first!.provinces.push('Bạc Liêu');
      expect((await store.recent('cli:copy'))[0]!.provinces).toEqual(['Hà Tĩnh']);
    });
  });
}
