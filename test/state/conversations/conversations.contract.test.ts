import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../../src/state/conversations/memory.ts';
import type { ConversationStore, ConversationTurn } from '../../../src/state/conversations/port.ts';
import { RedisConversationStore } from '../../../src/state/conversations/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/**
 * The behaviour every ConversationStore must have, run against each implementation. `create` gets the
 * limits and a clock it must honour; each call returns a fresh, empty store.
 */
type StoreFactory = (options: { maxTurns: number; ttlMs: number; now: () => number }) => ConversationStore;

const redis = useContractRedis();

const implementations: Array<[name: string, create: StoreFactory]> = [
  ['MemoryConversationStore', (options) => new MemoryConversationStore(options)],
  [
    'RedisConversationStore',
    ({ maxTurns, ttlMs, now }) => new RedisConversationStore(redis.client(), redis.prefix(), { maxTurns, ttlMs }, now),
  ],
];

function turn(question: string, overrides: Partial<ConversationTurn> = {}): ConversationTurn {
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

describe.each(implementations)('%s (ConversationStore contract)', (_name, create) => {
  const clock = { now: 1_000_000 };
  const make = (maxTurns = 10, ttlMs = 60_000) => create({ maxTurns, ttlMs, now: () => clock.now });

  it('returns nothing for an unknown conversation', async () => {
    const store = make();
    expect(await store.recent('telegram:nobody')).toEqual([]);
  });

  it('keeps turns in order, oldest first, with Vietnamese text intact', async () => {
    const store = make();
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
    const store = make(3);
    for (let i = 1; i <= 5; i++) await store.append('cli:u', turn(`câu ${i}`));
    expect((await store.recent('cli:u')).map((t) => t.question)).toEqual(['câu 3', 'câu 4', 'câu 5']);
  });

  it('keeps conversations apart', async () => {
    const store = make();
    await store.append('telegram:1', turn('một'));
    await store.append('zalo:1', turn('hai'));
    expect((await store.recent('telegram:1')).map((t) => t.question)).toEqual(['một']);
    expect((await store.recent('zalo:1')).map((t) => t.question)).toEqual(['hai']);
  });

  it('clears one conversation', async () => {
    const store = make();
    await store.append('cli:a', turn('một'));
    await store.append('cli:b', turn('hai'));
    await store.clear('cli:a');
    expect(await store.recent('cli:a')).toEqual([]);
    expect(await store.recent('cli:b')).toHaveLength(1);
  });

  it('forgets a conversation after its time to live, counted from the last turn', async () => {
    const store = make(10, 60_000);
    await store.append('cli:ttl', turn('một'));
    clock.now += 50_000;
    await store.append('cli:ttl', turn('hai'));
    clock.now += 50_000;
    expect(await store.recent('cli:ttl')).toHaveLength(2);
    clock.now += 61_000;
    expect(await store.recent('cli:ttl')).toEqual([]);
  });

  it('returns copies: changing a returned turn does not change the store', async () => {
    const store = make();
    await store.append('cli:copy', turn('một'));
    const [first] = await store.recent('cli:copy');
    first!.provinces.push('Bạc Liêu');
    expect((await store.recent('cli:copy'))[0]!.provinces).toEqual(['Hà Tĩnh']);
  });
});

describe('MemoryConversationStore (beyond the contract)', () => {
  it('stays bounded: the least recently used conversations are dropped first', async () => {
    const store = new MemoryConversationStore({ maxConversations: 2 });
    await store.append('a', turn('một'));
    await store.append('b', turn('hai'));
    await store.append('a', turn('ba'));
    await store.append('c', turn('bốn'));
    expect(await store.recent('b')).toEqual([]);
    expect(await store.recent('a')).toHaveLength(2);
    expect(await store.recent('c')).toHaveLength(1);
  });
});
