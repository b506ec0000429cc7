import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a state-changing request looks like it was started by another site, or null when it does not.
 * Browsers say where a request comes from in `Sec-Fetch-Site` (anything but `same-origin` is refused: another
 * port on the same host is `same-site`, and is exactly the attacker of a shared intranet host) and in `Origin`
 * (must name one of `hosts`; `null` comes from sandboxed frames and data: pages). Neither header is sent by
 * curl or scripts; those pass here and still need a CSRF token or a Bearer token.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, hosts: readonly string[]): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site: ${site}`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  if (!URL.canParse(origin)) return 'Origin: null';
  const from = new URL(origin);
  // Read each host as if under the origin's scheme, so that "localhost:80" and "http://localhost" agree.
  const same = hosts.some((host) => {
    const candidate = `${from.protocol}//${host}`;
    return host !== '' && URL.canParse(candidate) && new URL(candidate).host === from.host;
  });
  return same ? null : `Origin: ${origin}`;
}
