import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';

/** The admin session cookie: HttpOnly, SameSite=Strict, scoped to /admin. */
export const ADMIN_SESSION_COOKIE = 'hoidap_admin';

/** A page left open longer than this must be reloaded before it can change anything. */
export const ADMIN_SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const SESSION = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

/**
 * Anti-CSRF tokens bound to the admin session (the signed double-submit pattern): the session id lives in an
 * HttpOnly cookie, and every state-changing request must also carry HMAC(key, session id), which only a page
 * served to that session knows. The key is derived from ADMIN_TOKEN, so every process behind a load balancer
 * accepts the tokens of the others, and changing ADMIN_TOKEN voids them all. A cookie planted from a sibling
 * subdomain does not help an attacker: without the key they cannot compute its token.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(
    adminToken: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', adminToken).update('hoidap admin csrf v1').digest();
  }

  /** A fresh session id: issue time and 128 random bits. */
  newSession(): string {
    return `${this.now().toString(36)}.${randomBytes(16).toString('base64url')}`;
  }

  /**
   * True for a well-formed session id with at least `remainingMs` left before it expires (it may still be one
   * this server never issued: what matters is that only this server can compute its token).
   */
  isLive(session: string | undefined, remainingMs = 0): session is string {
    const match = session === undefined ? null : SESSION.exec(session);
    if (!match) return false;
    const age = this.now() - Number.parseInt(match[1]!, 36);
    return age >= 0 && age < ADMIN_SESSION_MAX_AGE_MS - remainingMs;
  }

  tokenFor(session: string): string {
    return createHmac('sha256', this.key).update(session).digest('base64url');
  }

  verify(session: string | undefined, token: string | undefined): boolean {
    if (!this.isLive(session) || !token) return false;
    return constantTimeEqual(token, this.tokenFor(session));
  }
}

/** One cookie's value from a Cookie header (no dependency for a single name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
