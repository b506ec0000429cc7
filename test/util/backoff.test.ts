import { describe, expect, it } from 'vitest';
import { cappedExponentialBackoffMs } from '../../src/util/backoff.ts';

describe('cappedExponentialBackoffMs', () => {
  const limits = { firstMs: 1000, maxMs: 30_000 };

  it.each([
    [0, 1000],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
  ])('after %i failures waits %i ms', (failures, expected) => {
    expect(cappedExponentialBackoffMs(failures, limits)).toBe(expected);
  });

  it('honours other limits', () => {
    expect(cappedExponentialBackoffMs(3, { firstMs: 250, maxMs: 60_000 })).toBe(1000);
    expect(cappedExponentialBackoffMs(8, { firstMs: 1000, maxMs: 60_000 })).toBe(60_000);
  });
});
