import { randomBytes } from 'node:crypto';

/** The web chat's conversation handle: an opaque random id, so nobody can name someone else's. */
export const SESSION_COOKIE = 'hoidap_session';

/** 16 random bytes in base64url: unguessable, and a shape a client cannot smuggle anything else through. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/** The session id in a `Cookie` header, or null when there is none or it is not one the server could issue. */
export function sessionIdFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(at + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return null;
}

/**
 * The `Set-Cookie` value: HttpOnly (page scripts never see it), SameSite=Lax (another site's form or fetch
 * does not carry it, so it cannot ask or wipe in the user's name), Secure when the page is served over https.
 */
export function sessionCookie(id: string, { maxAgeS, secure }: { maxAgeS: number; secure: boolean }): string {
  return `${SESSION_COOKIE}=${id}; Path=/; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
