import { assertReady, type RedisClient } from '../redis-connection.ts';
import type { ClaimResult, DeliveryLedger } from './port.ts';

/** Deletes the key only while it still holds a claim, so a release never erases a "done". */
const RELEASE_SCRIPT =
  "if redis.call('GET', KEYS[1]) == 'claimed' then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * The ledger in Redis (`{prefix}delivery:{channel}:{message id}`): SET NX with a lease while processing,
 * "done" with the de-duplication TTL afterwards. Shared by every process, so a webhook retried to another
 * process is still answered once.
 */
export class RedisDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly doneTtlMs: number,
  ) {}

  private key(delivery: string): string {
    return `${this.prefix}delivery:${delivery}`;
  }

  async claim(delivery: string, leaseMs: number): Promise<ClaimResult> {
    assertReady(this.redis);
    const key = this.key(delivery);
    const set = await this.redis.set(key, 'claimed', { condition: 'NX', expiration: { type: 'PX', value: leaseMs } });
    if (set === 'OK') return 'acquired';
    return (await this.redis.get(key)) === 'done' ? 'done' : 'busy';
  }

  async complete(delivery: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.set(this.key(delivery), 'done', { expiration: { type: 'PX', value: this.doneTtlMs } });
  }

  async release(delivery: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.eval(RELEASE_SCRIPT, { keys: [this.key(delivery)], arguments: [] });
  }

  async isDone(delivery: string): Promise<boolean> {
    assertReady(this.redis);
    return (await this.redis.get(this.key(delivery))) === 'done';
  }
}
