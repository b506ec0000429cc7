import { assertReady, type RedisClient } from '../redis-connection.ts';
import type { ClaimResult, DeliveryLedger } from './port.ts';

/**
 * Turns the owner's claim (or a claim that ran out, nobody holding the key) into "sending" with a fresh
 * lease; 0 when someone else holds it now or it is done.
 */
const BEGIN_SENDING_SCRIPT =
  "local v = redis.call('GET', KEYS[1]) if v == ARGV[1] or not v then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end";

/** Deletes the key only while it holds the owner's claim, so a release never erases a "done" or another's claim. */
const RELEASE_SCRIPT =
  "local v = redis.call('GET', KEYS[1]) if v == ARGV[1] or v == ARGV[2] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * The ledger in Redis (`{prefix}delivery:{channel}:{message id}`): SET NX `claimed:{owner}` with a lease while
 * answering, `sending:{owner}` with a fresh lease during the platform call (a check-and-set in one script),
 * `done` with the de-duplication TTL afterwards. Shared by every process, so a webhook retried to another
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

  async claim(delivery: string, leaseMs: number, owner: string): Promise<ClaimResult> {
    assertReady(this.redis);
    const key = this.key(delivery);
    const set = await this.redis.set(key, `claimed:${owner}`, {
      condition: 'NX',
      expiration: { type: 'PX', value: leaseMs },
    });
    if (set === 'OK') return 'acquired';
    return (await this.redis.get(key)) === 'done' ? 'done' : 'busy';
  }

  async beginSending(delivery: string, owner: string, leaseMs: number): Promise<boolean> {
    assertReady(this.redis);
    const moved = await this.redis.eval(BEGIN_SENDING_SCRIPT, {
      keys: [this.key(delivery)],
      arguments: [`claimed:${owner}`, `sending:${owner}`, String(leaseMs)],
    });
    return moved === 1;
  }

  async complete(delivery: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.set(this.key(delivery), 'done', { expiration: { type: 'PX', value: this.doneTtlMs } });
  }

  async release(delivery: string, owner: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.eval(RELEASE_SCRIPT, {
      keys: [this.key(delivery)],
      arguments: [`claimed:${owner}`, `sending:${owner}`],
    });
  }

  async isDone(delivery: string): Promise<boolean> {
    assertReady(this.redis);
    return (await this.redis.get(this.key(delivery))) === 'done';
  }
}
