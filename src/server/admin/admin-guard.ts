import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';
import { crossSiteReason } from './cross-site-check.ts';
import { ADMIN_SESSION_COOKIE, ADMIN_SESSION_MAX_AGE_MS, type CsrfTokens, cookieValue } from './csrf-tokens.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { ADMIN_SECURITY_HEADERS } from './security-headers.ts';

export interface AdminGuardOptions {
  token: string;
  throttle: LoginThrottle;
  csrf: CsrfTokens;
  /** Hosts the admin pages are reached under besides the request's own Host (PUBLIC_URL's). */
  trustedHosts: readonly string[];
}

/** Header a script sends the CSRF token in; HTML forms send it as the `_csrf` field instead. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const STALE_PAGE = 'thiếu mã chống giả mạo (CSRF) hoặc mã đã hết hạn: hãy tải lại trang quản trị rồi làm lại';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

type Credentials = { scheme: 'bearer' | 'basic'; token: string } | null;

/** The token comes as `Authorization: Bearer <token>`, or as the password of HTTP Basic (what a browser asks for). */
function presentedCredentials(request: FastifyRequest): Credentials {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return { scheme: 'bearer', token: header.slice(7) };
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return { scheme: 'basic', token: decoded.slice(decoded.indexOf(':') + 1) };
  }
  return null;
}

function isUrlEncodedForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.status(status).type('application/json').send({ error });
}

/**
 * Everything under /admin passes here first:
 * 1. a client that presented too many wrong tokens is refused (429) until its window ends;
 * 2. the admin token, as Bearer or as the Basic password (401 with a Basic challenge otherwise);
 * 3. a state-changing request must come from this site (Sec-Fetch-Site, Origin) and, unless it uses Bearer
 *    (which a browser never attaches by itself), carry the session's CSRF token in `x-csrf-token` or, from an
 *    HTML form, in the `_csrf` field.
 * Every response gets the security headers. The client is the socket address, not X-Forwarded-For: a header
 * the client writes itself must not let it pick a fresh budget of guesses per request.
 */
export function guardAdmin(admin: FastifyInstance, options: AdminGuardOptions): void {
  const formChecked = new WeakSet<FastifyRequest>();

  admin.addHook('onSend', async (_, reply) => {
    reply.headers(ADMIN_SECURITY_HEADERS);
  });

  admin.addHook('onRequest', async (request, reply) => {
    const credentials = authenticate(request, reply, options);
    if (credentials === null) return reply;
    if (SAFE_METHODS.has(request.method)) return;
    const check = stateChangeCheck(request, credentials, options);
    if (check === 'after parsing the form') formChecked.add(request);
    else if (check !== 'allowed') return refuse(reply, 403, check);
  });

  // A form's token is in its body, readable only once the body is parsed.
  admin.addHook('preValidation', async (request, reply) => {
    if (!formChecked.has(request)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const field = body?.[CSRF_FIELD];
    if (!options.csrf.verify(sessionOf(request), typeof field === 'string' ? field : undefined)) {
      return refuse(reply, 403, STALE_PAGE);
    }
  });
}

/** The credentials when the client may come in; otherwise the refusal (429 or 401) is sent and null returned. */
function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  { token, throttle }: AdminGuardOptions,
): NonNullable<Credentials> | null {
  const client = request.socket.remoteAddress ?? 'unknown';
  const wait = throttle.retryAfterMs(client);
  if (wait > 0) {
    reply.status(429).header('retry-after', String(Math.ceil(wait / 1000)));
    void reply.send({ error: 'quá nhiều lần nhập sai mã quản trị; hãy thử lại sau' });
    return null;
  }
  const credentials = presentedCredentials(request);
  if (credentials === null || !constantTimeEqual(credentials.token, token)) {
    if (credentials !== null && throttle.recordFailure(client)) {
      request.log.warn({ client }, 'admin: too many wrong tokens, refusing this client for a while');
    }
    reply.status(401).header('www-authenticate', 'Basic realm="hoidap-admin", charset="UTF-8"');
    void reply.send({ error: 'unauthorised' });
    return null;
  }
  throttle.recordSuccess(client);
  return credentials;
}

/** Whether a state-changing request may go on, must show its form token once parsed, or why it is refused. */
function stateChangeCheck(
  request: FastifyRequest,
  credentials: NonNullable<Credentials>,
  { csrf, trustedHosts }: AdminGuardOptions,
): 'allowed' | 'after parsing the form' | string {
  const crossSite = crossSiteReason(request.headers, [request.host, request.headers.host ?? '', ...trustedHosts]);
  if (crossSite) {
    const { method, url } = request;
    request.log.warn(
      { client: request.socket.remoteAddress, method, url, crossSite },
      'admin: cross-site request refused',
    );
    return 'yêu cầu từ trang khác bị từ chối';
  }
  if (credentials.scheme === 'bearer') return 'allowed';
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return csrf.verify(sessionOf(request), header) ? 'allowed' : STALE_PAGE;
  return isUrlEncodedForm(request) ? 'after parsing the form' : STALE_PAGE;
}

function sessionOf(request: FastifyRequest): string | undefined {
  return cookieValue(request.headers.cookie, ADMIN_SESSION_COOKIE);
}

/**
 * The CSRF token for a page about to be served, starting a session (cookie) when the request has no live one.
 * A session that is still live is kept, so several admin tabs open at once keep working.
 */
export function csrfTokenForPage(request: FastifyRequest, reply: FastifyReply, csrf: CsrfTokens): string {
  let session = cookieValue(request.headers.cookie, ADMIN_SESSION_COOKIE);
  // A page is good for at least an hour of work; a session closer to its end is replaced.
  if (!csrf.isLive(session, 60 * 60 * 1000)) {
    session = csrf.newSession();
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header(
      'set-cookie',
      `${ADMIN_SESSION_COOKIE}=${session}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${ADMIN_SESSION_MAX_AGE_MS / 1000}${secure}`,
    );
  }
  return csrf.tokenFor(session);
}
