import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.ts';

async function elapsed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe('sleep', () => {
  it.each([
    ['without a signal', () => sleep(40)],
    ['with a signal that stays quiet', () => sleep(40, new AbortController().signal)],
    ['unreferenced', () => sleep(40, undefined, { ref: false })],
  ])('waits the time %s', async (_name, run) => {
    expect(await elapsed(run)).toBeGreaterThanOrEqual(35);
  });

  it('resolves at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await elapsed(() => sleep(10_000, controller.signal))).toBeLessThan(1000);
  });

  it('resolves (does not reject) when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopping')), 20);
    expect(await elapsed(() => sleep(10_000, controller.signal))).toBeLessThan(1000);
  });
});
