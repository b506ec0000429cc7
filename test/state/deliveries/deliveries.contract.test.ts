import { describe, expect, it } from 'vitest';
import { LayeredDeliveryLedger } from '../../../src/state/deliveries/layered.ts';
import { MemoryDeliveryLedger } from '../../../src/state/deliveries/memory.ts';
import type { ClaimResult, DeliveryLedger } from '../../../src/state/deliveries/port.ts';
import { RedisDeliveryLedger } from '../../../src/state/deliveries/redis.ts';
import { RedisUnavailableError } from '../../../src/state/redis-connection.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every DeliveryLedger must have; each `create` returns a fresh, empty ledger. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: (doneTtlMs: number) => DeliveryLedger]> = [
  ['MemoryDeliveryLedger', (doneTtlMs) => new MemoryDeliveryLedger(doneTtlMs)],
  ['RedisDeliveryLedger', (doneTtlMs) => new RedisDeliveryLedger(redis.client(), redis.prefix(), doneTtlMs)],
  [
    'LayeredDeliveryLedger (Redis over memory)',
    (doneTtlMs) =>
      new LayeredDeliveryLedger(
        new RedisDeliveryLedger(redis.client(), redis.prefix(), doneTtlMs),
        new MemoryDeliveryLedger(doneTtlMs),
      ),
  ],
];

describe.each(implementations)('%s (DeliveryLedger contract)', (_name, create) => {
  it('lets one caller claim a delivery, reports it busy to others, done after completion', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('telegram:1', 10_000, 'a')).toBe('acquired');
    expect(await ledger.claim('telegram:1', 10_000, 'b')).toBe('busy');
    expect(await ledger.isDone('telegram:1')).toBe(false);
    await ledger.complete('telegram:1');
    expect(await ledger.claim('telegram:1', 10_000, 'c')).toBe('done');
    expect(await ledger.isDone('telegram:1')).toBe(true);
  });

  it("frees a released claim at once, but never a completed one nor another owner's", async () => {
    const ledger = create(60_000);
    await ledger.claim('zalo-oa:a', 10_000, 'first');
    await ledger.release('zalo-oa:a', 'someone-else');
    expect(await ledger.claim('zalo-oa:a', 10_000, 'second')).toBe('busy');
    await ledger.release('zalo-oa:a', 'first');
    expect(await ledger.claim('zalo-oa:a', 10_000, 'second')).toBe('acquired');
    await ledger.complete('zalo-oa:a');
    await ledger.release('zalo-oa:a', 'second');
    expect(await ledger.isDone('zalo-oa:a')).toBe(true);
  });

  it('lets a claim run out after its lease (the worker died)', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('web:lease', 30, 'dead')).toBe('acquired');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await ledger.claim('web:lease', 30, 'alive')).toBe('acquired');
  });

  it('lets only the current owner start sending, with a fresh lease', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('zalo-bot:s', 40, 'slow')).toBe('acquired');
    await new Promise((resolve) => setTimeout(resolve, 80));
    // The slow attempt's lease ran out and another took the delivery: the slow one must not send.
    expect(await ledger.claim('zalo-bot:s', 10_000, 'quick')).toBe('acquired');
    expect(await ledger.beginSending('zalo-bot:s', 'slow', 10_000)).toBe(false);
    expect(await ledger.beginSending('zalo-bot:s', 'quick', 10_000)).toBe(true);
    expect(await ledger.claim('zalo-bot:s', 10_000, 'third')).toBe('busy');
    await ledger.release('zalo-bot:s', 'quick');
    expect(await ledger.claim('zalo-bot:s', 10_000, 'third')).toBe('acquired');
  });

  it('lets an attempt whose claim ran out, with nobody taking over, still send', async () => {
    const ledger = create(60_000);
    expect(await ledger.claim('zalo-oa:slow', 30, 'slow')).toBe('acquired');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await ledger.beginSending('zalo-oa:slow', 'slow', 10_000)).toBe(true);
    expect(await ledger.claim('zalo-oa:slow', 10_000, 'other')).toBe('busy');
    await ledger.complete('zalo-oa:slow');
    expect(await ledger.beginSending('zalo-oa:slow', 'late', 10_000)).toBe(false);
  });

  it('keeps deliveries of different channels apart', async () => {
    const ledger = create(60_000);
    await ledger.complete('telegram:7');
    expect(await ledger.claim('zalo-oa:7', 1000, 'a')).toBe('acquired');
  });
});

/** A shared ledger that fails while `down`, as the Redis one does during an outage or a hang. */
class FlakyLedger implements DeliveryLedger {
  down = false;
  readonly inner = new MemoryDeliveryLedger(60_000);

  private async call<T>(action: () => Promise<T>): Promise<T> {
    if (this.down) throw new RedisUnavailableError();
    return action();
  }
  claim(key: string, leaseMs: number, owner: string): Promise<ClaimResult> {
    return this.call(() => this.inner.claim(key, leaseMs, owner));
  }
  beginSending(key: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.call(() => this.inner.beginSending(key, owner, leaseMs));
  }
  complete(key: string): Promise<void> {
    return this.call(() => this.inner.complete(key));
  }
  release(key: string, owner: string): Promise<void> {
    return this.call(() => this.inner.release(key, owner));
  }
  isDone(key: string): Promise<boolean> {
    return this.call(() => this.inner.isDone(key));
  }
}

describe('LayeredDeliveryLedger while the shared ledger fails (beyond the contract)', () => {
  it('answers a delivery once in this process during the outage, and tells the shared ledger afterwards', async () => {
    const shared = new FlakyLedger();
    const ledger = new LayeredDeliveryLedger(shared, new MemoryDeliveryLedger(60_000));
    shared.down = true;
    expect(await ledger.claim('zalo-oa:x', 10_000, 'a')).toBe('acquired');
    expect(await ledger.claim('zalo-oa:x', 10_000, 'b')).toBe('busy');
    expect(await ledger.beginSending('zalo-oa:x', 'a', 10_000)).toBe(true);
    await ledger.complete('zalo-oa:x');
    expect(await ledger.claim('zalo-oa:x', 10_000, 'c')).toBe('done');

    shared.down = false;
    // The first successful call writes the missed completion to the shared ledger, for the other processes.
    expect(await ledger.claim('zalo-oa:y', 10_000, 'd')).toBe('acquired');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await shared.inner.isDone('zalo-oa:x')).toBe(true);
  });

  it('keeps a copy claimed in Redis once it is back from answering beside an attempt claimed during the outage', async () => {
    const shared = new FlakyLedger();
    const ledger = new LayeredDeliveryLedger(shared, new MemoryDeliveryLedger(60_000));
    shared.down = true;
    expect(await ledger.claim('zalo-oa:copy', 10_000, 'from-memory')).toBe('acquired');
    shared.down = false;
    expect(await ledger.claim('zalo-oa:copy', 10_000, 'from-redis')).toBe('busy');
    // The busy copy left no claim behind in Redis: the first attempt's completion is what counts.
    expect(await shared.inner.claim('zalo-oa:copy', 10_000, 'probe')).toBe('acquired');
  });

  it('never sends what this process knows was answered, even when the claim cannot be checked', async () => {
    const shared = new FlakyLedger();
    const ledger = new LayeredDeliveryLedger(shared, new MemoryDeliveryLedger(60_000));
    expect(await ledger.claim('telegram:z', 10_000, 'a')).toBe('acquired');
    shared.down = true;
    expect(await ledger.beginSending('telegram:z', 'a', 10_000)).toBe(true);
    await ledger.complete('telegram:z');
    expect(await ledger.beginSending('telegram:z', 'late', 10_000)).toBe(false);
  });
});
