import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../../src/state/rate-limits/memory.ts';
import type { RateLimiter } from '../../../src/state/rate-limits/port.ts';
import { RedisRateLimiter } from '../../../src/state/rate-limits/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every RateLimiter must have; each `create` returns a fresh limiter on the given clock. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: (limit: number, now: () => number) => RateLimiter]> = [
  ['MemoryRateLimiter', (limit, now) => new MemoryRateLimiter(limit, now)],
  ['RedisRateLimiter', (limit, now) => new RedisRateLimiter(redis.client(), redis.prefix(), limit, now)],
];

describe.each(implementations)('%s (RateLimiter contract)', (_name, create) => {
  it('allows the limit, warns once, then stays silent until the window passes', async () => {
    const clock = { now: 1_700_000_000_000 - (1_700_000_000_000 % 60_000) };
    const limiter = create(3, () => clock.now);
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.consume('telegram:42'));
    expect(decisions).toEqual(['allowed', 'allowed', 'allowed', 'limited-first', 'limited', 'limited']);
    expect(await limiter.consume('telegram:43')).toBe('allowed');
    clock.now += 60_000;
    expect(await limiter.consume('telegram:42')).toBe('allowed');
  });
});
