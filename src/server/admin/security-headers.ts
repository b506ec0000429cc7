import { PAGE_STYLE_SOURCE } from '../web/html.ts';

/**
 * Headers on every /admin response. The policy allows scripts and styles from this server only (the shared
 * inline style by its hash, no inline script at all), connections to this server only, forms posting to this
 * server only, and no framing, so an injected tag could neither run nor send anything elsewhere, and the admin
 * page cannot be clickjacked.
 */
export const ADMIN_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${PAGE_STYLE_SOURCE}`,
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Pages carry the CSRF token and the documents list; nothing of /admin belongs in a shared cache.
  'cache-control': 'no-store',
});
