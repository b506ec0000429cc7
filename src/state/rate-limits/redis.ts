import { assertReady, type RedisClient } from '../redis-connection.ts';
import { decide, RATE_WINDOW_MS, type RateDecision, type RateLimiter } from './port.ts';

/** A window's counter outlives its window by one more, then Redis forgets it. */
const COUNTER_TTL_MS = 2 * RATE_WINDOW_MS;

/** Fixed one-minute windows counted in Redis (`{prefix}rate:{user}:{window}`), shared by every process. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async consume(user: string): Promise<RateDecision> {
    assertReady(this.redis);
    const window = Math.floor(this.now() / RATE_WINDOW_MS);
    const key = `${this.prefix}rate:${user}:${window}`;
    const [count] = await this.redis.multi().incr(key).pExpire(key, COUNTER_TTL_MS).exec();
    return decide(Number(count), this.limit);
  }
}
