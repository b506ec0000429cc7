import { describe, expect, it } from 'vitest';
import { MemoryDeliveryLedger } from '../../../src/state/deliveries/memory.ts';
import type { DeliveryLedger } from '../../../src/state/deliveries/port.ts';
import { RedisDeliveryLedger } from '../../../src/state/deliveries/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every DeliveryLedger must have; each `create` returns a fresh, empty ledger. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: (doneTtlMs: number) => DeliveryLedger]> = [
  ['MemoryDeliveryLedger', (doneTtlMs) => new MemoryDeliveryLedger(doneTtlMs)],
  ['RedisDeliveryLedger', (doneTtlMs) => new RedisDeliveryLedger(redis.client(), redis.prefix(), doneTtlMs)],
];

describe.each(implementations)('%s (DeliveryLedger contract)', (_name, create) => {
  it('lets one caller claim a delivery, reports it busy to others, done after completion', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('telegram:1', 10_000)).toBe('acquired');
    expect(await ledger.claim('telegram:1', 10_000)).toBe('busy');
    expect(await ledger.isDone('telegram:1')).toBe(false);
    await ledger.complete('telegram:1');
    expect(await ledger.claim('telegram:1', 10_000)).toBe('done');
    expect(await ledger.isDone('telegram:1')).toBe(true);
  });

  it('frees a released claim at once, but never a completed one', async () => {
    const ledger = create(60_000);
    await ledger.claim('zalo-oa:a', 10_000);
    await ledger.release('zalo-oa:a');
    expect(await ledger.claim('zalo-oa:a', 10_000)).toBe('acquired');
    await ledger.complete('zalo-oa:a');
    await ledger.release('zalo-oa:a');
    expect(await ledger.isDone('zalo-oa:a')).toBe(true);
  });

  it('lets a claim run out after its lease (the worker died)', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('web:lease', 30)).toBe('acquired');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await ledger.claim('web:lease', 30)).toBe('acquired');
  });

  it('keeps deliveries of different channels apart', async () => {
    const ledger = create(60_000);
    await ledger.complete('telegram:7');
    expect(await ledger.claim('zalo-oa:7', 1000)).toBe('acquired');
  });
});
