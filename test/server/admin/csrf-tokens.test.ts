import { describe, expect, it } from 'vitest';
import { ADMIN_SESSION_MAX_AGE_MS, CsrfTokens, cookieValue } from '../../../src/server/admin/csrf-tokens.ts';
import { LoginThrottle } from '../../../src/server/admin/login-throttle.ts';

describe('CsrfTokens', () => {
  it('verifies a token only for its own live session, across processes sharing ADMIN_TOKEN', () => {
    let now = 1_700_000_000_000;
    const tokens = new CsrfTokens('quan-tri-bi-mat', () => now);
    const otherProcess = new CsrfTokens('quan-tri-bi-mat', () => now);
    const session = tokens.newSession();
    const token = tokens.tokenFor(session);
    expect(otherProcess.verify(session, token)).toBe(true);
    expect(tokens.verify(tokens.newSession(), token)).toBe(false);
    expect(new CsrfTokens('ma-quan-tri-moi', () => now).verify(session, token)).toBe(false);
    expect(tokens.verify(session, undefined)).toBe(false);
    expect(tokens.verify('gia.mao', tokens.tokenFor('gia.mao'))).toBe(false);
    now += ADMIN_SESSION_MAX_AGE_MS;
    expect(tokens.verify(session, token)).toBe(false);
  });

  it('reads one cookie from a Cookie header', () => {
    expect(cookieValue('a=1; hoidap_admin=x.y; b=2', 'hoidap_admin')).toBe('x.y');
    expect(cookieValue('xhoidap_admin=1', 'hoidap_admin')).toBeUndefined();
    expect(cookieValue(undefined, 'hoidap_admin')).toBeUndefined();
  });
});

describe('LoginThrottle', () => {
  it('refuses a client for the rest of its window once it used up its wrong tokens', () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    expect([throttle.recordFailure('a'), throttle.recordFailure('a'), throttle.recordFailure('a')]).toEqual([
      false,
      false,
      true,
    ]);
    now = 20_000;
    expect(throttle.retryAfterMs('a')).toBe(40_000);
    expect(throttle.retryAfterMs('b')).toBe(0);
    now = 60_000;
    expect(throttle.retryAfterMs('a')).toBe(0);
  });

  it('forgets a client on the right token, and the oldest clients when too many are tracked', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, windowMs: 60_000, maxTracked: 2 });
    throttle.recordFailure('a');
    throttle.recordSuccess('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
    for (const client of ['b', 'c', 'd']) throttle.recordFailure(client);
    expect([throttle.retryAfterMs('b'), throttle.retryAfterMs('c') > 0, throttle.retryAfterMs('d') > 0]).toEqual([
      0,
      true,
      true,
    ]);
  });
});
