import { createHash, timingSafeEqual } from 'node:crypto';

export interface ZaloOaSignatureInput {
  appId: string;
  /** The request body exactly as received. */
  rawBody: Buffer;
  /** The body's `timestamp` field, as sent. */
  timestamp: string;
  oaSecretKey: string;
}

/** `sha256(app_id + raw body + timestamp + OA secret key)` in hex: what Zalo puts after `mac=`. */
export function zaloOaSignature({ appId, rawBody, timestamp, oaSecretKey }: ZaloOaSignatureInput): string {
  return createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest('hex');
}

/**
 * Checks an `X-ZEvent-Signature` header (`mac=<hex>`, the prefix tolerated when missing) in constant time.
 * A header of the wrong length is compared against itself so that it costs the same as a wrong value.
 */
export function verifyZaloOaSignature(header: string | undefined, input: ZaloOaSignatureInput): boolean {
  if (!header) return false;
  const given = Buffer.from(
    header
      .trim()
      .replace(/^mac\s*=\s*/i, '')
      .toLowerCase(),
    'utf8',
  );
  const expected = Buffer.from(zaloOaSignature(input), 'utf8');
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
